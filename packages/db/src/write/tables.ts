import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Insertable, Kysely, PostgresDialect } from "kysely";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { AtlasDatabase } from "../connect.ts";
import type { Database } from "../schema.ts";

/*
 * How rows reach a table: COPY FROM STDIN on PostgreSQL when the writer holds a connection of its
 * own (bulkImport, the benchmark), multi-row INSERTs otherwise (PGlite, a single import into any
 * transaction). Rows are typed by the schema; a table's columns are the keys of its first row.
 */

/** A row of table T as it is written. */
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;

/** Rows for one table, every row with the same keys. */
export type TableRows = { [T in keyof Database]: { table: T; rows: readonly NewRow<T>[] } }[keyof Database];

/** Writes rows inside the transaction `trx`. */
export type WriteRows = (trx: Kysely<Database>, rows: TableRows) => Promise<void>;

/** A value in a COPY row. */
export type CopyValue = string | number | null;

/** Multi-row INSERTs of at most 60,000 parameters each (PostgreSQL allows 65,535). */
export const insertRows: WriteRows = async (trx, { table, rows }) => {
  if (rows.length === 0) return;
  const perStatement = Math.floor(60_000 / Object.keys(rows[0]!).length);
  for (let start = 0; start < rows.length; start += perStatement) {
    // kysely's types cannot follow a union of tables; each row is the table's Insertable.
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + perStatement) as never)
      .execute();
  }
};

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

/**
 * Runs `work` with a kysely handle and a row writer that share one connection, so that COPY runs
 * inside the handle's transactions. PostgreSQL: one client of the pool, COPY FROM STDIN. PGlite:
 * its only connection, multi-row INSERTs.
 */
export async function withWriter<T>(database: AtlasDatabase, work: (db: Kysely<Database>, write: WriteRows) => Promise<T>): Promise<T> {
  if (!database.pool) return work(database.db, insertRows);
  const client = await database.pool.connect();
  // A pool of this one client: kysely's transaction and the COPY streams then use the same session.
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => ({ query: client.query.bind(client), release: () => {} }) as unknown as PoolClient,
        end: async () => {},
      },
    }),
  });
  try {
    return await work(db, (_trx, rows) => copyInto(client, rows));
  } finally {
    await db.destroy();
    client.release();
  }
}

/** COPY … FROM STDIN in text format, streamed in chunks of a few hundred kB. */
async function copyInto(client: PoolClient, { table, rows }: TableRows): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const statement = `copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) from stdin`;
  await pipeline(
    Readable.from(copyText(columns, rows as readonly Record<string, CopyValue | undefined>[])),
    client.query(copyFrom(statement)),
  );
}

function* copyText(columns: readonly string[], rows: readonly Record<string, CopyValue | undefined>[]): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += `${columns.map((c) => copyField(row[c] ?? null)).join("\t")}\n`;
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
