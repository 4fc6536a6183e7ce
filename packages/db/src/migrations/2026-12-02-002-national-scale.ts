import { type Kysely, sql } from "kysely";
import { pinyin } from "pinyin-pro";

// Frozen in time: written against Kysely<any> and never importing app code, so later changes to
// schema.ts, rollups.ts or queries/duties.ts cannot change what this migration did. The backfills
// are copies of rollups.ts, the scope rule and write/references.ts's initials as of this date
// (pinyin-pro is a library pinned in the lockfile, not app code).

/*
 * What national scale needs beyond the statistics (issue 12):
 *  - text search through trigram indexes (pg_trgm, on both engines) on duty names and step text.
 *    A trigram needs three characters, and Chinese words are often two (低保, 消防), so the indexes
 *    hold each text with every character doubled (安全 → 安安全全): a two-character word then has
 *    trigrams of its own. queries/duties.ts writes the same expression; the indexes are used only
 *    when the expressions are identical.
 *  - data_version: one row every writer bumps in its own transaction; cached API answers are keyed
 *    by it, so any import, deletion or repair invalidates them, in every process.
 *  - town_counts: each town's standing revision with its list counts, kept by the county recount
 *    (the per-town share for any scope without reading per-category rows).
 *  - the heaviest departments by led + received (the order the dashboard shows).
 *  - revisions by content hash alone, so a batch import can skip files it already stored before
 *    parsing them.
 *  - regions' pinyin initials (玛纳斯县 → mnsx), for the scope typeahead.
 */

export async function up(db: Kysely<any>): Promise<void> {
  // In public, not the schema being migrated: tests drop their schemas with CASCADE, which would
  // take the extension (and every other schema's trigram indexes) with it. The advisory lock makes
  // concurrent migrations of several schemas take turns instead of colliding on the catalogue.
  await sql`select pg_advisory_xact_lock(hashtext('atlas: create extension pg_trgm'))`.execute(db);
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  await sql`
    create index duties_name_search_idx on duties
    using gin (regexp_replace(name, '(.)', '\\1\\1', 'g') public.gin_trgm_ops)
  `.execute(db);
  await sql`
    create index steps_text_search_idx on steps
    using gin (regexp_replace(coalesce(heading || E'\\n', '') || text, '(.)', '\\1\\1', 'g') public.gin_trgm_ops)
  `.execute(db);

  await db.schema
    .createTable("data_version")
    .addColumn("id", "boolean", (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn("version", "bigint", (c) => c.notNull())
    .execute();
  await sql`insert into data_version (id, version) values (true, 1)`.execute(db);

  await db.schema
    .createTable("town_counts")
    .addColumn("town_id", "integer", (c) => c.primaryKey())
    .addColumn("revision_id", "bigint", (c) => c.notNull())
    .addColumn("county_id", "integer", (c) => c.notNull())
    .addColumn("basic", "integer", (c) => c.notNull())
    .addColumn("coordinated", "integer", (c) => c.notNull())
    .addColumn("reclaimed", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("town_counts_county_idx").on("town_counts").column("county_id").execute();
  await sql`
    insert into town_counts (town_id, revision_id, county_id, basic, coordinated, reclaimed)
    select l.town_id, l.revision_id, l.county_id,
      coalesce(sum(x.basic), 0)::int, coalesce(sum(x.coordinated), 0)::int, coalesce(sum(x.reclaimed), 0)::int
    from (
      select distinct on (r.town_id) r.town_id, r.id as revision_id, coalesce(g.parent_id, g.id) as county_id
      from revisions r join regions g on g.id = r.town_id
      where r.status = 'published'
      order by r.town_id, r.effective_date desc, r.id desc
    ) l
    left join revision_category_counts x on x.town_id = l.town_id and x.revision_id = l.revision_id
    group by l.town_id, l.revision_id, l.county_id
  `.execute(db);

  await sql`drop index department_counts_load_idx`.execute(db);
  // The heaviest departments of the country are the first entries: the order departmentLoad returns.
  await sql`
    create index department_counts_load_idx on department_counts ((led + received) desc, led desc, received desc, department_id)
  `.execute(db);

  await db.schema.createIndex("revisions_content_hash_idx").on("revisions").column("content_hash").execute();

  await db.schema
    .alterTable("regions")
    .addColumn("initials", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const regions = await db.selectFrom("regions").select(["id", "name"]).execute();
  for (let start = 0; start < regions.length; start += 1000) {
    const slice = regions.slice(start, start + 1000);
    await sql`
      update regions r set initials = k.initials
      from unnest(${slice.map((r) => r.id)}::int[], ${slice.map((r) => initials(r.name))}::text[]) as k(id, initials)
      where r.id = k.id
    `.execute(db);
  }
}

function initials(name: string): string {
  return pinyin(name, { pattern: "first", toneType: "none", type: "array" }).join("").toLowerCase();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("regions").dropColumn("initials").execute();
  await db.schema.dropIndex("revisions_content_hash_idx").execute();
  await sql`drop index department_counts_load_idx`.execute(db);
  await sql`create index department_counts_load_idx on department_counts (led desc, received desc, department_id)`.execute(db);
  await db.schema.dropTable("town_counts").execute();
  await db.schema.dropTable("data_version").execute();
  await db.schema.dropIndex("steps_text_search_idx").execute();
  await db.schema.dropIndex("duties_name_search_idx").execute();
}
