import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { bumpDataVersion } from "./data-version.ts";
import { dropRevisions } from "./rollups.ts";

/**
 * Deletes a revision with its duties, links, steps, notes and counts, and recounts its town's statistics
 * in the same transaction (an older revision may now stand for the town); false when there was none.
 */
export async function deleteRevision(db: Kysely<Database>, id: number): Promise<boolean> {
  const run = async (trx: Kysely<Database>) => {
    const deleted = await trx.deleteFrom("revisions").where("id", "=", id).returning("town_id").execute();
    await dropRevisions(
      trx,
      deleted.map((r) => ({ townId: r.town_id, revisionId: id })),
    );
    if (deleted.length > 0) await bumpDataVersion(trx);
    return deleted.length > 0;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
