import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";
import { bumpDataVersion } from "./write/data-version.ts";
import { ROLLUP_TABLES, rebuildRollups } from "./write/rollups.ts";

/*
 * A dump is JSON lines, one table after another, every row exactly as the database holds it
 * (ids, labels, effective dates, import times), so a restore reproduces the database row for row
 * on either engine:
 *   {"format":"duty-atlas-dump","version":1,"migrations":[…],"createdAt":"…"}
 *   {"table":"regions","rows":3}        followed by exactly 3 lines, one row each (to_jsonb)
 *   …
 *   {"end":true,"tables":{"regions":3,…}}
 * Row counts come before the rows so a truncated file is noticed, and a row cannot be mistaken
 * for a section line whatever its columns are called.
 */

const FORMAT = "duty-atlas-dump";
const VERSION = 1;
/** Rows fetched from the export cursor at a time. */
const FETCH_ROWS = 1000;
/** JSON per INSERT on restore: large enough to be fast, small enough for PGlite's memory. */
const BATCH_BYTES = 1_000_000;

/**
 * Longest line a dump may hold, in characters. A row is a few hundred characters (a revision with
 * a long label, a duty with a long name: under 10 KB); a longer line is damage or a decompression
 * bomb (300 MB of one line in a 300 KB gzip), refused after reading this much of it.
 */
export const MAX_DUMP_LINE_CHARS = 1_000_000;
/**
 * Most text a dump may hold once un-gzipped. A national database (a few million duties with their
 * links and steps) dumps to a few GB; past this the file is refused before the transaction grows further.
 */
export const MAX_DUMP_CHARS = 16 * 1024 ** 3;

/**
 * The lines of a dump's text, split as it streams in: each chunk is scanned once (linear in the
 * input, however long a line grows), a line over MAX_DUMP_LINE_CHARS or a text over MAX_DUMP_CHARS
 * fails the loop at once. `limits` lowers them (tests).
 */
export async function* dumpLines(
  chunks: AsyncIterable<string>,
  limits: { lineChars?: number; totalChars?: number } = {},
): AsyncGenerator<string> {
  const lineLimit = limits.lineChars ?? MAX_DUMP_LINE_CHARS;
  const totalLimit = limits.totalChars ?? MAX_DUMP_CHARS;
  // The current line as the pieces it arrived in: appending to one string and splitting it again
  // on every chunk re-scanned the whole line each time (minutes for one 300 MB line).
  let pieces: string[] = [];
  let pending = 0;
  let total = 0;
  let lineNo = 1;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > totalLimit) throw new Error(`dump: more than ${totalLimit} characters once un-gzipped; not a dump of this application`);
    let from = 0;
    for (;;) {
      const end = chunk.indexOf("\n", from);
      const piece = end < 0 ? chunk.slice(from) : chunk.slice(from, end);
      pending += piece.length;
      if (pending > lineLimit) throw new Error(`dump line ${lineNo}: longer than ${lineLimit} characters; not a dump of this application`);
      if (piece) pieces.push(piece);
      if (end < 0) break;
      yield pieces.join("");
      pieces = [];
      pending = 0;
      lineNo++;
      from = end + 1;
    }
  }
  if (pending > 0) yield pieces.join("");
}

/** A dump whose rows are not what its application could have written; nothing was restored. */
export class DumpRejected extends Error {
  override readonly name = "DumpRejected";
}

/** What a dump holds: the schema version it was taken at and the rows per table. */
export interface DumpSummary {
  migrations: string[];
  tables: Record<string, number>;
}

/** Thrown by restoreDump when the target already holds rows and `force` was not given. */
export class DatabaseNotEmpty extends Error {
  override readonly name = "DatabaseNotEmpty";
  constructor(readonly counts: Record<string, number>) {
    const filled = Object.values(counts).filter((n) => n > 0);
    const rows = filled.reduce((a, b) => a + b, 0);
    super(`the database is not empty (${counts.revisions ?? 0} revision(s), ${rows} rows in ${filled.length} tables)`);
  }
}

