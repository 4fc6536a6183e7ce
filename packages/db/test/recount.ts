import { type Kysely, sql } from "kysely";
import {
  type CategoryRow,
  type DepartmentLoadRow,
  type LoadPageOptions,
  type LoadSort,
  type MatrixPage,
  NATIONAL_DELEGATED_SHARE,
  type Overview,
  type Page,
  type ReclaimedVsRetainedRow,
  SHARE_BINS,
  type ShareBin,
  type ShortNameLoadRow,
  type TownShareRow,
  type TownShareSort,
} from "../src/queries/stats.ts";
import type { Database } from "../src/schema.ts";
import { type ResolvedScope, scopeRevisions } from "../src/scope.ts";

/*
 * The statistics of queries/stats.ts counted straight from duties, links and steps with GROUP BY,
 * as they were before rollups: same signatures, same rows. A second definition of every statistic
 * on purpose: the test oracle the rollups are held equal to, and the baseline the benchmark times
 * them against; never served (a national call reads every duty). The scope is the one of scope.ts.
 */

export async function overview(db: Kysely<Database>, scope: ResolvedScope): Promise<Overview> {
  const duties = await db
    .selectFrom(scopeRevisions(db, scope))
    .leftJoin("duties as d", (j) => j.onRef("d.town_id", "=", "s.town_id").onRef("d.revision_id", "=", "s.revision_id"))
    .select([
      sql<number>`count(distinct s.town_id)::int`.as("towns"),
      sql<number>`(count(d.id) filter (where d.list = 'basic'))::int`.as("basic"),
      sql<number>`(count(d.id) filter (where d.list = 'coordinated'))::int`.as("coordinated"),
      sql<number>`(count(d.id) filter (where d.list = 'reclaimed'))::int`.as("reclaimed"),
      sql<number>`count(distinct d.category_id)::int`.as("categories"),
    ])
    .executeTakeFirstOrThrow();
  const links = await scopedLinks(db, scope)
    .select([
      sql<number>`count(distinct l.department_id)::int`.as("departments"),
      sql<number>`(count(*) filter (where l.role = 'lead'))::int`.as("leadLinks"),
      sql<number>`(count(*) filter (where l.role = 'receiver'))::int`.as("receiverLinks"),
    ])
    .executeTakeFirstOrThrow();
  return { ...duties, ...shares(duties), nationalDelegatedShare: NATIONAL_DELEGATED_SHARE, ...links };
}

/** Total and shares of list counts, in plain arithmetic. */
function shares(counts: { basic: number; coordinated: number; reclaimed: number }) {
  const total = counts.basic + counts.coordinated + counts.reclaimed;
  const of = (n: number) => (total === 0 ? 0 : n / total);
  return {
    total,
    coordinatedShare: of(counts.coordinated),
    reclaimedShare: of(counts.reclaimed),
    delegatedShare: of(counts.coordinated + counts.reclaimed),
  };
}

/** Rows sorted by `keys` (each a value to compare, numbers descending when `desc`), then paged as the API pages. */
function paged<T>(rows: T[], options: Pick<LoadPageOptions, "limit" | "cursor">, compare: (a: T, b: T) => number): Page<T> {
  const sorted = [...rows].sort(compare);
  const start = options.cursor ?? 0;
  const items = options.limit === undefined ? sorted.slice(start) : sorted.slice(start, start + options.limit);
  const next = start + items.length;
  return { items, total: rows.length, nextCursor: options.limit !== undefined && next < rows.length ? next : null };
}

/** Compares by each key in turn: [a, b] pairs, numbers or strings, ascending (negate numbers for descending). */
function byKeys(...pairs: [number | string, number | string][]): number {
  for (const [a, b] of pairs) if (a !== b) return a < b ? -1 : 1;
  return 0;
}

function loadCompare<T extends { coordinatedLed: number; reclaimedReceived: number; townSteps: number; departmentSteps: number }>(
  sort: LoadSort,
  name: (row: T) => string,
  key: (row: T) => number | string,
): (a: T, b: T) => number {
  const heaviest = (a: T, b: T): [number, number][] => [
    [-(a.coordinatedLed + a.reclaimedReceived), -(b.coordinatedLed + b.reclaimedReceived)],
    [-a.coordinatedLed, -b.coordinatedLed],
    [-a.reclaimedReceived, -b.reclaimedReceived],
  ];
  return (a, b) => {
    switch (sort) {
      case "total":
        return byKeys(...heaviest(a, b), [key(a), key(b)]);
      case "led":
        return byKeys([-a.coordinatedLed, -b.coordinatedLed], [-a.reclaimedReceived, -b.reclaimedReceived], [key(a), key(b)]);
      case "received":
        return byKeys([-a.reclaimedReceived, -b.reclaimedReceived], [-a.coordinatedLed, -b.coordinatedLed], [key(a), key(b)]);
      case "townSteps":
        return byKeys([-a.townSteps, -b.townSteps], ...heaviest(a, b), [key(a), key(b)]);
      case "departmentSteps":
        return byKeys([-a.departmentSteps, -b.departmentSteps], ...heaviest(a, b), [key(a), key(b)]);
      case "name":
        return byKeys([name(a), name(b)], [key(a), key(b)]);
    }
  };
}

