import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

/**
 * Marks the data as changed: every writer calls it last in its transaction (after the region
 * locks, so writers queue in one order), and answers cached under the old version are never
 * served again once it commits.
 */
export async function bumpDataVersion(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable("data_version")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .execute();
}

/** The version bumpDataVersion raises: what cached answers are keyed by. */
export async function dataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("data_version").select("version").executeTakeFirstOrThrow();
  return Number(row.version);
}
