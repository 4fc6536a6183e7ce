import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.ts";
import { standingRevisions } from "../scope.ts";
import { bumpDataVersion } from "./data-version.ts";

/*
 * Keeps the rollup tables (see schema.ts and the 2026-11-29 migration) equal to what the statistics
 * would count from duties, links and steps. Every writer calls these inside its own transaction, so
 * a reader never sees duties without their counts:
 *  - import (one revision or a bulk batch): rollUpRevisions with the new revisions;
 *  - deleting revisions: dropRevisions with them, after the delete;
 *  - publishing or withdrawing one: refreshTowns with its town (its own counts stay: a scope
 *    naming the revision reads them whatever its status).
 *
 * The per-revision counts are the one place a statistic is defined over the raw rows; everything
 * above them is a sum. The current (latest-revision) counts are recomputed for the changed towns'
 * counties and the regions above them rather than adjusted by differences: a county holds about 14
 * towns and a province about 90 counties, so a recount reads a few thousand small rows, and a
 * recount cannot drift the way added and subtracted deltas can.
 */

/** A revision whose duties, links and steps are written. */
export interface RevisionKey {
  townId: number;
  revisionId: number;
}

/** Counts new revisions, then refreshes the current counts of their towns. */
export async function rollUpRevisions(db: Kysely<Database>, revisions: readonly RevisionKey[]): Promise<void> {
  if (revisions.length === 0) return;
  await countRevisions(db, revisions);
  await refreshTowns(
    db,
    revisions.map((r) => r.townId),
  );
}

/** After deleting revisions: deletes their counts, then refreshes the current counts of their towns. */
export async function dropRevisions(db: Kysely<Database>, revisions: readonly RevisionKey[]): Promise<void> {
  if (revisions.length === 0) return;
  for (const table of ["revision_category_counts", "revision_department_counts"] as const) {
    await sql`
      delete from ${sql.table(table)} x
      using unnest(${revisions.map((r) => r.townId)}::int[], ${revisions.map((r) => r.revisionId)}::bigint[]) as k(town_id, revision_id)
      where x.town_id = k.town_id and x.revision_id = k.revision_id
    `.execute(db);
  }
  await refreshTowns(
    db,
    revisions.map((r) => r.townId),
  );
}

/**
 * Recounts the current (standing revision) rollups of the counties of these towns and of every
 * region above them: after a town gained, lost or replaced a published revision.
 */
export async function refreshTowns(db: Kysely<Database>, townIds: readonly number[]): Promise<void> {
  const towns = [...new Set(townIds)];
  if (towns.length === 0) return;
  const counties = await db
    .selectFrom("regions")
    .select(sql<number>`coalesce(parent_id, id)`.as("county_id"))
    .distinct()
    .where("id", "=", sql<number>`any(${towns}::int[])`)
    .execute();
  await refreshCounties(
    db,
    counties.map((c) => c.county_id),
  );
}

/** Recounts the counties below these regions and everything above them: after regions moved. */
export async function refreshRegionsBelow(db: Kysely<Database>, regionIds: readonly number[]): Promise<void> {
  const counties = await db
    .selectFrom("region_closure as c")
    .innerJoin("regions as t", "t.id", "c.region_id")
    .select(sql<number>`coalesce(t.parent_id, t.id)`.as("county_id"))
    .distinct()
    .where("c.ancestor_id", "in", [...regionIds])
    .where("t.level", "=", "town")
    .execute();
  await refreshCounties(
    db,
    counties.map((c) => c.county_id),
  );
}

/**
 * Every rollup from scratch: after rows were written without this module (a restored dump),
 * and the reference the consistency test compares the incremental rollups with.
 */
