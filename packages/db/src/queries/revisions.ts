import { type Kysely, sql } from "kysely";
import type { Database, RegionLevel, RevisionStatus } from "../schema.ts";

export interface RevisionCounts {
  basic: number;
  coordinated: number;
  reclaimed: number;
  /** Department links of coordinated (lead) and reclaimed (receiver) duties. */
  links: number;
  steps: number;
}

export interface RevisionSummary {
  id: number;
  townId: number;
  town: string;
  label: string;
  status: RevisionStatus;
  effectiveDate: string;
  importedAt: string;
  sourceFile: string;
  contentHash: string;
  counts: RevisionCounts;
  /** True when it is the revision that stands for its town: the one statistics read by default. */
  latest: boolean;
  /** The revision that stands for its town (itself when latest), null when none is published: what a draft is compared with. */
  standingId: number | null;
  /** The town and every region above it: whom an editor's regions let change it, without the region tree. */
  regionIds: number[];
}

export interface RevisionDetail extends RevisionSummary {
  /** The town's regions from the top down, town last. */
  path: { id: number; level: RegionLevel; name: string }[];
  /** Whether the original document is stored (revisions imported before 2026-12 have none). */
  hasSource: boolean;
}

const EMPTY: RevisionCounts = { basic: 0, coordinated: 0, reclaimed: 0, links: 0, steps: 0 };

/** Duty, link and step counts per revision id. */
export async function revisionCounts(db: Kysely<Database>, revisionIds: number[]): Promise<Map<number, RevisionCounts>> {
  const out = new Map<number, RevisionCounts>(revisionIds.map((id) => [id, { ...EMPTY }]));
  if (revisionIds.length === 0) return out;
  // Every look-up starts with town_id, the first column of every duty, link and step key: duties
  // has no index on revision_id alone, and a count by it alone read the whole table.
  const { rows } = await sql<RevisionCounts & { id: number }>`
    select r.id, x.basic, x.coordinated, x.reclaimed,
      (select count(*) from duties d join duty_departments l on l.town_id = d.town_id and l.duty_id = d.id
       where d.town_id = r.town_id and d.revision_id = r.id)::int as links,
      (select count(*) from duties d join steps st on st.town_id = d.town_id and st.duty_id = d.id
       where d.town_id = r.town_id and d.revision_id = r.id)::int as steps
    from revisions r
    cross join lateral (
      select (count(*) filter (where d.list = 'basic'))::int as basic,
        (count(*) filter (where d.list = 'coordinated'))::int as coordinated,
        (count(*) filter (where d.list = 'reclaimed'))::int as reclaimed
      from duties d where d.town_id = r.town_id and d.revision_id = r.id
    ) x
    where r.id = any(${revisionIds}::bigint[])
  `.execute(db);
  for (const { id, ...counts } of rows) out.set(id, counts);
  return out;
}

export interface RevisionListOptions {
  /** Only revisions of towns inside this region. */
  regionId?: number | undefined;
  /** Only revisions with one of these statuses. */
  status?: readonly RevisionStatus[] | undefined;
  /** Revisions with a smaller id than this (the previous page's nextCursor). */
  cursor?: number | undefined;
  limit: number;
}

/** Newest import first, paged by id. */
export async function listRevisions(
  db: Kysely<Database>,
  options: RevisionListOptions,
): Promise<{ items: RevisionSummary[]; nextCursor: number | null }> {
  let query = db
    .selectFrom("revisions as r")
    .innerJoin("regions as t", "t.id", "r.town_id")
    .select(summaryColumns)
    .orderBy("r.id", "desc")
    .limit(options.limit + 1);
  if (options.regionId !== undefined) {
    const regionId = options.regionId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("region_closure as c").whereRef("c.region_id", "=", "r.town_id").where("c.ancestor_id", "=", regionId)),
    );
  }
  if (options.status !== undefined && options.status.length > 0) query = query.where("r.status", "in", [...options.status]);
  if (options.cursor !== undefined) query = query.where("r.id", "<", options.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, options.limit);
  const counts = await revisionCounts(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => toSummary(r, counts)),
    nextCursor: rows.length > options.limit ? page.at(-1)!.id : null,
  };
}

