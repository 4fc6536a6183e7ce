import { type Kysely, type RawBuilder, sql } from "kysely";
import { type DepartmentKind, NATIONAL_REFERENCE } from "@duty/domain";
import type { Database } from "../schema.ts";
import type { ResolvedScope } from "../scope.ts";
import { escapeLike } from "./duties.ts";

/*
 * Statistics answer from the rollups rollups.ts keeps, never by grouping duties: a revision reads
 * its own counts; a region reads its region counts, or for per-department figures the department
 * counts of its counties; the whole country adds up the regions that have no parent. So every
 * statistic adds up at most a few thousand rows, wherever the scope. A scope names the towns that
 * resolveScope (scope.ts) names, a town read through its standing revision, and the rollups count
 * the same standing revisions. test/recount.ts counts the same figures from the duties, and the
 * tests hold the two equal.
 */

/** Share of coordinated + reclaimed items across China's ~38,000 townships; its source and date are in @duty/domain's NATIONAL_REFERENCE. */
export const NATIONAL_DELEGATED_SHARE = NATIONAL_REFERENCE.delegatedShare;

export interface Overview {
  /** Towns in scope (one revision each). */
  towns: number;
  basic: number;
  coordinated: number;
  reclaimed: number;
  total: number;
  /** coordinated / total; 0 for an empty scope. */
  coordinatedShare: number;
  /** reclaimed / total; 0 for an empty scope. */
  reclaimedShare: number;
  /** (coordinated + reclaimed) / total; 0 for an empty scope. */
  delegatedShare: number;
  nationalDelegatedShare: number;
  categories: number;
  /** Distinct departments linked to a duty in scope, as lead or receiver. */
  departments: number;
  leadLinks: number;
  receiverLinks: number;
}

/**
 * A share of the duties of a row `x` with basic, coordinated and reclaimed counts: coordinated,
 * reclaimed, or both (delegated: what the town no longer does alone); 0 when the row has none.
 * The one definition of every share the API returns, sorts by or bins.
 */
function share(x: string, part: "coordinated" | "reclaimed" | "delegated"): RawBuilder<number> {
  const col = (name: string) => sql.ref(`${x}.${name}`);
  const total = sql`(${col("basic")} + ${col("coordinated")} + ${col("reclaimed")})`;
  const counted = part === "delegated" ? sql`${col("coordinated")} + ${col("reclaimed")}` : col(part);
  return sql<number>`case when ${total} = 0 then 0::float8 else (${counted})::float8 / ${total} end`;
}

function shareColumns(x: string): RawBuilder<unknown> {
  return sql`${share(x, "coordinated")} as "coordinatedShare", ${share(x, "reclaimed")} as "reclaimedShare", ${share(x, "delegated")} as "delegatedShare"`;
}

export async function overview(db: Kysely<Database>, scope: ResolvedScope): Promise<Overview> {
  let counts: Omit<Overview, "nationalDelegatedShare">;
  if (scope.kind === "none") {
    counts = {
      ...{ towns: 0, basic: 0, coordinated: 0, reclaimed: 0, total: 0, categories: 0, departments: 0, leadLinks: 0, receiverLinks: 0 },
      ...{ coordinatedShare: 0, reclaimedShare: 0, delegatedShare: 0 },
    };
  } else if (scope.kind === "revision") {
    const revision = ofRevision(scope);
    counts = (
      await sql<typeof counts>`
        select 1 as towns, c.basic, c.coordinated, c.reclaimed, (c.basic + c.coordinated + c.reclaimed)::int as total, ${shareColumns("c")},
          c.categories, d.departments, d."leadLinks", d."receiverLinks"
        from (
          select coalesce(sum(basic), 0)::int as basic, coalesce(sum(coordinated), 0)::int as coordinated,
            coalesce(sum(reclaimed), 0)::int as reclaimed, count(*)::int as categories
          from revision_category_counts where ${revision}
        ) c, (
          select count(distinct department_id)::int as departments, coalesce(sum(led), 0)::int as "leadLinks",
            coalesce(sum(received), 0)::int as "receiverLinks"
          from revision_department_counts where ${revision}
        ) d
      `.execute(db)
    ).rows[0]!;
  } else {
    const regions = ofRegion(scope);
    counts = (
      await sql<typeof counts>`
        select t.towns, c.basic, c.coordinated, c.reclaimed, (c.basic + c.coordinated + c.reclaimed)::int as total, ${shareColumns("c")},
          c.categories, t.departments, l."leadLinks", l."receiverLinks"
        from (
          select coalesce(sum(towns), 0)::int as towns, coalesce(sum(departments), 0)::int as departments
          from region_counts where ${regions}
        ) t, (
          select coalesce(sum(basic), 0)::int as basic, coalesce(sum(coordinated), 0)::int as coordinated,
            coalesce(sum(reclaimed), 0)::int as reclaimed, count(distinct category_id)::int as categories
          from region_category_counts where ${regions}
        ) c, (
          select coalesce(sum(led), 0)::int as "leadLinks", coalesce(sum(received), 0)::int as "receiverLinks"
          from region_short_name_counts where ${regions}
        ) l
      `.execute(db)
    ).rows[0]!;
  }
  return { ...counts, nationalDelegatedShare: NATIONAL_DELEGATED_SHARE };
}