const contains = (text: string, q: string | undefined) => !q || text.toLowerCase().includes(q.toLowerCase());

/** Duties per category per list, categories in the order they were first imported (the documents' order). */
export async function dutiesByCategory(db: Kysely<Database>, scope: ResolvedScope): Promise<CategoryRow[]> {
  return db
    .selectFrom(scopeRevisions(db, scope))
    .innerJoin("duties as d", (j) => j.onRef("d.town_id", "=", "s.town_id").onRef("d.revision_id", "=", "s.revision_id"))
    .innerJoin("categories as c", "c.id", "d.category_id")
    .select([
      "c.id as categoryId",
      "c.name as category",
      sql<number>`(count(*) filter (where d.list = 'basic'))::int`.as("basic"),
      sql<number>`(count(*) filter (where d.list = 'coordinated'))::int`.as("coordinated"),
      sql<number>`(count(*) filter (where d.list = 'reclaimed'))::int`.as("reclaimed"),
      sql<number>`count(*)::int`.as("total"),
    ])
    .groupBy(["c.id", "c.name"])
    .orderBy("c.id")
    .execute();
}

export async function reclaimedVsRetained(db: Kysely<Database>, scope: ResolvedScope): Promise<ReclaimedVsRetainedRow[]> {
  return db
    .selectFrom(scopeRevisions(db, scope))
    .innerJoin("duties as d", (j) => j.onRef("d.town_id", "=", "s.town_id").onRef("d.revision_id", "=", "s.revision_id"))
    .innerJoin("categories as c", "c.id", "d.category_id")
    .select([
      "c.id as categoryId",
      "c.name as category",
      sql<number>`(count(*) filter (where d.list <> 'reclaimed'))::int`.as("retained"),
      sql<number>`(count(*) filter (where d.list = 'reclaimed'))::int`.as("reclaimed"),
    ])
    .groupBy(["c.id", "c.name"])
    .orderBy("c.id")
    .execute();
}

/** Work per county department, sorted and paged as the API does it. */
export async function departmentLoad(
  db: Kysely<Database>,
  scope: ResolvedScope,
  options: LoadPageOptions = {},
): Promise<Page<DepartmentLoadRow>> {
  const rows = await loadLinks(db, scope)
    .innerJoin("regions as county", "county.id", "dep.county_id")
    .select([
      "dep.id as departmentId",
      "dep.name",
      "dep.short_name as shortName",
      "dep.kind",
      "dep.county_id as countyId",
      "county.name as county",
      ...loadColumns,
    ])
    .groupBy(["dep.id", "dep.name", "dep.short_name", "dep.kind", "dep.county_id", "county.name"])
    .execute();
  return paged(
    rows.filter((r) => contains(r.name, options.q)).map((r) => ({ ...r, total: r.coordinatedLed + r.reclaimedReceived })),
    options,
    loadCompare(
      options.sort ?? "total",
      (r) => r.name,
      (r) => r.departmentId,
    ),
  );
}

/** The same bureau of every county added up (民政局 of all counties in scope), sorted and paged. */
export async function departmentLoadByShortName(
  db: Kysely<Database>,
  scope: ResolvedScope,
  options: LoadPageOptions = {},
): Promise<Page<ShortNameLoadRow>> {
  const rows = await loadLinks(db, scope)
    .select(["dep.short_name as shortName", sql<number>`count(distinct dep.county_id)::int`.as("counties"), ...loadColumns])
    .groupBy("dep.short_name")
    .execute();
  return paged(
    rows.filter((r) => contains(r.shortName, options.q)).map((r) => ({ ...r, total: r.coordinatedLed + r.reclaimedReceived })),
    options,
    loadCompare(
      options.sort ?? "total",
      (r) => r.shortName,
      (r) => r.shortName,
    ),
  );
}

/** Department × category cells of a page of departments, heaviest departments first, then categories. */
export async function departmentCategoryMatrix(
  db: Kysely<Database>,
  scope: ResolvedScope,
  by: "department" | "shortName",
  options: Pick<LoadPageOptions, "limit" | "cursor"> = {},
): Promise<MatrixPage> {
  const base = scopedLinks(db, scope)
    .innerJoin("departments as dep", "dep.id", "l.department_id")
    .innerJoin("categories as c", "c.id", "d.category_id")
    .select([
      "c.id as categoryId",
      "c.name as category",
      sql<number>`(count(*) filter (where l.role = 'lead'))::int`.as("coordinated"),
      sql<number>`(count(*) filter (where l.role = 'receiver'))::int`.as("reclaimed"),
    ]);
  if (by === "department") {
    const page = await departmentLoad(db, scope, options);
    const rank = new Map(page.items.map((d, i) => [d.departmentId, i]));
    const cells = await base
      .select(["dep.id as departmentId", "dep.name as department"])
      .groupBy(["dep.id", "dep.name", "c.id", "c.name"])
      .execute();
    return {
      cells: cells
        .filter((c) => rank.has(c.departmentId))
        .map((c) => ({ ...c, total: c.coordinated + c.reclaimed }))
        .sort((a, b) => byKeys([rank.get(a.departmentId)!, rank.get(b.departmentId)!], [a.categoryId, b.categoryId])),
      departments: page.total,
      nextCursor: page.nextCursor,
    };
  }
  const page = await departmentLoadByShortName(db, scope, options);
  const rank = new Map(page.items.map((d, i) => [d.shortName, i]));
  const cells = await base
    .select([sql<number | null>`null::int`.as("departmentId"), "dep.short_name as department"])
    .groupBy(["dep.short_name", "c.id", "c.name"])
    .execute();
  return {
    cells: cells
      .filter((c) => rank.has(c.department))
      .map((c) => ({ ...c, total: c.coordinated + c.reclaimed }))
      .sort((a, b) => byKeys([rank.get(a.department)!, rank.get(b.department)!], [a.categoryId, b.categoryId])),
    departments: page.total,
    nextCursor: page.nextCursor,
  };
}