export async function revisionById(db: Kysely<Database>, id: number): Promise<RevisionDetail | null> {
  const row = await db
    .selectFrom("revisions as r")
    .innerJoin("regions as t", "t.id", "r.town_id")
    .select(summaryColumns)
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const path = await db
    .selectFrom("region_closure as c")
    .innerJoin("regions as a", "a.id", "c.ancestor_id")
    .select(["a.id", "a.level", "a.name"])
    .where("c.region_id", "=", row.townId)
    .orderBy("c.depth", "desc")
    .execute();
  const counts = await revisionCounts(db, [row.id]);
  const source = await db
    .selectFrom("revision_sources")
    .select("revision_id")
    .where("town_id", "=", row.townId)
    .where("revision_id", "=", row.id)
    .executeTakeFirst();
  return { ...toSummary(row, counts), path, hasSource: source !== undefined };
}

/** The document a revision was imported from, as imported; null when not stored (or no such revision). */
export async function revisionSource(
  db: Kysely<Database>,
  id: number,
): Promise<{ townId: number; fileName: string; townSpec: string | null; bytes: Uint8Array } | null> {
  const row = await db
    .selectFrom("revisions as r")
    .innerJoin("revision_sources as s", (j) => j.onRef("s.town_id", "=", "r.town_id").onRef("s.revision_id", "=", "r.id"))
    .select(["r.town_id as townId", "s.file_name as fileName", "s.town_spec as townSpec", "s.bytes"])
    .where("r.id", "=", id)
    .executeTakeFirst();
  return row ?? null;
}

const summaryColumns = [
  "r.id",
  "r.town_id as townId",
  "t.name as town",
  "r.label",
  "r.status",
  sql<string>`to_char(r.effective_date, 'YYYY-MM-DD')`.as("effectiveDate"),
  // town_counts holds each town's standing revision, kept by the rollups (the scope rule's answer).
  sql<boolean>`exists (select from town_counts tc where tc.town_id = r.town_id and tc.revision_id = r.id)`.as("latest"),
  sql<number | null>`(select tc.revision_id from town_counts tc where tc.town_id = r.town_id)`.as("standingId"),
  sql<number[]>`array(select c.ancestor_id from region_closure c where c.region_id = r.town_id order by c.depth desc)`.as("regionIds"),
  "r.imported_at as importedAt",
  "r.source_file as sourceFile",
  "r.content_hash as contentHash",
] as const;

function toSummary(
  r: {
    id: number;
    townId: number;
    town: string;
    label: string;
    status: RevisionStatus;
    effectiveDate: string;
    importedAt: Date;
    sourceFile: string;
    contentHash: string;
    latest: boolean;
    standingId: number | null;
    regionIds: number[];
  },
  counts: Map<number, RevisionCounts>,
): RevisionSummary {
  return {
    id: r.id,
    townId: r.townId,
    town: r.town,
    label: r.label,
    status: r.status,
    effectiveDate: r.effectiveDate,
    importedAt: r.importedAt.toISOString(),
    sourceFile: r.sourceFile,
    contentHash: r.contentHash,
    counts: counts.get(r.id) ?? { ...EMPTY },
    latest: r.latest,
    standingId: r.standingId,
    regionIds: r.regionIds,
  };
}

/** Which of these content hashes some revision already has: files a batch import can skip unread. */
export async function storedContentHashes(db: Kysely<Database>, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .selectFrom("revisions")
    .select("content_hash")
    .distinct()
    .where("content_hash", "in", [...hashes])
    .execute();
  return new Set(rows.map((r) => r.content_hash));
}

/** The town's revision with these bytes (the content hash), which importing them again would return. */
export async function revisionByContent(
  db: Kysely<Database>,
  townId: number,
  contentHash: string,
): Promise<{ id: number; label: string; status: RevisionStatus } | null> {
  const row = await db
    .selectFrom("revisions")
    .select(["id", "label", "status"])
    .where("town_id", "=", townId)
    .where("content_hash", "=", contentHash)
    .executeTakeFirst();
  return row ?? null;
}
