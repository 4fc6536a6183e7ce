import { type Kysely, sql } from "kysely";
import {
  type CategoryRow,
  type DepartmentLoadOptions,
  type DepartmentLoadRow,
  type MatrixCell,
  NATIONAL_DELEGATED_SHARE,
  type Overview,
  type ReclaimedVsRetainedRow,
  type ShortNameLoadRow,
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
  const total = duties.basic + duties.coordinated + duties.reclaimed;
  return {
    ...duties,
    total,
    delegatedShare: total === 0 ? 0 : (duties.coordinated + duties.reclaimed) / total,
    nationalDelegatedShare: NATIONAL_DELEGATED_SHARE,
    ...links,
  };
}

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

/** Work per county department, heaviest first. */
export async function departmentLoad(db: Kysely<Database>, scope: ResolvedScope, options: DepartmentLoadOptions = {}): Promise<DepartmentLoadRow[]> {
  const query = loadLinks(db, scope)
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
    .orderBy("coordinatedLed", "desc")
    .orderBy("reclaimedReceived", "desc")
    .orderBy("dep.id");
  return (options.limit === undefined ? query : query.limit(options.limit)).execute();
}

/** The same bureau of every county added up (民政局 of all counties in scope), heaviest first. */
export async function departmentLoadByShortName(db: Kysely<Database>, scope: ResolvedScope): Promise<ShortNameLoadRow[]> {
  return loadLinks(db, scope)
    .select(["dep.short_name as shortName", sql<number>`count(distinct dep.county_id)::int`.as("counties"), ...loadColumns])
    .groupBy("dep.short_name")
    .orderBy("coordinatedLed", "desc")
    .orderBy("reclaimedReceived", "desc")
    .orderBy("dep.short_name")
    .execute();
}

/** Department × category counts of coordinated and reclaimed duties; only non-empty cells. */
export async function departmentCategoryMatrix(
  db: Kysely<Database>,
  scope: ResolvedScope,
  by: "department" | "shortName",
): Promise<MatrixCell[]> {
  const base = scopedLinks(db, scope)
    .innerJoin("departments as dep", "dep.id", "l.department_id")
    .innerJoin("categories as c", "c.id", "d.category_id")
    .select([
      "c.id as categoryId",
      "c.name as category",
      sql<number>`(count(*) filter (where l.role = 'lead'))::int`.as("coordinated"),
      sql<number>`(count(*) filter (where l.role = 'receiver'))::int`.as("reclaimed"),
    ])
    .orderBy("c.id");
  if (by === "department") {
    return base
      .select(["dep.id as departmentId", "dep.name as department"])
      .groupBy(["dep.id", "dep.name", "c.id", "c.name"])
      .orderBy("dep.id")
      .execute();
  }
  return base
    .select([sql<number | null>`null::int`.as("departmentId"), "dep.short_name as department"])
    .groupBy(["dep.short_name", "c.id", "c.name"])
    .orderBy("dep.short_name")
    .execute();
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