export interface TableInfo {
  name: string;
  /** Columns a row is written with (generated ones are left to the database). */
  columns: string[];
  /** Primary key columns: the dump's row order, so a row comes after the rows it refers to by id. */
  key: string[];
  /** Identity columns, whose sequences must continue after the highest restored id. */
  identity: string[];
}

/**
 * The schema's own tables (kysely's bookkeeping and the data version, a cache key rather than data,
 * left out), each after every table it refers to.
 * Read from the catalogue, so tables added by later migrations (rollups) are dumped as well.
 */
export async function dataTables(db: Kysely<any>): Promise<TableInfo[]> {
  const columns = await sql<{ table: string; column: string; identity: boolean }>`
    select c.table_name as "table", c.column_name as "column", c.is_identity = 'YES' as "identity"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
      and c.table_name not in ('kysely_migration', 'kysely_migration_lock', 'data_version')
    order by c.table_name, c.ordinal_position
  `.execute(db);
  const keys = await sql<{ table: string; column: string }>`
    select tc.table_name as "table", k.column_name as "column"
    from information_schema.table_constraints tc
    join information_schema.key_column_usage k
      on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name and k.table_name = tc.table_name
    where tc.table_schema = current_schema() and tc.constraint_type = 'PRIMARY KEY'
    order by tc.table_name, k.ordinal_position
  `.execute(db);
  const references = await sql<{ table: string; parent: string }>`
    select child.relname as "table", parent.relname as "parent"
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
  `.execute(db);

  const tables = new Map<string, TableInfo>();
  for (const { table, column, identity } of columns.rows) {
    const info = tables.get(table) ?? { name: table, columns: [], key: [], identity: [] };
    info.columns.push(column);
    if (identity) info.identity.push(column);
    tables.set(table, info);
  }
  for (const { table, column } of keys.rows) tables.get(table)?.key.push(column);

  // Parents first; among tables free to go, by name, so the order is the same on every engine.
  const parents = new Map([...tables.keys()].map((name) => [name, new Set<string>()]));
  for (const { table, parent } of references.rows) {
    if (table !== parent && tables.has(parent)) parents.get(table)?.add(parent);
  }
  const ordered: TableInfo[] = [];
  while (parents.size > 0) {
    const ready = [...parents]
      .filter(([, ps]) => ps.size === 0)
      .map(([name]) => name)
      .sort();
    if (ready.length === 0) throw new Error(`tables refer to each other in a cycle: ${[...parents.keys()].join(", ")}`);
    for (const name of ready) {
      ordered.push(tables.get(name)!);
      parents.delete(name);
      for (const ps of parents.values()) ps.delete(name);
    }
  }
  return ordered;
}

async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Writes every table's rows as JSON lines (see the format above) from one consistent snapshot:
 * an import running meanwhile is either wholly in the dump or not at all.
 */