export interface CategoryRow {
  categoryId: number;
  category: string;
  basic: number;
  coordinated: number;
  reclaimed: number;
  total: number;
}

/** Duties per category per list, categories in the order they were first imported (the documents' order). */
export async function dutiesByCategory(db: Kysely<Database>, scope: ResolvedScope): Promise<CategoryRow[]> {
  if (scope.kind === "none") return [];
  const { rows } = await sql<CategoryRow>`
    select c.id as "categoryId", c.name as category, x.basic, x.coordinated, x.reclaimed,
      (x.basic + x.coordinated + x.reclaimed)::int as total
    from (${categoryCounts(scope)}) x join categories c on c.id = x.category_id
    order by c.id
  `.execute(db);
  return rows;
}

export interface ReclaimedVsRetainedRow {
  categoryId: number;
  category: string;
  /** Basic + coordinated: the town still does (part of) the work. */
  retained: number;
  reclaimed: number;
}

export async function reclaimedVsRetained(db: Kysely<Database>, scope: ResolvedScope): Promise<ReclaimedVsRetainedRow[]> {
  if (scope.kind === "none") return [];
  const { rows } = await sql<ReclaimedVsRetainedRow>`
    select c.id as "categoryId", c.name as category, (x.basic + x.coordinated)::int as retained, x.reclaimed
    from (${categoryCounts(scope)}) x join categories c on c.id = x.category_id
    order by c.id
  `.execute(db);
  return rows;
}

interface Load {
  /** Coordinated duties the department leads (a duty naming several departments counts for each). */
  coordinatedLed: number;
  /** Reclaimed duties it took back. */
  reclaimedReceived: number;
  /** coordinatedLed + reclaimedReceived: what "heaviest" means. */
  total: number;
  /** Town-side steps of the coordinated duties it leads. */
  townSteps: number;
  /**
   * Department-side steps of the coordinated duties it leads: those assigned to it plus those
   * assigned to no department (a shared cell); steps the cell gives a co-lead are the co-lead's.
   */
  departmentSteps: number;
}

export interface DepartmentLoadRow extends Load {
  departmentId: number;
  name: string;
  shortName: string;
  kind: DepartmentKind;
  countyId: number;
  county: string;
}

export interface ShortNameLoadRow extends Load {
  shortName: string;
  /** Counties in scope where a department of this short name has a duty. */
  counties: number;
}

/** One page of a list-shaped statistic. */
export interface Page<T> {
  items: T[];
  /** Rows in the whole list (every page). */
  total: number;
  /** The cursor of the next page; null on the last. */
  nextCursor: number | null;
}

/** How a load list is ordered; every order ends with the id (or short name) so pages never overlap. */
export const LOAD_SORTS = ["total", "led", "received", "townSteps", "departmentSteps", "name"] as const;
export type LoadSort = (typeof LOAD_SORTS)[number];

export interface LoadPageOptions {
  /** Rows per page; all of them when absent (the country has about 100,000 county departments). */
  limit?: number | undefined;
  /** The previous page's nextCursor (rows to skip). */
  cursor?: number | undefined;
  /** Default "total": heaviest first, then most led, most received. */
  sort?: LoadSort | undefined;
  /** Only departments whose name (or short name) contains every word of this text. */
  q?: string | undefined;
}

/** The ORDER BY of a load list over x(led, received, town_steps, department_steps) and its name and key columns. */
function loadOrder(sort: LoadSort, name: RawBuilder<unknown>, key: RawBuilder<unknown>): RawBuilder<unknown> {
  const heaviest = sql`x.led + x.received desc, x.led desc, x.received desc`;
  switch (sort) {
    case "total":
      return sql`${heaviest}, ${key}`;
    case "led":
      return sql`x.led desc, x.received desc, ${key}`;
    case "received":
      return sql`x.received desc, x.led desc, ${key}`;
    case "townSteps":
      return sql`x.town_steps desc, ${heaviest}, ${key}`;
    case "departmentSteps":
      return sql`x.department_steps desc, ${heaviest}, ${key}`;
    case "name":
      return sql`${name}, ${key}`;
  }
}

