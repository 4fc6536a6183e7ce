import type { Kysely } from "kysely";
import type { Database, RevisionStatus } from "../schema.ts";
import { standingRevisions } from "../scope.ts";
import { bumpDataVersion } from "./data-version.ts";
import { refreshTowns } from "./rollups.ts";

/*
 * Publishing and withdrawing: a status change, and the town's current rollups recounted in the
 * same transaction, since the revision standing for the town may have changed with it.
 */

export interface StatusChange {
  townId: number;
  revisionId: number;
  from: RevisionStatus;
  to: RevisionStatus;
}

/**
 * Sets a revision's status (publish: "published", withdraw: "withdrawn") and recounts its town's
 * statistics; null when there is no such revision. Setting the status it has changes nothing.
 */
export async function setRevisionStatus(db: Kysely<Database>, id: number, to: RevisionStatus): Promise<StatusChange | null> {
  const run = async (trx: Kysely<Database>): Promise<StatusChange | null> => {
    // FOR UPDATE: two reviewers pressing 发布 and 撤回 at once take turns.
    const row = await trx.selectFrom("revisions").select(["town_id", "status"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!row) return null;
    if (row.status !== to) {
      await trx.updateTable("revisions").set({ status: to }).where("town_id", "=", row.town_id).where("id", "=", id).execute();
      await refreshTowns(trx, [row.town_id]);
      // Which revision stands for the town may have changed: answers cached before must not be served.
      await bumpDataVersion(trx);
    }
    return { townId: row.town_id, revisionId: id, from: row.status, to };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * The revision that would stand for the revision's town if its status were `to` (a deletion
 * counts as "withdrawn": either way it stops standing), and the one standing now. Asked of the
 * database itself in a transaction that is rolled back, so the answer follows standingRevisions
 * whatever the rule. Null when there is no such revision.
 */
export async function standingAfter(
  db: Kysely<Database>,
  id: number,
  to: RevisionStatus,
): Promise<{ townId: number; now: number | null; after: number | null } | null> {
  const standing = async (trx: Kysely<Database>, townId: number) =>
    (await standingRevisions(trx, (eb) => eb("town_id", "=", townId)).executeTakeFirst())?.revision_id ?? null;
  let answer: { townId: number; now: number | null; after: number | null } | null = null;
  await db
    .transaction()
    .execute(async (trx) => {
      const row = await trx.selectFrom("revisions").select("town_id").where("id", "=", id).executeTakeFirst();
      if (!row) return;
      const now = await standing(trx, row.town_id);
      await trx.updateTable("revisions").set({ status: to }).where("town_id", "=", row.town_id).where("id", "=", id).execute();
      answer = { townId: row.town_id, now, after: await standing(trx, row.town_id) };
      throw ROLL_BACK;
    })
    .catch((err: unknown) => {
      if (err !== ROLL_BACK) throw err;
    });
  return answer;
}

const ROLL_BACK = new Error("roll back the preview");
