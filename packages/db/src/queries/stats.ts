import { type Kysely, type RawBuilder, sql } from "kysely";
import { type DepartmentKind, NATIONAL_REFERENCE } from "@duty/domain";
import type { Database } from "../schema.ts";
import type { ResolvedScope } from "../scope.ts";

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
  /** (coordinated + reclaimed) / total; 0 for an empty scope. */
  delegatedShare: number;
  nationalDelegatedShare: number;
  categories: number;
  /** Distinct departments linked to a duty in scope, as lead or receiver. */
  departments: number;
  leadLinks: number;
  receiverLinks: number;
}

export async function overview(db: Kysely<Database>, scope: ResolvedScope): Promise<Overview> {
  let counts: Omit<Overview, "total" | "delegatedShare" | "nationalDelegatedShare">;
  if (scope.kind === "none") {
    counts = { towns: 0, basic: 0, coordinated: 0, reclaimed: 0, categories: 0, departments: 0, leadLinks: 0, receiverLinks: 0 };
  } else if (scope.kind === "revision") {
    const revision = ofRevision(scope);
    counts = (
      await sql<typeof counts>`
        select 1 as towns, c.basic, c.coordinated, c.reclaimed, c.categories, d.departments, d."leadLinks", d."receiverLinks"
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
        select t.towns, c.basic, c.coordinated, c.reclaimed, c.categories, t.departments, l."leadLinks", l."receiverLinks"
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
  const total = counts.basic + counts.coordinated + counts.reclaimed;
  return {
    ...counts,
    total,
    delegatedShare: total === 0 ? 0 : (counts.coordinated + counts.reclaimed) / total,
    nationalDelegatedShare: NATIONAL_DELEGATED_SHARE,
  };
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

export interface DepartmentLoadOptions {
  /** Only the heaviest this many departments (the whole country has about 100,000). */
  limit?: number | undefined;
}

/** Work per county department, heaviest first. */
export async function departmentLoad(
  db: Kysely<Database>,
  scope: ResolvedScope,
  options: DepartmentLoadOptions = {},
): Promise<DepartmentLoadRow[]> {
  if (scope.kind === "none") return [];
  const counts =
    scope.kind === "revision"
      ? sql`
          select department_id, sum(led)::int as led, sum(received)::int as received,
            sum(town_steps)::int as town_steps, sum(department_steps)::int as department_steps
          from revision_department_counts where ${ofRevision(scope)}
          group by department_id
        `
      : sql`select department_id, led, received, town_steps, department_steps from department_counts where ${ofCounties(scope)}`;
  // For the country, this order is department_counts_load_idx: the top 20 read 20 index entries.
  const { rows } = await sql<DepartmentLoadRow>`
    select dep.id as "departmentId", dep.name, dep.short_name as "shortName", dep.kind, dep.county_id as "countyId", county.name as county,
      x.led as "coordinatedLed", x.received as "reclaimedReceived", x.town_steps as "townSteps", x.department_steps as "departmentSteps"
    from (${counts}) x
    join departments dep on dep.id = x.department_id
    join regions county on county.id = dep.county_id
    order by x.led desc, x.received desc, x.department_id
    ${options.limit === undefined ? sql`` : sql`limit ${options.limit}`}
  `.execute(db);
  return rows;
}

/** The same bureau of every county added up (民政局 of all counties in scope), heaviest first. */
export async function departmentLoadByShortName(db: Kysely<Database>, scope: ResolvedScope): Promise<ShortNameLoadRow[]> {
  if (scope.kind === "none") return [];
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
  const { rows } = await sql<ShortNameLoadRow>`
    select x.short_name as "shortName", x.counties, x.led as "coordinatedLed", x.received as "reclaimedReceived",
      x.town_steps as "townSteps", x.department_steps as "departmentSteps"
    from (${counts}) x
    order by x.led desc, x.received desc, x.short_name
  `.execute(db);
  return rows;
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
}

/** Department × category counts of coordinated and reclaimed duties; only non-empty cells. */
export async function departmentCategoryMatrix(
  db: Kysely<Database>,
  scope: ResolvedScope,
  by: "department" | "shortName",
): Promise<MatrixCell[]> {
  if (scope.kind === "none") return [];
  if (by === "department") {
    const counts =
      scope.kind === "revision"
        ? sql`select department_id, category_id, led, received from revision_department_counts where ${ofRevision(scope)}`
        : sql`select department_id, category_id, led, received from department_category_counts where ${ofCounties(scope)}`;
    const { rows } = await sql<MatrixCell>`
      select dep.id as "departmentId", dep.name as department, c.id as "categoryId", c.name as category,
        x.led as coordinated, x.received as reclaimed
      from (${counts}) x
      join departments dep on dep.id = x.department_id
      join categories c on c.id = x.category_id
      order by c.id, dep.id
    `.execute(db);
    return rows;
  }
  const counts =
    scope.kind === "revision"
      ? sql`
          select dep.short_name, x.category_id, sum(x.led)::int as led, sum(x.received)::int as received
          from revision_department_counts x join departments dep on dep.id = x.department_id
          where ${ofRevision(scope, "x")}
          group by dep.short_name, x.category_id
        `
      : sql`
          select short_name, category_id, sum(led)::int as led, sum(received)::int as received
          from region_short_name_category_counts where ${ofRegion(scope)}
          group by short_name, category_id
        `;
  const { rows } = await sql<MatrixCell>`
    select null::int as "departmentId", x.short_name as department, c.id as "categoryId", c.name as category,
      x.led as coordinated, x.received as reclaimed
    from (${counts}) x join categories c on c.id = x.category_id
    order by c.id, x.short_name
  `.execute(db);
  return rows;
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
  return scope.regionId === null ? sql`true` : sql`county_id in (select region_id from region_closure where ancestor_id = ${scope.regionId})`;
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
