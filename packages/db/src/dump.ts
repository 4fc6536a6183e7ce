import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";
import { bumpDataVersion } from "./write/data-version.ts";

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
    const ready = [...parents].filter(([, ps]) => ps.size === 0).map(([name]) => name).sort();
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
        if (listed !== JSON.stringify(counts)) throw new Error(`dump line ${lineNo}: the end lists ${listed} but the file held ${JSON.stringify(counts)}`);
        break;
      }
      const table = typeof section.table === "string" ? byName.get(section.table) : undefined;
      if (!table || typeof section.rows !== "number" || !Number.isInteger(section.rows) || section.rows < 0) {
        throw new Error(`dump line ${lineNo}: ${table ? "a row count" : `a table of this database (${String(section.table)} is not one)`} expected`);
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
