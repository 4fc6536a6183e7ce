import { allDuties, MAX_DUTIES, type Revision, revisionLabel } from "@duty/domain";
import { type Kysely, sql } from "kysely";
import type { Database, RevisionStatus } from "../schema.ts";
import { departmentKey, resolveCategories, resolveDepartments, resolveRegions } from "./references.ts";
import { bumpDataVersion } from "./data-version.ts";
import { completePlaces } from "./places.ts";
import { refreshRegionsBelow, rollUpRevisions } from "./rollups.ts";
import { emptyRows, revisionRows } from "./rows.ts";
import type { WriteRows } from "./tables.ts";

/*
 * The one path by which revisions reach the database: a single import is a batch of one, a bulk
 * load a batch of hundreds, and both take the same statements. References are found or created
 * set-wise (references.ts), revisions inserted unless their town already has their bytes, duty ids
 * drawn from the duties' sequence in one statement, the rows of revisionRows written (COPY or
 * INSERT, as `write` does it), and the rollups kept, all in the caller's transaction. A document
 * that omits its province is placed first (places.ts).
 */

export interface ImportOptions {
  /** Shown in lists of revisions; defaults to the town and the year it takes effect (「兰州湾镇 2025年版」). */
  label?: string | undefined;
  sourceFile: string;
  /** Hash of the source bytes: the same bytes for the same town are one revision. */
  contentHash: string;
  /** YYYY-MM-DD the revision takes effect; defaults to the day of import. */
  effectiveDate?: string | undefined;
  /** Where to file the document when its place fits several regions: the region it lies within. */
  withinRegionId?: number | undefined;
  /** Default published: it stands for its town at once (when it is the latest). A draft does not. */
  status?: RevisionStatus | undefined;
}

/** The day of import as YYYY-MM-DD, in the server's time zone. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** One parsed document and how to file it. */
export interface BulkDocument {
  revision: Revision;
  options: ImportOptions;
}

/** What became of one document of a batch. */
export interface Written {
  townId: number;
  /** The new revision, or the existing one with the same content hash. */
  revisionId: number;
  /** false when the town already had a revision with this content hash (the batch's own included): nothing was written. */
  created: boolean;
  /** Duties written (0 when not created). */
  duties: number;
}

/**
 * The years an effective date may fall in. Township duty lists date from the 2010s; the range is
 * wide, but year 0000 (which PostgreSQL cannot store) and typos such as 20244 stop here.
 */
export const EFFECTIVE_YEARS = { min: 1900, max: 2100 } as const;

/** Why `date` is no effective date, in words naming the field; null when it is one. */
export function effectiveDateProblem(date: string): string | null {
  const day = new Date(`${date}T00:00:00Z`);
  // Month 13 is no date at all (getTime() NaN); 02-30 rolls over to March, so compare the text too.
  const valid = /^\d{4}-\d{2}-\d{2}$/u.test(date) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
  if (!valid) return `effectiveDate: “${date}” 不是 YYYY-MM-DD 形式的日期 / not a date of the form YYYY-MM-DD`;
  const year = Number(date.slice(0, 4));
  if (year < EFFECTIVE_YEARS.min || year > EFFECTIVE_YEARS.max) {
    return `effectiveDate: 年份 ${date.slice(0, 4)} 不在 ${EFFECTIVE_YEARS.min}–${EFFECTIVE_YEARS.max} 之间 / the year must be within ${EFFECTIVE_YEARS.min}–${EFFECTIVE_YEARS.max}`;
  }
  return null;
}

/** Throws unless `date` is a real day written YYYY-MM-DD within EFFECTIVE_YEARS. */
function checkDate(date: string): void {
  const problem = effectiveDateProblem(date);
  if (problem) throw new Error(problem);
}

