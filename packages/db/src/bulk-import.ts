import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { allDuties, type Revision, type Step } from "@duty/domain";
import { Kysely, PostgresDialect, sql } from "kysely";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { AtlasDatabase } from "./connect.ts";
import { checkDate, type ImportOptions, linkRows } from "./import.ts";
import { departmentKey, resolveCategories, resolveDepartments, resolveRegions } from "./references.ts";
import { rollUpRevisions, type RevisionKey } from "./rollups.ts";
import type { Database } from "./schema.ts";

/*
 * Loading many towns at once (a national data set, a province's folder of lists). Each batch of
 * documents is one transaction: references found or created in a few set-wise statements, duty ids
 * drawn from the duties sequence in one statement, then duties, links and steps sent with COPY
 * (PostgreSQL) or multi-row INSERTs (PGlite), then the same rollup maintenance as a single import.
 * A batch lands whole or not at all; a failed batch leaves the earlier ones in place.
 */

/** One parsed document and how to file it, as importRevision takes them. */
export interface BulkDocument {
  revision: Revision;
  options: ImportOptions;
}

export interface BulkImportOptions {
  /** Documents per transaction; default 250 (≈ 85,000 duties), which loaded faster than 500 in the benchmark. */
  batchSize?: number | undefined;
}

export interface BulkImportResult {
  /** Revisions written. */
  created: number;
  /** Documents whose town already had a revision with the same content hash (the batch's own included): nothing written. */
  skipped: number;
  duties: number;
}

/** A value in a COPY row. */
export type CopyValue = string | number | null;

/** Rows for one table, in `columns` order. */
export interface TableRows {
  table: string;
  columns: readonly string[];
  rows: Iterable<readonly CopyValue[]>;
}

/**
 * Imports documents in batches, each batch in one transaction. Like importRevision, a document
 * whose town already has a revision with its content hash is skipped.
 */
export async function bulkImport(
  database: AtlasDatabase,
  documents: Iterable<BulkDocument> | AsyncIterable<BulkDocument>,
  options: BulkImportOptions = {},
): Promise<BulkImportResult> {
  const batchSize = options.batchSize ?? 250;
  const total: BulkImportResult = { created: 0, skipped: 0, duties: 0 };
  await withWriter(database, async (db, write) => {
    let batch: BulkDocument[] = [];
    const flush = async () => {
      const done = await db.transaction().execute((trx) => importBatch(trx, write, batch));
      total.created += done.created;
      total.skipped += done.skipped;
      total.duties += done.duties;
      batch = [];
    };
    for await (const document of documents) {
      batch.push(document);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
  });
  return total;
}

/**
 * Writes rows exactly as given, all tables in one transaction, with nothing looked up, numbered or
 * counted: the fastest load there is, which the benchmark holds bulkImport against. Rows that
 * others refer to must come first.
 */
export async function copyRows(database: AtlasDatabase, tables: readonly TableRows[]): Promise<void> {
  await withWriter(database, (db, write) =>
    db.transaction().execute(async (trx) => {
      for (const t of tables) await write(trx, t);
    }),
  );
}

/** Writes rows inside the transaction `trx`. */
type Write = (trx: Kysely<Database>, rows: TableRows) => Promise<void>;

/**
 * Runs `work` with a kysely handle and a row writer that share one connection, so that COPY runs
 * inside the handle's transactions. PostgreSQL: one client of the pool, COPY FROM STDIN. PGlite:
 * its only connection, multi-row INSERTs.
 */
async function withWriter<T>(database: AtlasDatabase, work: (db: Kysely<Database>, write: Write) => Promise<T>): Promise<T> {
  if (!database.pool) return work(database.db, insertRows);
  const client = await database.pool.connect();
  // A pool of this one client: kysely's transaction and the COPY streams then use the same session.
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: { connect: async () => ({ query: client.query.bind(client), release: () => {} }) as unknown as PoolClient, end: async () => {} },
    }),
  });
  try {
    return await work(db, (_trx, rows) => copyInto(client, rows));
  } finally {
    await db.destroy();
    client.release();
  }
}