/** Each town's revision in scope with its list counts and shares, sorted and paged. */
export async function townShares(
  db: Kysely<Database>,
  scope: ResolvedScope,
  options: Pick<LoadPageOptions, "limit" | "cursor"> & { sort?: TownShareSort | undefined } = {},
): Promise<Page<TownShareRow>> {
  const rows = await db
    .selectFrom(scopeRevisions(db, scope))
    .innerJoin("regions as t", "t.id", "s.town_id")
    .leftJoin("duties as d", (j) => j.onRef("d.town_id", "=", "s.town_id").onRef("d.revision_id", "=", "s.revision_id"))
    .select([
      "s.revision_id as revisionId",
      "s.town_id as townId",
      "t.name as town",
      sql<number>`(count(d.id) filter (where d.list = 'basic'))::int`.as("basic"),
      sql<number>`(count(d.id) filter (where d.list = 'coordinated'))::int`.as("coordinated"),
      sql<number>`(count(d.id) filter (where d.list = 'reclaimed'))::int`.as("reclaimed"),
    ])
    .groupBy(["s.revision_id", "s.town_id", "t.name"])
    .execute();
  const sort = options.sort ?? "town";
  return paged(
    rows.map((r) => ({ ...r, ...shares(r) })),
    options,
    (a, b) =>
      byKeys(
        ...(sort === "delegatedShareDesc"
          ? [[-a.delegatedShare, -b.delegatedShare] as [number, number]]
          : sort === "delegatedShareAsc"
            ? [[a.delegatedShare, b.delegatedShare] as [number, number]]
            : sort === "totalDesc"
              ? [[-a.total, -b.total] as [number, number]]
              : []),
        [a.town, b.town],
        [a.townId, b.townId],
      ),
  );
}

/** Towns by delegated share in SHARE_BINS bins, binned in plain arithmetic. */
export async function townShareHistogram(db: Kysely<Database>, scope: ResolvedScope): Promise<ShareBin[]> {
  const { items } = await townShares(db, scope);
  const bins = Array.from({ length: SHARE_BINS }, (_, i) => ({ from: i / SHARE_BINS, to: (i + 1) / SHARE_BINS, towns: 0 }));
  for (const town of items) bins[Math.min(Math.floor(town.delegatedShare * SHARE_BINS), SHARE_BINS - 1)]!.towns++;
  return bins;
}

/** Every department link of a duty in scope, with the duty (d) and the link (l). */
function scopedLinks(db: Kysely<Database>, scope: ResolvedScope) {
  return db
    .selectFrom(scopeRevisions(db, scope))
    .innerJoin("duties as d", (j) => j.onRef("d.town_id", "=", "s.town_id").onRef("d.revision_id", "=", "s.revision_id"))
    .innerJoin("duty_departments as l", (j) => j.onRef("l.town_id", "=", "d.town_id").onRef("l.duty_id", "=", "d.id"));
}

function loadLinks(db: Kysely<Database>, scope: ResolvedScope) {
  return scopedLinks(db, scope)
    .innerJoin("departments as dep", "dep.id", "l.department_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("steps as st")
          .select([
            sql<number>`(count(*) filter (where st.side = 'town'))::int`.as("town"),
            sql<number>`(count(*) filter (where st.side = 'department' and (st.department_id is null or st.department_id = l.department_id)))::int`.as(
              "department",
            ),
          ])
          .whereRef("st.town_id", "=", "l.town_id")
          .whereRef("st.duty_id", "=", "l.duty_id")
          .where("l.role", "=", "lead")
          .as("x"),
      (j) => j.onTrue(),
    );
}

const loadColumns = [
  sql<number>`(count(*) filter (where l.role = 'lead'))::int`.as("coordinatedLed"),
  sql<number>`(count(*) filter (where l.role = 'receiver'))::int`.as("reclaimedReceived"),
  sql<number>`coalesce(sum(x.town), 0)::int`.as("townSteps"),
  sql<number>`coalesce(sum(x.department), 0)::int`.as("departmentSteps"),
] as const;
