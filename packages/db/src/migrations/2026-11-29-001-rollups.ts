import { type Kysely, sql } from "kysely";

// Frozen in time: written against Kysely<any> and never importing app code, so later
// changes to schema.ts or rollups.ts cannot change what this migration did. The backfill at the
// end is a copy of rollups.ts as of this date, for databases that already hold revisions.

/*
 * Statistics read counts that imports keep up to date instead of grouping millions of duties.
 * Three levels:
 *  - per revision (town_id, revision_id, …): what one revision contributes, computed once from its
 *    duties, links and steps when it is imported; co-located with the revision (Citus: distributed
 *    on town_id);
 *  - per county (county_id = the town's parent region, or the town itself when it has none), over
 *    the latest revision of each of its towns: department counts, and category counts as input
 *    for the level above;
 *  - per region (every ancestor of a county, the county included), over the same latest
 *    revisions: what a region or the whole country (the sum over regions without a parent) reads,
 *    so no statistic adds up more than a few hundred rows.
 * A row exists only while its counts are not all zero, so "how many categories / departments"
 * is a count of rows. Rollups carry no foreign keys: they are counted from rows that have them, and
 * checking each rollup row cost half as much as counting it in a bulk batch. Deleting a revision
 * deletes its counts in the same transaction (rollups.ts), as a cascade would.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("revision_category_counts")
    .addColumn("town_id", "integer", (c) => c.notNull())
    .addColumn("revision_id", "bigint", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull())
    .addColumn("basic", "integer", (c) => c.notNull())
    .addColumn("coordinated", "integer", (c) => c.notNull())
    .addColumn("reclaimed", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("revision_category_counts_pkey", ["town_id", "revision_id", "category_id"])
    .execute();

  await db.schema
    .createTable("revision_department_counts")
    .addColumn("town_id", "integer", (c) => c.notNull())
    .addColumn("revision_id", "bigint", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull())
    .addColumn("led", "integer", (c) => c.notNull())
    .addColumn("received", "integer", (c) => c.notNull())
    .addColumn("town_steps", "integer", (c) => c.notNull())
    .addColumn("department_steps", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("revision_department_counts_pkey", ["town_id", "revision_id", "department_id", "category_id"])
    .execute();

  await db.schema
    .createTable("county_category_counts")
    .addColumn("county_id", "integer", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull())
    .addColumn("basic", "integer", (c) => c.notNull())
    .addColumn("coordinated", "integer", (c) => c.notNull())
    .addColumn("reclaimed", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("county_category_counts_pkey", ["county_id", "category_id"])
    .execute();

  await db.schema
    .createTable("department_counts")
    .addColumn("county_id", "integer", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.notNull())
    .addColumn("led", "integer", (c) => c.notNull())
    .addColumn("received", "integer", (c) => c.notNull())
    .addColumn("town_steps", "integer", (c) => c.notNull())
    .addColumn("department_steps", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("department_counts_pkey", ["county_id", "department_id"])
    .execute();
  // The heaviest departments of the country are the first entries of this index, in the order departmentLoad returns.
  await sql`create index department_counts_load_idx on department_counts (led desc, received desc, department_id)`.execute(db);

  await db.schema
    .createTable("department_category_counts")
    .addColumn("county_id", "integer", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull())
    .addColumn("led", "integer", (c) => c.notNull())
    .addColumn("received", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("department_category_counts_pkey", ["county_id", "department_id", "category_id"])
    .execute();

  await db.schema
    .createTable("region_counts")
    .addColumn("region_id", "integer", (c) => c.primaryKey())
    .addColumn("towns", "integer", (c) => c.notNull())
    .addColumn("departments", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("region_category_counts")
    .addColumn("region_id", "integer", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull())
    .addColumn("basic", "integer", (c) => c.notNull())
    .addColumn("coordinated", "integer", (c) => c.notNull())
    .addColumn("reclaimed", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("region_category_counts_pkey", ["region_id", "category_id"])
    .execute();

  await db.schema
    .createTable("region_short_name_counts")
    .addColumn("region_id", "integer", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .addColumn("counties", "integer", (c) => c.notNull())
    .addColumn("led", "integer", (c) => c.notNull())
    .addColumn("received", "integer", (c) => c.notNull())
    .addColumn("town_steps", "integer", (c) => c.notNull())
    .addColumn("department_steps", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("region_short_name_counts_pkey", ["region_id", "short_name"])
    .execute();

  await db.schema
    .createTable("region_short_name_category_counts")
    .addColumn("region_id", "integer", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull())
    .addColumn("led", "integer", (c) => c.notNull())
    .addColumn("received", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("region_short_name_category_counts_pkey", ["region_id", "short_name", "category_id"])
    .execute();

  await backfill(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "region_short_name_category_counts",
    "region_short_name_counts",
    "region_category_counts",
    "region_counts",
    "department_category_counts",
    "department_counts",
    "county_category_counts",
    "revision_department_counts",
    "revision_category_counts",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

/** Every rollup of an existing database, from its duties, links and steps. */
async function backfill(db: Kysely<any>): Promise<void> {
  await sql`
    insert into revision_category_counts (town_id, revision_id, category_id, basic, coordinated, reclaimed)
    select d.town_id, d.revision_id, d.category_id,
      (count(*) filter (where d.list = 'basic'))::int,
      (count(*) filter (where d.list = 'coordinated'))::int,
      (count(*) filter (where d.list = 'reclaimed'))::int
    from duties d
    group by d.town_id, d.revision_id, d.category_id
  `.execute(db);
  await sql`
    insert into revision_department_counts (town_id, revision_id, department_id, category_id, led, received, town_steps, department_steps)
    select d.town_id, d.revision_id, l.department_id, d.category_id,
      (count(*) filter (where l.role = 'lead'))::int,
      (count(*) filter (where l.role = 'receiver'))::int,
      coalesce(sum(x.town), 0)::int,
      coalesce(sum(x.department), 0)::int
    from duties d
    join duty_departments l on l.town_id = d.town_id and l.duty_id = d.id
    left join lateral (
      select (count(*) filter (where st.side = 'town'))::int as town,
        (count(*) filter (where st.side = 'department' and (st.department_id is null or st.department_id = l.department_id)))::int as department
      from steps st
      where st.town_id = l.town_id and st.duty_id = l.duty_id and l.role = 'lead'
    ) x on true
    group by d.town_id, d.revision_id, l.department_id, d.category_id
  `.execute(db);
  // The revision that stands for each town, and the town's county.
  const latest = sql`
    latest as (
      select distinct on (r.town_id) r.town_id, r.id as revision_id, coalesce(g.parent_id, g.id) as county_id
      from revisions r join regions g on g.id = r.town_id
      order by r.town_id, r.effective_date desc, r.id desc
    )
  `;
  await sql`
    with ${latest}
    insert into county_category_counts (county_id, category_id, basic, coordinated, reclaimed)
    select l.county_id, x.category_id, sum(x.basic)::int, sum(x.coordinated)::int, sum(x.reclaimed)::int
    from latest l join revision_category_counts x on x.town_id = l.town_id and x.revision_id = l.revision_id
    group by l.county_id, x.category_id
  `.execute(db);
  await sql`
    with ${latest}
    insert into department_counts (county_id, department_id, led, received, town_steps, department_steps)
    select l.county_id, x.department_id, sum(x.led)::int, sum(x.received)::int, sum(x.town_steps)::int, sum(x.department_steps)::int
    from latest l join revision_department_counts x on x.town_id = l.town_id and x.revision_id = l.revision_id
    group by l.county_id, x.department_id
  `.execute(db);
  await sql`
    with ${latest}
    insert into department_category_counts (county_id, department_id, category_id, led, received)
    select l.county_id, x.department_id, x.category_id, sum(x.led)::int, sum(x.received)::int
    from latest l join revision_department_counts x on x.town_id = l.town_id and x.revision_id = l.revision_id
    group by l.county_id, x.department_id, x.category_id
  `.execute(db);
  await sql`
    with ${latest}
    insert into region_counts (region_id, towns, departments)
    select a.ancestor_id,
      (select count(*) from region_closure t where t.ancestor_id = a.ancestor_id and exists (select from revisions r where r.town_id = t.region_id))::int,
      (select count(*) from region_closure k join department_counts x on x.county_id = k.region_id where k.ancestor_id = a.ancestor_id)::int
    from (select distinct c.ancestor_id from latest l join region_closure c on c.region_id = l.county_id) a
  `.execute(db);
  await sql`
    insert into region_category_counts (region_id, category_id, basic, coordinated, reclaimed)
    select c.ancestor_id, x.category_id, sum(x.basic)::int, sum(x.coordinated)::int, sum(x.reclaimed)::int
    from region_closure c join county_category_counts x on x.county_id = c.region_id
    group by c.ancestor_id, x.category_id
  `.execute(db);
  await sql`
    insert into region_short_name_counts (region_id, short_name, counties, led, received, town_steps, department_steps)
    select c.ancestor_id, dep.short_name, count(distinct dep.county_id)::int,
      sum(x.led)::int, sum(x.received)::int, sum(x.town_steps)::int, sum(x.department_steps)::int
    from region_closure c join department_counts x on x.county_id = c.region_id join departments dep on dep.id = x.department_id
    group by c.ancestor_id, dep.short_name
  `.execute(db);
  await sql`
    insert into region_short_name_category_counts (region_id, short_name, category_id, led, received)
    select c.ancestor_id, dep.short_name, x.category_id, sum(x.led)::int, sum(x.received)::int
    from region_closure c join department_category_counts x on x.county_id = c.region_id join departments dep on dep.id = x.department_id
    group by c.ancestor_id, dep.short_name, x.category_id
  `.execute(db);
}
