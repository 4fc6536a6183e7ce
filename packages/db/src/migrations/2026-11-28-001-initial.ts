import { type Kysely, sql } from "kysely";

// Frozen in time: written against Kysely<any> and never importing app code, so later
// changes to schema.ts cannot change what this migration did.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("regions")
    .addColumn("id", "integer", (c) => c.generatedByDefaultAsIdentity().primaryKey())
    .addColumn("parent_id", "integer", (c) => c.references("regions.id"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addCheckConstraint("regions_level_check", sql`level in ('province', 'prefecture', 'county', 'town')`)
    // Provinces have no parent; NULLS NOT DISTINCT keeps them unique too.
    .addUniqueConstraint("regions_parent_level_name_key", ["parent_id", "level", "name"], (u) => u.nullsNotDistinct())
    .execute();

  await db.schema
    .createTable("region_closure")
    .addColumn("ancestor_id", "integer", (c) => c.notNull().references("regions.id"))
    .addColumn("region_id", "integer", (c) => c.notNull().references("regions.id"))
    .addColumn("depth", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("region_closure_pkey", ["ancestor_id", "region_id"])
    .execute();
  await db.schema.createIndex("region_closure_region_idx").on("region_closure").columns(["region_id", "depth"]).execute();

  await db.schema
    .createTable("categories")
    .addColumn("id", "integer", (c) => c.generatedByDefaultAsIdentity().primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable("departments")
    .addColumn("id", "integer", (c) => c.generatedByDefaultAsIdentity().primaryKey())
    .addColumn("county_id", "integer", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .addColumn("abbreviation", "text", (c) => c.notNull())
    .addColumn("level", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addCheckConstraint("departments_kind_check", sql`kind in ('party', 'government', 'branch', 'congress', 'mass')`)
    .addUniqueConstraint("departments_county_name_key", ["county_id", "name"])
    .execute();
  // National aggregation groups the same bureau of every county by its short name.
  await db.schema.createIndex("departments_short_name_idx").on("departments").column("short_name").execute();

  await db.schema
    .createTable("revisions")
    .addColumn("town_id", "integer", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("effective_date", "date", (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn("imported_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("source_file", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("revisions_pkey", ["town_id", "id"])
    .addUniqueConstraint("revisions_town_hash_key", ["town_id", "content_hash"])
    .execute();
  // "Latest revision of a town" is the last entry of this index.
  await db.schema.createIndex("revisions_town_latest_idx").on("revisions").columns(["town_id", "effective_date", "id"]).execute();
  // API look-ups by id alone; not unique because a distributed table cannot enforce that without town_id.
  await db.schema.createIndex("revisions_id_idx").on("revisions").column("id").execute();

  await db.schema
    .createTable("duties")
    .addColumn("town_id", "integer", (c) => c.notNull())
    .addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity())
    .addColumn("revision_id", "bigint", (c) => c.notNull())
    .addColumn("list", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("source_line", "integer", (c) => c.notNull())
    .addCheckConstraint("duties_list_check", sql`list in ('basic', 'coordinated', 'reclaimed')`)
    .addPrimaryKeyConstraint("duties_pkey", ["town_id", "id"])
    .addUniqueConstraint("duties_revision_list_seq_key", ["town_id", "revision_id", "list", "seq"])
    .addForeignKeyConstraint("duties_revision_fkey", ["town_id", "revision_id"], "revisions", ["town_id", "id"], (f) =>
      f.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("duties_id_idx").on("duties").column("id").execute();

  await db.schema
    .createTable("duty_departments")
    .addColumn("town_id", "integer", (c) => c.notNull())
    .addColumn("duty_id", "bigint", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.notNull().references("departments.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addCheckConstraint("duty_departments_role_check", sql`role in ('lead', 'receiver')`)
    .addPrimaryKeyConstraint("duty_departments_pkey", ["town_id", "duty_id", "role", "department_id"])
    .addForeignKeyConstraint("duty_departments_duty_fkey", ["town_id", "duty_id"], "duties", ["town_id", "id"], (f) =>
      f.onDelete("cascade"),
    )
    .execute();
  // The department's mirror view: every duty it leads or received.
  await db.schema.createIndex("duty_departments_department_idx").on("duty_departments").columns(["department_id", "role"]).execute();

  await db.schema
    .createTable("steps")
    .addColumn("town_id", "integer", (c) => c.notNull())
    .addColumn("duty_id", "bigint", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.references("departments.id"))
    .addColumn("heading", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addCheckConstraint("steps_side_check", sql`side in ('department', 'town')`)
    .addPrimaryKeyConstraint("steps_pkey", ["town_id", "duty_id", "side", "position"])
    .addForeignKeyConstraint("steps_duty_fkey", ["town_id", "duty_id"], "duties", ["town_id", "id"], (f) => f.onDelete("cascade"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["steps", "duty_departments", "duties", "revisions", "departments", "categories", "region_closure", "regions"]) {
    await db.schema.dropTable(table).execute();
  }
}
