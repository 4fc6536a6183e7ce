import { type Kysely, sql } from "kysely";
import type { AuditAction, AuditOutcome, Database } from "../schema.ts";

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  actor: string;
  via: string;
  action: AuditAction;
  outcome: AuditOutcome;
  townId: number | null;
  town: string | null;
  revisionId: number | null;
  detail: string;
  ip: string | null;
}

/** Newest first, paged by id. */
export async function listAudit(
  db: Kysely<Database>,
  options: { limit: number; cursor?: number | undefined; action?: AuditAction | undefined },
): Promise<{ items: AuditRow[]; nextCursor: number | null }> {
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("regions as t", "t.id", "a.town_id")
    .select([
      "a.id",
      "a.at",
      "a.user_id as userId",
      "a.actor",
      "a.via",
      "a.action",
      "a.outcome",
      "a.town_id as townId",
      "t.name as town",
      "a.revision_id as revisionId",
      "a.detail",
      "a.ip",
    ])
    .orderBy("a.id", "desc")
    .limit(options.limit + 1);
  if (options.cursor !== undefined) query = query.where("a.id", "<", options.cursor);
  if (options.action !== undefined) query = query.where("a.action", "=", options.action);
  const rows = await query.execute();
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
    nextCursor: rows.length > options.limit ? page.at(-1)!.id : null,
  };
}

/** Failed logins within the last `minutes`: for this account name, and from this address. */
export async function recentLoginFailures(
  db: Kysely<Database>,
  options: { name: string; ip: string | null; minutes: number },
): Promise<{ byName: number; byIp: number; oldest: Date | null }> {
  const { rows } = await sql<{ byName: number; byIp: number; oldest: Date | null }>`
    select (count(*) filter (where actor = ${options.name}))::int as "byName",
      (count(*) filter (where ip is not distinct from ${options.ip}::text and ${options.ip}::text is not null))::int as "byIp",
      min(at) as oldest
    from audit_log
    where action = 'login' and outcome = 'failed' and at > now() - make_interval(mins => ${options.minutes}::int)
      and (actor = ${options.name} or ip = ${options.ip}::text)
  `.execute(db);
  const row = rows[0]!;
  return { byName: Number(row.byName), byIp: Number(row.byIp), oldest: row.oldest === null ? null : new Date(row.oldest) };
}