function pageClause(options: Pick<LoadPageOptions, "limit" | "cursor">): RawBuilder<unknown> {
  const limit = options.limit === undefined ? sql`` : sql`limit ${options.limit}`;
  return sql`${limit} offset ${options.cursor ?? 0}`;
}

function nextCursor(options: Pick<LoadPageOptions, "limit" | "cursor">, shown: number, total: number): number | null {
  const next = (options.cursor ?? 0) + shown;
  return options.limit !== undefined && next < total ? next : null;
}

/**
 * A name filter: every word of the text (spaces separate words, 玛纳斯县 农业) contained in the name,
 * matched literally (% and _ only themselves), so a county and a bureau typed together find one department.
 */
function nameFilter(column: RawBuilder<unknown>, q: string | undefined): RawBuilder<unknown> {
  const words = (q ?? "").split(/\s+/u).filter(Boolean);
  if (words.length === 0) return sql`true`;
  return sql.join(
    words.map((w) => sql`${column} ilike ${`%${escapeLike(w)}%`}`),
    sql` and `,
  );
}

/** Work per county department, heaviest first by default, one page at a time. */
export async function departmentLoad(
  db: Kysely<Database>,
  scope: ResolvedScope,
  options: LoadPageOptions = {},
): Promise<Page<DepartmentLoadRow>> {
  if (scope.kind === "none") return { items: [], total: 0, nextCursor: null };
  const counts =
    scope.kind === "revision"
      ? sql`
          select department_id, sum(led)::int as led, sum(received)::int as received,
            sum(town_steps)::int as town_steps, sum(department_steps)::int as department_steps
          from revision_department_counts where ${ofRevision(scope)}
          group by department_id
        `
      : sql`select department_id, led, received, town_steps, department_steps from department_counts where ${ofCounties(scope)}`;
  const filter = nameFilter(sql.ref("dep.name"), options.q);
  // For the country, the default order is department_counts_load_idx: a page of 20 reads 20 index entries.
  const { rows: items } = await sql<DepartmentLoadRow>`
    select dep.id as "departmentId", dep.name, dep.short_name as "shortName", dep.kind, dep.county_id as "countyId", county.name as county,
      x.led as "coordinatedLed", x.received as "reclaimedReceived", (x.led + x.received)::int as total,
      x.town_steps as "townSteps", x.department_steps as "departmentSteps"
    from (${counts}) x
    join departments dep on dep.id = x.department_id
    join regions county on county.id = dep.county_id
    where ${filter}
    order by ${loadOrder(options.sort ?? "total", sql`dep.name`, sql`x.department_id`)}
    ${pageClause(options)}
  `.execute(db);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from (${counts}) x join departments dep on dep.id = x.department_id where ${filter}
  `.execute(db);
  return { items, total: rows[0]!.n, nextCursor: nextCursor(options, items.length, rows[0]!.n) };
}

/** The same bureau of every county added up (民政局 of all counties in scope), heaviest first by default. */
export async function departmentLoadByShortName(
  db: Kysely<Database>,
  scope: ResolvedScope,
  options: LoadPageOptions = {},
): Promise<Page<ShortNameLoadRow>> {
  if (scope.kind === "none") return { items: [], total: 0, nextCursor: null };
  const counts =
    scope.kind === "revision"
      ? sql`
          select dep.short_name, count(distinct dep.county_id)::int as counties, sum(x.led)::int as led, sum(x.received)::int as received,
            sum(x.town_steps)::int as town_steps, sum(x.department_steps)::int as department_steps
          from revision_department_counts x join departments dep on dep.id = x.department_id
          where ${ofRevision(scope, "x")}
          group by dep.short_name
        `
      : sql`
          select short_name, sum(counties)::int as counties, sum(led)::int as led, sum(received)::int as received,
            sum(town_steps)::int as town_steps, sum(department_steps)::int as department_steps
          from region_short_name_counts where ${ofRegion(scope)}
          group by short_name
        `;
  const filter = nameFilter(sql.ref("x.short_name"), options.q);
  const { rows: items } = await sql<ShortNameLoadRow>`
    select x.short_name as "shortName", x.counties, x.led as "coordinatedLed", x.received as "reclaimedReceived",
      (x.led + x.received)::int as total, x.town_steps as "townSteps", x.department_steps as "departmentSteps"
    from (${counts}) x
    where ${filter}
    order by ${loadOrder(options.sort ?? "total", sql`x.short_name`, sql`x.short_name`)}
    ${pageClause(options)}
  `.execute(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${counts}) x where ${filter}`.execute(db);
  return { items, total: rows[0]!.n, nextCursor: nextCursor(options, items.length, rows[0]!.n) };
}