/** Writes `documents` inside the transaction `trx`; one result per document, in their order. */
export async function writeBatch(trx: Kysely<Database>, write: WriteRows, documents: readonly BulkDocument[]): Promise<Written[]> {
  for (const { revision, options } of documents) {
    if (options.effectiveDate !== undefined) checkDate(options.effectiveDate);
    // The parser refuses such a document; a revision built in code (the benchmark's generator) is held to the same limit.
    const duties = allDuties(revision).length;
    if (duties > MAX_DUTIES) throw new Error(`${options.sourceFile}: 事项 ${duties} 项，超过每份清单 ${MAX_DUTIES} 项的上限`);
  }
  const places = await completePlaces(
    trx,
    documents.map((d) => d.revision.region),
    documents.map((d) => ({ withinRegionId: d.options.withinRegionId })),
  );
  const { chains, adopted } = await resolveRegions(trx, places);
  const filed = documents.map((document, i) => {
    const townId = chains[i]!.at(-1)!;
    // Departments belong to the county the town answers to; a town without a parent keeps its own.
    return { document, townId, countyId: chains[i]!.at(-2) ?? townId, key: revisionKey(townId, document.options.contentHash) };
  });

  // Looked up before inserting: ON CONFLICT would use up a revision id on every repeated import.
  const existing = await findRevisions(trx, filed);
  // The first of two documents with the same town and hash takes the revision; the second is a repeat.
  const first = new Map<string, (typeof filed)[number]>();
  for (const f of filed) if (!existing.has(f.key) && !first.has(f.key)) first.set(f.key, f);
  const inserted = await insertRevisions(trx, [...first.values()]);
  // A concurrent import of the same bytes won the race for the rest.
  const raced = [...first.values()].filter((f) => !inserted.has(f.key));
  for (const [key, id] of await findRevisions(trx, raced)) existing.set(key, id);

  const isNew = (f: (typeof filed)[number]) => first.get(f.key) === f && inserted.has(f.key);
  const created = filed.filter(isNew).map((f) => ({ ...f, revisionId: inserted.get(f.key)! }));
  if (created.length > 0) {
    const categoryIds = await resolveCategories(
      trx,
      created.flatMap((c) => c.document.revision.categories),
    );
    const departmentIds = await resolveDepartments(
      trx,
      created.flatMap((c) => c.document.revision.departments.map((department) => ({ countyId: c.countyId, department }))),
    );
    const dutyIds = await reserveDutyIds(
      trx,
      created.reduce((n, c) => n + allDuties(c.document.revision).length, 0),
    );
    const rows = emptyRows();
    for (const { document, townId, countyId, revisionId } of created) {
      const own = revisionRows(document.revision, {
        townId,
        revisionId,
        categoryId: (name) => categoryIds.get(name)!,
        departmentId: (name) => departmentIds.get(departmentKey(countyId, name))!,
        nextDutyId: dutyIds.next,
      });
      rows.duties.push(...own.duties);
      rows.links.push(...own.links);
      rows.steps.push(...own.steps);
      rows.notes.push(...own.notes);
    }
    await write(trx, { table: "duties", rows: rows.duties });
    await write(trx, { table: "duty_departments", rows: rows.links });
    await write(trx, { table: "steps", rows: rows.steps });
    await write(trx, { table: "duty_notes", rows: rows.notes });
    await refreshPlannerCounts(trx, rows.steps.length);
    await rollUpRevisions(
      trx,
      created.map((c) => ({ townId: c.townId, revisionId: c.revisionId })),
    );
  }
  // The regions above an adopted copy now hold its towns too.
  if (adopted.length > 0) await refreshRegionsBelow(trx, adopted);
  if (created.length > 0 || adopted.length > 0) await bumpDataVersion(trx);

  return filed.map((f) => ({
    townId: f.townId,
    revisionId: inserted.get(f.key) ?? existing.get(f.key)!,
    created: isNew(f),
    duties: isNew(f) ? allDuties(f.document.revision).length : 0,
  }));
}

