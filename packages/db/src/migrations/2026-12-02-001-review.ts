import { type Kysely, sql } from "kysely";

// Frozen in time: written against Kysely<any> and never importing app code.

/*
 * Drafts and review (issue 13):
 *  - a revision is a draft, published or withdrawn; only published revisions stand for a town.
 *    Every revision stored before this migration was counted as its town's data, so it is published,
 *    and the rollups stay as they are;
 *  - the original bytes of each imported document, so lint on a stored revision reads what
 *    `atlas lint` reads (revisions imported earlier have none);
 *  - users with a role and the regions an editor may change, sessions, API keys;
 *  - the audit trail.
 * users, user_regions, sessions, api_keys and audit_log are small: Citus reference or local tables.
 * revision_sources is distributed on town_id beside its revision.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("revisions")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published"))
    .execute();
  await sql`alter table revisions add constraint revisions_status_check check (status in ('draft', 'published', 'withdrawn'))`.execute(db);
  // The revision standing for a town is the last entry of this index.
  await sql`create index revisions_town_published_idx on revisions (town_id, effective_date, id) where status = 'published'`.execute(db);

  await db.schema
    .createTable("revision_sources")
    .addColumn("town_id", "integer", (c) => c.notNull())
    .addColumn("revision_id", "bigint", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    // 省/市/县/镇 as given at import when the document named no place (or a wrong one); null otherwise.
    .addColumn("town_spec", "text")
    .addColumn("bytes", "bytea", (c) => c.notNull())
    .addPrimaryKeyConstraint("revision_sources_pkey", ["town_id", "revision_id"])
    .addForeignKeyConstraint("revision_sources_revision_fkey", ["town_id", "revision_id"], "revisions", ["town_id", "id"], (f) =>
      f.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.generatedByDefaultAsIdentity().primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    // null: the account signs in with an API key only.
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("disabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("users_role_check", sql`role in ('viewer', 'editor', 'admin')`)
    .execute();

  await db.schema
    .createTable("user_regions")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("region_id", "integer", (c) => c.notNull().references("regions.id"))
    .addPrimaryKeyConstraint("user_regions_pkey", ["user_id", "region_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    // SHA-256 of the cookie's token: a copy of the table does not let anyone sign in.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "integer", (c) => c.generatedByDefaultAsIdentity().primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("revoked_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // No foreign keys: the trail outlives what it names (a deleted revision, a mistyped user name).
    .addColumn("user_id", "integer")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("via", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("town_id", "integer")
    .addColumn("revision_id", "bigint")
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("ip", "text")
    .addCheckConstraint("audit_log_outcome_check", sql`outcome in ('ok', 'refused', 'failed')`)
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").columns(["at", "id"]).execute();
  // Login rate limiting counts recent failures by account and by address.
  await db.schema.createIndex("audit_log_login_idx").on("audit_log").columns(["action", "outcome", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_log", "api_keys", "sessions", "user_regions", "users", "revision_sources"]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop index revisions_town_published_idx`.execute(db);
  await db.schema.alterTable("revisions").dropConstraint("revisions_status_check").execute();
  await db.schema.alterTable("revisions").dropColumn("status").execute();
}