export interface MatrixCell {
  /** null when rows are grouped by short name across counties. */
  departmentId: number | null;
  /** Full name, or the short name when grouped by it. */
  department: string;
  categoryId: number;
  category: string;
  coordinated: number;
  reclaimed: number;
  /** coordinated + reclaimed. */
  total: number;
}

export interface MatrixPage {
  /** Non-empty cells of the page's departments: departments heaviest first (as departmentLoad), then categories. */
  cells: MatrixCell[];
  /** Departments (or short names) in scope: every page's rows. */
  departments: number;
  nextCursor: number | null;
}

/**
 * Department × category counts of coordinated and reclaimed duties, for a page of departments:
 * the heaviest first by their total over every category, as departmentLoad orders them.
 */
export async function departmentCategoryMatrix(
  db: Kysely<Database>,
  scope: ResolvedScope,
  by: "department" | "shortName",
  options: Pick<LoadPageOptions, "limit" | "cursor"> = {},
): Promise<MatrixPage> {
  if (scope.kind === "none") return { cells: [], departments: 0, nextCursor: null };
  if (by === "department") {
    const page = await departmentLoad(db, scope, options);
    const ids = page.items.map((d) => d.departmentId);
    const counts =
      scope.kind === "revision"
        ? sql`select department_id, category_id, led, received from revision_department_counts where ${ofRevision(scope)}`
        : sql`select department_id, category_id, led, received from department_category_counts where ${ofCounties(scope)}`;
    const { rows } = await sql<MatrixCell>`
      select dep.id as "departmentId", dep.name as department, c.id as "categoryId", c.name as category,
        x.led as coordinated, x.received as reclaimed, (x.led + x.received)::int as total
      from (${counts}) x
      join departments dep on dep.id = x.department_id
      join categories c on c.id = x.category_id
      where x.department_id = any(${ids}::int[])
      order by array_position(${ids}::int[], x.department_id), c.id
    `.execute(db);
    return { cells: rows, departments: page.total, nextCursor: page.nextCursor };
  }
  const page = await departmentLoadByShortName(db, scope, options);
  const names = page.items.map((d) => d.shortName);
  const counts =
    scope.kind === "revision"
      ? sql`
          select dep.short_name, x.category_id, sum(x.led)::int as led, sum(x.received)::int as received
          from revision_department_counts x join departments dep on dep.id = x.department_id
          where ${ofRevision(scope, "x")} and dep.short_name = any(${names}::text[])
          group by dep.short_name, x.category_id
        `
      : sql`
          select short_name, category_id, sum(led)::int as led, sum(received)::int as received
          from region_short_name_category_counts where ${ofRegion(scope)} and short_name = any(${names}::text[])
          group by short_name, category_id
        `;
  const { rows } = await sql<MatrixCell>`
    select null::int as "departmentId", x.short_name as department, c.id as "categoryId", c.name as category,
      x.led as coordinated, x.received as reclaimed, (x.led + x.received)::int as total
    from (${counts}) x join categories c on c.id = x.category_id
    order by array_position(${names}::text[], x.short_name), c.id
  `.execute(db);
  return { cells: rows, departments: page.total, nextCursor: page.nextCursor };
}

export interface TownShareRow {
  /** The revision that stands for the town (the one asked for, in a revision's scope). */
  revisionId: number;
  townId: number;
  town: string;
  basic: number;
  coordinated: number;
  reclaimed: number;
  total: number;
  coordinatedShare: number;
  reclaimedShare: number;
  delegatedShare: number;
}

export const TOWN_SHARE_SORTS = ["town", "delegatedShareDesc", "delegatedShareAsc", "totalDesc"] as const;
export type TownShareSort = (typeof TOWN_SHARE_SORTS)[number];