export async function exportDump(db: Kysely<any>, write: (line: string) => void | Promise<void>): Promise<DumpSummary> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      // to_jsonb writes timestamps in the session's time zone: UTC makes dumps of equal data equal.
      await sql`set local timezone to 'UTC'`.execute(trx);
      const tables = await dataTables(trx);
      const migrations = await appliedMigrations(trx);
      await write(JSON.stringify({ format: FORMAT, version: VERSION, migrations, createdAt: new Date().toISOString() }));
      const counts: Record<string, number> = {};
      for (const table of tables) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table.name)}`.execute(trx);
        const total = rows[0]!.n;
        await write(JSON.stringify({ table: table.name, rows: total }));
        const order = table.key.length > 0 ? sql`order by ${sql.join(table.key.map((c) => sql.ref(c)))}` : sql``;
        await sql`declare atlas_dump no scroll cursor for
          select to_jsonb(atlas_row)::text as row from ${sql.table(table.name)} as atlas_row ${order}`.execute(trx);
        let written = 0;
        for (;;) {
          const batch = await sql<{ row: string }>`fetch forward ${sql.lit(FETCH_ROWS)} from atlas_dump`.execute(trx);
          for (const r of batch.rows) await write(r.row);
          written += batch.rows.length;
          if (batch.rows.length < FETCH_ROWS) break;
        }
        await sql`close atlas_dump`.execute(trx);
        if (written !== total) throw new Error(`${table.name}: counted ${total} rows but read ${written}`);
        counts[table.name] = total;
      }
      await write(JSON.stringify({ end: true, tables: counts }));
      return { migrations, tables: counts };
    });
}

/**
 * Loads a dump in one transaction: on any error the database is left as it was. The database must
 * be at the dump's schema version and hold no rows; `force` empties it first. Ids are restored as
 * dumped and identity sequences continue after them.
 */
export async function restoreDump(db: Kysely<any>, lines: AsyncIterable<string>, options: { force?: boolean } = {}): Promise<DumpSummary> {
  const reader = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (expected: string): Promise<string> => {
    const r = await reader.next();
    if (r.done) throw new Error(`dump line ${lineNo + 1}: the file ends where ${expected} should be (an incomplete copy?)`);
    lineNo++;
    return r.value;
  };
  const parse = <T>(text: string): T => {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`dump line ${lineNo}: not JSON: ${text.slice(0, 80)}`);
    }
  };

  const header = parse<{ format?: unknown; version?: unknown; migrations?: unknown }>(await next("the header"));
  if (header.format !== FORMAT || header.version !== VERSION || !Array.isArray(header.migrations)) {
    throw new Error(`dump line 1: not a ${FORMAT} version ${VERSION} file`);
  }
  const dumpMigrations = header.migrations as string[];

  return db.transaction().execute(async (trx) => {
    const migrations = await appliedMigrations(trx);
    if (migrations.join("\n") !== dumpMigrations.join("\n")) {
      const missing = dumpMigrations.filter((m) => !migrations.includes(m));
      const extra = migrations.filter((m) => !dumpMigrations.includes(m));
      throw new Error(
        `the dump was taken at another schema version (only in the dump: ${missing.join(", ") || "none"}; only in this database: ${extra.join(", ") || "none"}): restore it with the atlas version that wrote it`,
      );
    }
    const tables = await dataTables(trx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const present: Record<string, number> = {};
    for (const t of tables) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(trx);
      present[t.name] = rows[0]!.n;
    }
    if (Object.values(present).some((n) => n > 0)) {
      if (!options.force) throw new DatabaseNotEmpty(present);
      await sql`truncate ${sql.join(tables.map((t) => sql.table(t.name)))} restart identity`.execute(trx);
    }

    const counts: Record<string, number> = {};
    for (;;) {
      const section = parse<{ table?: unknown; rows?: unknown; end?: unknown; tables?: unknown }>(await next("a table or the end"));
      if (section.end === true) {
        const listed = JSON.stringify(section.tables);
        if (listed !== JSON.stringify(counts))
          throw new Error(`dump line ${lineNo}: the end lists ${listed} but the file held ${JSON.stringify(counts)}`);
        break;
      }
      const table = typeof section.table === "string" ? byName.get(section.table) : undefined;
      if (!table || typeof section.rows !== "number" || !Number.isInteger(section.rows) || section.rows < 0) {
        throw new Error(
          `dump line ${lineNo}: ${table ? "a row count" : `a table of this database (${String(section.table)} is not one)`} expected`,
        );
      }
      if (table.name in counts) throw new Error(`dump line ${lineNo}: ${table.name} appears twice`);
      let batch: string[] = [];
      let bytes = 0;
      let first = lineNo + 1;
      for (let i = 0; i < section.rows; i++) {
        const row = await next(`row ${i + 1} of ${section.rows} of ${table.name}`);
        batch.push(row);
        bytes += row.length;
        if (bytes >= BATCH_BYTES || i === section.rows - 1) {
          await insertRows(trx, table, batch, `dump lines ${first}–${lineNo} (${table.name})`);
          batch = [];
          bytes = 0;
          first = lineNo + 1;
        }
      }
      counts[table.name] = section.rows;
    }
    const extra = await reader.next();
    if (!extra.done) throw new Error(`dump line ${lineNo + 1}: text after the end line`);
    const missing = tables.filter((t) => !(t.name in counts)).map((t) => t.name);
    if (missing.length > 0) throw new Error(`the dump has no section for ${missing.join(", ")}`);

    await verifyRestored(trx);

    for (const table of tables) {
      for (const column of table.identity) {
        // The next import must get an id after the restored ones, not collide with them.
        await sql`select setval(pg_get_serial_sequence(${quoted(table.name)}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false)
          from ${sql.table(table.name)}`.execute(trx);
      }
    }
    // Answers cached before the restore must not be served for the restored data.
    await bumpDataVersion(trx as Kysely<Database>);
    return { migrations, tables: counts };
  });
}

/**
 * Holds the restored rows to what the application itself writes, inside the restore's
 * transaction, so a refusal leaves the database as it was:
 * - the rollups (every statistic reads them) must equal a recount of the duty rows: a dump with
 *   inflated counts (2,000 towns where 2 exist) is refused, naming the table;
 * - a content hash must be what an import writes, a SHA-256 in hex, and where the document's
 *   original bytes are kept (revision_sources), the SHA-256 of those bytes: a forged hash would let
 *   the same file be imported twice. (Revisions loaded by bulkImport keep no bytes: only the form
 *   of their hash can be checked.)
 */
async function verifyRestored(trx: Kysely<any>): Promise<void> {
  const forged = await sql<{ id: number; content_hash: string }>`
    select id, content_hash from revisions where content_hash !~ '^[0-9a-f]{64}$' order by id limit 1`.execute(trx);
  if (forged.rows[0]) {
    const { id, content_hash } = forged.rows[0];
    throw new DumpRejected(
      `revisions ${id}: 内容哈希 “${content_hash.slice(0, 80)}” 不是 SHA-256 / the content hash is not a SHA-256 digest in hex`,
    );
  }
  const mismatched = await sql<{ id: number }>`
    select r.id from revisions r join revision_sources s on s.revision_id = r.id and s.town_id = r.town_id
    where encode(sha256(s.bytes), 'hex') <> r.content_hash order by r.id limit 1`.execute(trx);
  if (mismatched.rows[0]) {
    const { id } = mismatched.rows[0];
    throw new DumpRejected(
      `revisions ${id}: 内容哈希与保存的原文件不符 / the content hash is not the SHA-256 of the revision's stored file`,
    );
  }
  // The dumped rollups set aside, every rollup recounted from the rows, then compared in SQL (a national
  // database has hundreds of thousands of rollup rows: no copy of them in this process).
  for (const table of ROLLUP_TABLES) {
    await sql`create temporary table ${sql.table(`dumped_${table}`)} on commit drop as select * from ${sql.table(table)}`.execute(trx);
  }
  await rebuildRollups(trx);
  for (const table of ROLLUP_TABLES) {
    const dumped = sql.table(`dumped_${table}`);
    const { rows } = await sql<{ extra: number; missing: number; example: string | null }>`
      with extra as (select * from ${dumped} except all select * from ${sql.table(table)}),
           missing as (select * from ${sql.table(table)} except all select * from ${dumped})
      select (select count(*)::int from extra) as extra, (select count(*)::int from missing) as missing,
             coalesce((select to_jsonb(e)::text from extra e limit 1), (select to_jsonb(m)::text from missing m limit 1)) as example`.execute(
      trx,
    );
    const { extra, missing, example } = rows[0]!;
    if (extra > 0 || missing > 0) {
      throw new DumpRejected(
        `${table}: 汇总与按事项重新统计的结果不符（${extra} 行多出或不同，${missing} 行缺少，如 ${(example ?? "").slice(0, 200)}），不予恢复 / the rollups do not match a recount of the rows`,
      );
    }
  }
}

async function insertRows(trx: Kysely<any>, table: TableInfo, rows: string[], where: string): Promise<void> {
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  // Identity columns would otherwise refuse or replace the dumped ids.
  const overriding = table.identity.length > 0 ? sql`overriding system value` : sql``;
  try {
    await sql`insert into ${sql.table(table.name)} (${columns}) ${overriding}
      select ${columns} from jsonb_populate_recordset(null::${sql.table(table.name)}, ${`[${rows.join(",")}]`}::jsonb)`.execute(trx);
  } catch (err) {
    throw new Error(`${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** A table name as pg_get_serial_sequence wants it: quoted, so case and odd characters survive. */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
