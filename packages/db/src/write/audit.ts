import type { Kysely } from "kysely";
import type { AuditAction, AuditOutcome, Database } from "../schema.ts";

/** One line of the audit trail: who did what, to which revision, from where, and how it ended. */
export interface AuditEntry {
  userId: number | null;
  actor: string;
  via: string;
  action: AuditAction;
  outcome: AuditOutcome;
  townId?: number | null | undefined;
  revisionId?: number | null | undefined;
  detail?: string | undefined;
  ip: string | null;
}

/** Longest detail kept: a refusal's reason or a document's first error line, not whole documents. */
const MAX_DETAIL = 500;

/**
 * Appends to the audit trail. Pass the transaction of the action it records, so an action and its
 * line land together; a refusal is recorded on its own, since nothing else is written.
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      user_id: entry.userId,
      actor: entry.actor.slice(0, 200),
      via: entry.via,
      action: entry.action,
      outcome: entry.outcome,
      town_id: entry.townId ?? null,
      revision_id: entry.revisionId ?? null,
      detail: (entry.detail ?? "").slice(0, MAX_DETAIL),
      ip: entry.ip,
    })
    .execute();
}