/** Each town's standing revision in scope (or the revision asked for) with its list counts and shares, one page at a time. */
export async function townShares(
  db: Kysely<Database>,
  scope: ResolvedScope,
  options: Pick<LoadPageOptions, "limit" | "cursor"> & { sort?: TownShareSort | undefined } = {},
): Promise<Page<TownShareRow>> {
  if (scope.kind === "none") return { items: [], total: 0, nextCursor: null };
  const towns = townCounts(scope);
  const order = {
    town: sql`t.name, x.town_id`,
    delegatedShareDesc: sql`${share("x", "delegated")} desc, t.name, x.town_id`,
    delegatedShareAsc: sql`${share("x", "delegated")}, t.name, x.town_id`,
    totalDesc: sql`x.basic + x.coordinated + x.reclaimed desc, t.name, x.town_id`,
  }[options.sort ?? "town"];
  const { rows: items } = await sql<TownShareRow>`
    select x.revision_id as "revisionId", x.town_id as "townId", t.name as town, x.basic, x.coordinated, x.reclaimed,
      (x.basic + x.coordinated + x.reclaimed)::int as total, ${shareColumns("x")}
    from (${towns}) x join regions t on t.id = x.town_id
    order by ${order}
    ${pageClause(options)}
  `.execute(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${towns}) x`.execute(db);
  return { items, total: rows[0]!.n, nextCursor: nextCursor(options, items.length, rows[0]!.n) };
}

export interface ShareBin {
  /** Lower bound of the delegated share, inclusive (0.35). */
  from: number;
  /** Upper bound, exclusive except for the last bin (0.4; 1 includes 1). */
  to: number;
  towns: number;
}

/** Bins of the histogram: 5 percentage points each. */
export const SHARE_BINS = 20;

/** Towns in scope by delegated share, in SHARE_BINS equal bins from 0 to 1 (empty bins included). */
export async function townShareHistogram(db: Kysely<Database>, scope: ResolvedScope): Promise<ShareBin[]> {
  const towns =
    scope.kind === "none" ? sql`select 0 as town_id, 0 as basic, 0 as coordinated, 0 as reclaimed where false` : townCounts(scope);
  const { rows } = await sql<ShareBin>`
    select b.i::float8 / ${SHARE_BINS} as "from", (b.i + 1)::float8 / ${SHARE_BINS} as "to", count(x.town_id)::int as towns
    from generate_series(0, ${SHARE_BINS - 1}) as b(i)
    left join (${towns}) x on least(floor(${share("x", "delegated")} * ${SHARE_BINS}), ${SHARE_BINS - 1}) = b.i
    group by b.i
    order by b.i
  `.execute(db);
  return rows;
}

/** Per town of the scope: town_id, revision_id and its list counts. */
function townCounts(scope: Exclude<ResolvedScope, { kind: "none" }>): RawBuilder<unknown> {
  if (scope.kind === "revision") {
    return sql`
      select ${scope.townId}::int as town_id, ${scope.revisionId}::bigint as revision_id, coalesce(sum(basic), 0)::int as basic,
        coalesce(sum(coordinated), 0)::int as coordinated, coalesce(sum(reclaimed), 0)::int as reclaimed
      from revision_category_counts where ${ofRevision(scope)}
    `;
  }
  const towns =
    scope.regionId === null ? sql`true` : sql`town_id in (select region_id from region_closure where ancestor_id = ${scope.regionId})`;
  return sql`select town_id, revision_id, basic, coordinated, reclaimed from town_counts where ${towns}`;
}

/** Rows of a per-revision rollup (revision_*): the revision's own. */
function ofRevision(scope: { townId: number; revisionId: number }, table?: string): RawBuilder<unknown> {
  const column = (name: string) => (table ? sql.ref(`${table}.${name}`) : sql.ref(name));
  return sql`${column("town_id")} = ${scope.townId} and ${column("revision_id")} = ${scope.revisionId}`;
}

/** Rows of a region_* rollup: the region's own, or for the country those of the regions without a parent. */
function ofRegion(scope: { regionId: number | null }): RawBuilder<unknown> {
  return scope.regionId === null ? sql`region_id in (select id from regions where parent_id is null)` : sql`region_id = ${scope.regionId}`;
}

/** Rows of a county rollup (department_*): those of the counties inside the region. */
function ofCounties(scope: { regionId: number | null }): RawBuilder<unknown> {
  return scope.regionId === null
    ? sql`true`
    : sql`county_id in (select region_id from region_closure where ancestor_id = ${scope.regionId})`;
}

/** Per category: basic, coordinated and reclaimed duties of the scope. */
function categoryCounts(scope: Exclude<ResolvedScope, { kind: "none" }>): RawBuilder<unknown> {
  return scope.kind === "revision"
    ? sql`select category_id, basic, coordinated, reclaimed from revision_category_counts where ${ofRevision(scope)}`
    : sql`
        select category_id, sum(basic)::int as basic, sum(coordinated)::int as coordinated, sum(reclaimed)::int as reclaimed
        from region_category_counts where ${ofRegion(scope)}
        group by category_id
      `;
}
