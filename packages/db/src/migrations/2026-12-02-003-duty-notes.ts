import type { Kysely } from "kysely";

// Frozen in time: written against Kysely<any> and never importing app code.

/*
 * The columns a list adds to its own (备注, 编号, 法律依据 …): the parser keeps them with each duty
 * (DutyNote), and until now the import dropped them, so a stored revision said less than its
 * document. One row per note, in document order, distributed on town_id beside its duty and deleted
 * with it.
 *
 * No backfill: filling the notes of revisions imported before would mean parsing their stored
 * documents again, which a frozen migration cannot do (it must not import the parser). Those
 * revisions keep no notes; their documents, kept in revision_sources, still have them.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("duty_notes")
    .addColumn("town_id", "integer", (c) => c.notNull())
    .addColumn("duty_id", "bigint", (c) => c.notNull())
    // 1-based place among the duty's filled extra cells, left to right (the parser keeps no empty one).
    .addColumn("position", "integer", (c) => c.notNull())
    // The column's header as printed (备注), or 第 N 列 when it had none.
    .addColumn("column_name", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("duty_notes_pkey", ["town_id", "duty_id", "position"])
    .addForeignKeyConstraint("duty_notes_duty_fkey", ["town_id", "duty_id"], "duties", ["town_id", "id"], (f) => f.onDelete("cascade"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("duty_notes").execute();
}