async function importBatch(trx: Kysely<Database>, write: Write, documents: readonly BulkDocument[]): Promise<BulkImportResult> {
  for (const { options } of documents) if (options.effectiveDate !== undefined) checkDate(options.effectiveDate);
  const chains = await resolveRegions(
    trx,
    documents.map((d) => d.revision.region),
  );
  const townOf = (i: number) => chains[i]!.at(-1)!;
  // Departments belong to the county the town answers to; a town without a parent keeps its own (as importRevision files them).
  const countyOf = (i: number) => chains[i]!.at(-2) ?? townOf(i);

  const inserted = await insertRevisions(trx, documents, townOf);
  const created = documents.flatMap((document, i) => {
    const revisionId = inserted.get(`${townOf(i)}\t${document.options.contentHash}`);
    if (revisionId === undefined) return [];
    // The first of two documents with the same town and hash takes the revision; the second is a repeat.
    inserted.delete(`${townOf(i)}\t${document.options.contentHash}`);
    return [{ document, townId: townOf(i), countyId: countyOf(i), revisionId }];
  });
  const result = { created: created.length, skipped: documents.length - created.length, duties: 0 };
  if (created.length === 0) return result;

  const categoryIds = await resolveCategories(
    trx,
    created.flatMap((c) => c.document.revision.categories),
  );
  const departmentIds = await resolveDepartments(
    trx,
    created.flatMap((c) => c.document.revision.departments.map((department) => ({ countyId: c.countyId, department }))),
  );
  const dutyCount = created.reduce((n, c) => n + allDuties(c.document.revision).length, 0);
  const ids = await reserveDutyIds(trx, dutyCount);
  result.duties = dutyCount;

  const duties: CopyValue[][] = [];
  const links: CopyValue[][] = [];
  const steps: CopyValue[][] = [];
  for (const { document, townId, countyId, revisionId } of created) {
    const { revision } = document;
    const department = (name: string) => departmentIds.get(departmentKey(countyId, name))!;
    const byName = new Map(revision.departments.map((d) => [d.name, department(d.name)]));
    const stepRows = (dutyId: number, side: "department" | "town", list: readonly Step[]) => {
      for (const s of list) steps.push([townId, dutyId, side, s.order, s.department === null ? null : department(s.department), s.heading, s.text]);
    };
    for (const duty of allDuties(revision)) {
      const id = ids.next();
      duties.push([townId, id, revisionId, duty.list, duty.seq, categoryIds.get(duty.category)!, duty.name, duty.line]);
      if (duty.list === "coordinated") {
        for (const l of linkRows(townId, id, "lead", duty.departments, byName)) links.push([townId, id, l.department_id, l.role, l.position, l.note ?? null]);
        stepRows(id, "department", duty.departmentDuties);
        stepRows(id, "town", duty.townDuties);
      } else if (duty.list === "reclaimed") {
        for (const l of linkRows(townId, id, "receiver", duty.receivers, byName)) links.push([townId, id, l.department_id, l.role, l.position, l.note ?? null]);
        stepRows(id, "department", duty.method);
      }
    }
  }
  await write(trx, { table: "duties", columns: ["town_id", "id", "revision_id", "list", "seq", "category_id", "name", "source_line"], rows: duties });
  await write(trx, { table: "duty_departments", columns: ["town_id", "duty_id", "department_id", "role", "position", "note"], rows: links });
  await write(trx, { table: "steps", columns: ["town_id", "duty_id", "side", "position", "department_id", "heading", "text"], rows: steps });

  await refreshPlannerCounts(trx, steps.length);
  await rollUpRevisions(
    trx,
    created.map((c): RevisionKey => ({ townId: c.townId, revisionId: c.revisionId })),
  );
  return result;
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

/** Inserts the revisions that are new; returns their ids by town and content hash. */
async function insertRevisions(
  trx: Kysely<Database>,
  documents: readonly BulkDocument[],
  townOf: (i: number) => number,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  // 500 rows of 5 columns stay far below PostgreSQL's 65,535 parameters per statement.
  for (let start = 0; start < documents.length; start += 500) {
    const rows = await trx
      .insertInto("revisions")
      .values(
        documents.slice(start, start + 500).map(({ options }, i) => ({
          town_id: townOf(start + i),
          label: options.label || options.sourceFile,
          effective_date: options.effectiveDate,
          source_file: options.sourceFile,
          content_hash: options.contentHash,
        })),
      )
      .onConflict((oc) => oc.columns(["town_id", "content_hash"]).doNothing())
      .returning(["town_id", "id", "content_hash"])
      .execute();
    for (const r of rows) ids.set(`${r.town_id}\t${r.content_hash}`, r.id);
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

/** COPY … FROM STDIN in text format, streamed in chunks of a few hundred kB. */
async function copyInto(client: PoolClient, { table, columns, rows }: TableRows): Promise<void> {
  const statement = `copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) from stdin`;
  await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(statement)));
}

function* copyText(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += `${row.map(copyField).join("\t")}\n`;
    if (chunk.length > 256_000) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value in COPY's text format: \N is NULL, and backslash, tab and line breaks are escaped. */
export function copyField(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/u.test(value) ? value.replace(/[\\\t\n\r]/gu, (c) => ESCAPES[c]!) : value;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** PGlite: multi-row INSERTs of at most 65,535 parameters each. */
async function insertRows(db: Kysely<Database>, { table, columns, rows }: TableRows): Promise<void> {
  const perStatement = Math.floor(60_000 / columns.length);
  let part: (readonly CopyValue[])[] = [];
  const flush = async () => {
    const values = sql.join(part.map((row) => sql`(${sql.join(row.map((v) => sql`${v}`))})`));
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${values}`.execute(db);
    part = [];
  };
  for (const row of rows) {
    part.push(row);
    if (part.length >= perStatement) await flush();
  }
  if (part.length > 0) await flush();
}

/** After a bulk load: fresh planner statistics, and a visibility map that lets counts read indexes only. */
export async function analyzeAfterLoad(database: AtlasDatabase): Promise<void> {
  await sql`vacuum (analyze)`.execute(database.db);
}

/** Bytes the database takes on disk, indexes and rollups included. */
export async function databaseBytes(database: AtlasDatabase): Promise<number> {
  const { rows } = await sql<{ bytes: string | number }>`select pg_database_size(current_database()) as bytes`.execute(database.db);
  return Number(rows[0]!.bytes);
}