export async function rebuildRollups(db: Kysely<Database>): Promise<void> {
  const run = async (trx: Kysely<Database>) => {
    for (const table of ROLLUP_TABLES) await trx.deleteFrom(table).execute();
    const revisions = await trx.selectFrom("revisions").select(["town_id as townId", "id as revisionId"]).execute();
    await countRevisions(trx, revisions);
    const counties = await trx
      .selectFrom("revisions as r")
      .innerJoin("regions as g", "g.id", "r.town_id")
      .select(sql<number>`coalesce(g.parent_id, g.id)`.as("county_id"))
      .distinct()
      .execute();
    await refreshCounties(
      trx,
      counties.map((c) => c.county_id),
    );
    await bumpDataVersion(trx);
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}

/** Every rollup table, lowest level first. */
export const ROLLUP_TABLES = [
  "revision_category_counts",
  "revision_department_counts",
  "county_category_counts",
  "department_counts",
  "department_category_counts",
  "region_counts",
  "region_category_counts",
  "region_short_name_counts",
  "region_short_name_category_counts",
  "town_counts",
] as const;

/** The per-revision counts: what each statistic means, over one revision's rows. */
async function countRevisions(db: Kysely<Database>, revisions: readonly RevisionKey[]): Promise<void> {
  const keys = sql`
    keys as (
      select * from unnest(${revisions.map((r) => r.townId)}::int[], ${revisions.map((r) => r.revisionId)}::bigint[]) as k(town_id, revision_id)
    )
  `;
  await sql`
    with ${keys}
    insert into revision_category_counts (town_id, revision_id, category_id, basic, coordinated, reclaimed)
    select d.town_id, d.revision_id, d.category_id,
      (count(*) filter (where d.list = 'basic'))::int,
      (count(*) filter (where d.list = 'coordinated'))::int,
      (count(*) filter (where d.list = 'reclaimed'))::int
    from keys k join duties d on d.town_id = k.town_id and d.revision_id = k.revision_id
    group by d.town_id, d.revision_id, d.category_id
  `.execute(db);
  // A lead link counts the town-side steps of its duty, and the department-side steps given to its
  // department or to none (a shared cell); steps the cell gives a co-lead are the co-lead's.
  // Per link, an index range of steps_pkey: steady at any size, where joining step counts
  // computed apart went quadratic when the planner misjudged them.
  await sql`
    with ${keys}
    insert into revision_department_counts (town_id, revision_id, department_id, category_id, led, received, town_steps, department_steps)
    select d.town_id, d.revision_id, l.department_id, d.category_id,
      (count(*) filter (where l.role = 'lead'))::int,
      (count(*) filter (where l.role = 'receiver'))::int,
      coalesce(sum(x.town), 0)::int,
      coalesce(sum(x.department), 0)::int
    from keys k
    join duties d on d.town_id = k.town_id and d.revision_id = k.revision_id
    join duty_departments l on l.town_id = d.town_id and l.duty_id = d.id
    left join lateral (
      select (count(*) filter (where st.side = 'town'))::int as town,
        (count(*) filter (where st.side = 'department' and (st.department_id is null or st.department_id = l.department_id)))::int as department
      from steps st
      where st.town_id = l.town_id and st.duty_id = l.duty_id and l.role = 'lead'
    ) x on true
    group by d.town_id, d.revision_id, l.department_id, d.category_id
  `.execute(db);
}

/** Recounts the current rollups of these counties from their towns' latest revisions, then the regions above. */
async function refreshCounties(db: Kysely<Database>, countyIds: readonly number[]): Promise<void> {
  if (countyIds.length === 0) return;
  const counties = sql`${[...countyIds]}::int[]`;
  const regions = (
    await db.selectFrom("region_closure").select("ancestor_id").distinct().where("region_id", "=", sql<number>`any(${counties})`).execute()
  ).map((r) => r.ancestor_id);
  // Two imports into one province must not recount it at the same time: the later one would miss
  // the earlier one's towns or collide with its rows. Locking the regions in id order makes them
  // take turns (without deadlocks); each statement below then sees what the other committed.
  // NO KEY UPDATE leaves alone the KEY SHARE locks that inserting a child region takes.
  await sql`select id from regions where id = any(${regions}::int[]) order by id for no key update`.execute(db);

  // The revision that stands for each town of the counties: what a scope reads them through.
  const standing = standingRevisions(db, (eb) =>
    eb(
      "town_id",
      "in",
      eb
        .selectFrom("regions as t")
        .select("t.id")
        .where(sql<boolean>`t.parent_id = any(${counties}) or (t.parent_id is null and t.id = any(${counties}))`),
    ),
  );
  const latest = sql`
    latest as (
      select s.town_id, coalesce(t.parent_id, t.id) as county_id, s.revision_id
      from ${standing} s join regions t on t.id = s.town_id
    )
  `;
  await db.deleteFrom("county_category_counts").where("county_id", "=", sql<number>`any(${counties})`).execute();
  await sql`
    with ${latest}
    insert into county_category_counts (county_id, category_id, basic, coordinated, reclaimed)
    select l.county_id, x.category_id, sum(x.basic)::int, sum(x.coordinated)::int, sum(x.reclaimed)::int
    from latest l join revision_category_counts x on x.town_id = l.town_id and x.revision_id = l.revision_id
    group by l.county_id, x.category_id
  `.execute(db);
  await db.deleteFrom("department_counts").where("county_id", "=", sql<number>`any(${counties})`).execute();
  await sql`
    with ${latest}
    insert into department_counts (county_id, department_id, led, received, town_steps, department_steps)
    select l.county_id, x.department_id, sum(x.led)::int, sum(x.received)::int, sum(x.town_steps)::int, sum(x.department_steps)::int
    from latest l join revision_department_counts x on x.town_id = l.town_id and x.revision_id = l.revision_id
    group by l.county_id, x.department_id
  `.execute(db);
  await db.deleteFrom("town_counts").where("county_id", "=", sql<number>`any(${counties})`).execute();
  // Every standing revision, one with no duties included: a town counts even while its lists are empty.
  await sql`
    with ${latest}
    insert into town_counts (town_id, revision_id, county_id, basic, coordinated, reclaimed)
    select l.town_id, l.revision_id, l.county_id,
      coalesce(sum(x.basic), 0)::int, coalesce(sum(x.coordinated), 0)::int, coalesce(sum(x.reclaimed), 0)::int
    from latest l left join revision_category_counts x on x.town_id = l.town_id and x.revision_id = l.revision_id
    group by l.town_id, l.revision_id, l.county_id
  `.execute(db);
  await db.deleteFrom("department_category_counts").where("county_id", "=", sql<number>`any(${counties})`).execute();
  await sql`
    with ${latest}
    insert into department_category_counts (county_id, department_id, category_id, led, received)
    select l.county_id, x.department_id, x.category_id, sum(x.led)::int, sum(x.received)::int
    from latest l join revision_department_counts x on x.town_id = l.town_id and x.revision_id = l.revision_id
    group by l.county_id, x.department_id, x.category_id
  `.execute(db);

  await refreshRegions(db, regions);
}

/** Recounts regions from the county rollups below them (a region's own county rollup included). */
async function refreshRegions(db: Kysely<Database>, regionIds: readonly number[]): Promise<void> {
  const regions = sql`${[...regionIds]}::int[]`;
  for (const table of [
    "region_counts",
    "region_category_counts",
    "region_short_name_counts",
    "region_short_name_category_counts",
  ] as const) {
    await db.deleteFrom(table).where("region_id", "=", sql<number>`any(${regions})`).execute();
  }
  // Towns with a standing revision anywhere below the region (or the region itself, a town without a parent).
  const standing = standingRevisions(db, (eb) => eb("town_id", "=", sql.ref<number>("t.region_id")));
  await sql`
    insert into region_counts (region_id, towns, departments)
    select a.id,
      (select count(*) from region_closure t where t.ancestor_id = a.id and exists ${standing})::int,
      (select count(*) from region_closure k join department_counts x on x.county_id = k.region_id where k.ancestor_id = a.id)::int
    from unnest(${regions}) as a(id)
  `.execute(db);
  await db.deleteFrom("region_counts").where("region_id", "=", sql<number>`any(${regions})`).where("towns", "=", 0).execute();
  await sql`
    insert into region_category_counts (region_id, category_id, basic, coordinated, reclaimed)
    select c.ancestor_id, x.category_id, sum(x.basic)::int, sum(x.coordinated)::int, sum(x.reclaimed)::int
    from region_closure c join county_category_counts x on x.county_id = c.region_id
    where c.ancestor_id = any(${regions})
    group by c.ancestor_id, x.category_id
  `.execute(db);
  await sql`
    insert into region_short_name_counts (region_id, short_name, counties, led, received, town_steps, department_steps)
    select c.ancestor_id, dep.short_name, count(distinct dep.county_id)::int,
      sum(x.led)::int, sum(x.received)::int, sum(x.town_steps)::int, sum(x.department_steps)::int
    from region_closure c
    join department_counts x on x.county_id = c.region_id
    join departments dep on dep.id = x.department_id
    where c.ancestor_id = any(${regions})
    group by c.ancestor_id, dep.short_name
  `.execute(db);
  await sql`
    insert into region_short_name_category_counts (region_id, short_name, category_id, led, received)
    select c.ancestor_id, dep.short_name, x.category_id, sum(x.led)::int, sum(x.received)::int
    from region_closure c
    join department_category_counts x on x.county_id = c.region_id
    join departments dep on dep.id = x.department_id
    where c.ancestor_id = any(${regions})
    group by c.ancestor_id, dep.short_name, x.category_id
  `.execute(db);
}