const revisionKey = (townId: number, contentHash: string) => `${townId}\t${contentHash}`;

/** A document with the town it is filed under. */
interface Filed {
  document: BulkDocument;
  townId: number;
}

/** Ids of the stored revisions with the town and content hash of these documents, by revisionKey. */
async function findRevisions(trx: Kysely<Database>, filed: readonly Filed[]): Promise<Map<string, number>> {
  if (filed.length === 0) return new Map();
  const { rows } = await sql<{ id: number; town_id: number; content_hash: string }>`
    select r.id, r.town_id, r.content_hash
    from unnest(${filed.map((f) => f.townId)}::int[], ${filed.map((f) => f.document.options.contentHash)}::text[]) as k(town_id, content_hash)
    join revisions r on r.town_id = k.town_id and r.content_hash = k.content_hash
  `.execute(trx);
  return new Map(rows.map((r) => [revisionKey(r.town_id, r.content_hash), r.id]));
}

/** Inserts these documents' revisions, skipping any a concurrent import stored first; new ids by revisionKey. */
async function insertRevisions(trx: Kysely<Database>, filed: readonly Filed[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  // 500 rows of 6 columns stay far below PostgreSQL's 65,535 parameters per statement.
  for (let start = 0; start < filed.length; start += 500) {
    const rows = await trx
      .insertInto("revisions")
      .values(
        filed.slice(start, start + 500).map(({ document: { options, revision }, townId }) => {
          const effectiveDate = options.effectiveDate ?? today();
          return {
            town_id: townId,
            label: options.label || revisionLabel(revision.region.town, effectiveDate),
            effective_date: effectiveDate,
            status: options.status ?? "published",
            source_file: options.sourceFile,
            content_hash: options.contentHash,
          };
        }),
      )
      .onConflict((oc) => oc.columns(["town_id", "content_hash"]).doNothing())
      .returning(["town_id", "id", "content_hash"])
      .execute();
    for (const r of rows) ids.set(revisionKey(r.town_id, r.content_hash), r.id);
  }
  return ids;
}

/**
 * Draws `count` ids from the duties' identity sequence in one statement. Other sessions may draw
 * at the same time, so the ids come back as runs of consecutive values rather than one range.
 */
async function reserveDutyIds(trx: Kysely<Database>, count: number): Promise<{ next(): number }> {
  // nextval with the sequence as a parameter: nextval(pg_get_serial_sequence(…)), looked up again
  // for every row, took 8 times as long.
  const { rows: found } = await sql<{ seq: string }>`select pg_get_serial_sequence('duties', 'id') as seq`.execute(trx);
  const { rows } = await sql<{ first: number; n: number }>`
    select min(id) as first, count(*)::int as n
    from (
      select id, id - row_number() over (order by id) as run
      from (select nextval(${found[0]!.seq}::regclass) as id from generate_series(1, ${count}::int)) drawn
    ) numbered
    group by run
    order by first
  `.execute(trx);
  let run = 0;
  let offset = 0;
  return {
    next() {
      while (offset >= rows[run]!.n) {
        run++;
        offset = 0;
      }
      return Number(rows[run]!.first) + offset++;
    },
  };
}

/**
 * The rollup statements read back what the batch wrote. The planner sizes tables by their last
 * ANALYZE, so a batch that more than tripled them (the first batches of a load) would be planned
 * as if they were nearly empty: once, a first batch took five times as long as the next. ANALYZE
 * inside the transaction counts the batch's own rows.
 */
async function refreshPlannerCounts(trx: Kysely<Database>, stepsWritten: number): Promise<void> {
  const { rows } = await sql<{ known: number }>`select reltuples::float8 as known from pg_class where oid = 'steps'::regclass`.execute(trx);
  if (Number(rows[0]!.known) < stepsWritten / 2) await sql`analyze duties, duty_departments, steps`.execute(trx);
}
