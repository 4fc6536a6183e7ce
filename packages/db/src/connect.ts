import { createHash } from "node:crypto";
import { mkdirSync, realpathSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type DatabaseConnection, type Driver, Kysely, Migrator, PostgresDialect, sql, type TransactionSettings } from "kysely";
import type { Pool } from "pg";
import { PGliteDialect } from "kysely-pglite-dialect";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";
import { DatabaseBusy } from "./unavailable.ts";

export type Engine = "pglite" | "postgres";

/** The handle query functions take; a transaction is one too. */
export type Db = Kysely<Database>;

/** An open database: the kysely handle plus what it runs on. */
export interface AtlasDatabase {
  db: Db;
  engine: Engine;
  /** Schema the tables live in (migrations and search_path). */
  schema: string;
  /** For log lines: the PGlite folder, "memory", or the server address without credentials. */
  location: string;
  /** PostgreSQL only: the pool behind db, for what kysely cannot send (COPY in write/tables.ts). */
  pool?: Pool | undefined;
  close(): Promise<void>;
}

/**
 * Where the database is. The package reads no environment: the apps decide (DATABASE_URL,
 * ATLAS_DATA_DIR and their defaults live in apps/server's config.ts).
 */
export interface ConnectOptions {
  /** A PostgreSQL server; when absent or empty, embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite's folder (it keeps its files in pglite/ below); null keeps the database in memory. */
  dataDir?: string | null | undefined;
  /** PostgreSQL only: a schema to keep the tables in (tests use one per file). Default public. */
  schema?: string | undefined;
  /**
   * PostgreSQL only: every statement's time limit (the server's statement_timeout) and, READ_MARGIN_MS
   * later, how long the driver waits for any answer before it gives the connection up (a frozen
   * server never enforces its own limit). The server sets it for requests; unset (the CLI's imports
   * and restores, migrations) a statement may take as long as it needs. PGlite cannot stop a
   * statement: it runs on the caller's thread, so its queries are bounded by what they read.
   */
  statementTimeoutMs?: number | undefined;
}

/** Opens the database without migrating it; see openDatabase for the usual entry point. */
export async function connect(options: ConnectOptions): Promise<AtlasDatabase> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.schema ?? "public", options.statementTimeoutMs);
  if (options.dataDir === undefined) throw new Error("connect: give a databaseUrl, a PGlite dataDir, or dataDir: null for memory");
  return options.dataDir === null ? fromPGlite(await createPGlite(), "memory") : connectPGliteDir(options.dataDir);
}

/** Opens the database and brings its schema up to date: what every entry point (server, CLI) calls. */
export async function openDatabase(options: ConnectOptions): Promise<AtlasDatabase> {
  if (options.databaseUrl && options.statementTimeoutMs) {
    // A migration's backfill may run for minutes on a national database: migrate without the
    // requests' time limit, on connections of its own, then open the pool the requests use.
    const setup = await openDatabase({ ...options, statementTimeoutMs: undefined });
    await setup.close();
    return connect(options);
  }
  const opened = await connect(options);
  try {
    await migrate(opened);
  } catch (err) {
    await opened.close();
    throw err;
  }
  return opened;
}

/** Applies every pending migration; throws the first failure with the migration's name. */
export async function migrate({ db, schema }: Pick<AtlasDatabase, "db" | "schema">): Promise<void> {
  if (await upToDate(db, schema)) return;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Without it kysely finds another schema's kysely_migration table and thinks this one exists.
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(
      `migration ${failed ?? "(before any migration ran)"} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * A restart finds every migration applied. Checking that with one query saves the Migrator's
 * catalogue introspection and lock, a fifth of a restart on PGlite.
 */
async function upToDate(db: Db, schema: string): Promise<boolean> {
  const table = await sql<{ found: string | null }>`select to_regclass(${`${schema}.kysely_migration`}) as found`.execute(db);
  if (!table.rows[0]?.found) return false;
  const applied = await sql<{ name: string }>`select name from ${sql.id(schema, "kysely_migration")}`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  return Object.keys(migrations).every((name) => names.has(name));
}

/**
 * A PGlite with the extensions the migrations create (pg_trgm for text search: PostgreSQL ships it
 * in contrib, PGlite as a module that must be loaded at start). In memory without a folder.
 */
export function createPGlite(folder?: string): Promise<PGlite> {
  return PGlite.create(folder, { extensions: { pg_trgm } });
}

/**
 * Most queries that may wait for a connection (PostgreSQL's pool, PGlite's one connection); one more
 * is refused at once as busy (503) rather than queued behind seconds of others.
 */
export const MAX_WAITING_QUERIES = 100;

/** Wraps an already open PGlite (tests use this for clones). close() closes the PGlite too. */
export function fromPGlite(pglite: PGlite, location: string, onClose?: () => void | Promise<void>): AtlasDatabase {
  const db = new Kysely<Database>({ dialect: new BoundedPGliteDialect(pglite) });
  return {
    db,
    engine: "pglite",
    schema: "public",
    location,
    close: async () => {
      await db.destroy();
      // kysely skips destroying a driver that never ran a query, which would leave PGlite open.
      if (!pglite.closed) await pglite.close();
      await onClose?.();
    },
  };
}

/**
 * PGlite's one connection, queued first come first served by the dialect, with the same bounds as
 * PostgreSQL's pool: at most MAX_WAITING_QUERIES waiting and POOL_WAIT_MS of waiting, past which
 * the query is refused as busy. A connection handed to a waiter that gave up is handed back.
 */
class BoundedPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    const inner = super.createDriver();
    let waiting = 0;
    return {
      init: () => inner.init(),
      acquireConnection: async () => {
        if (waiting >= MAX_WAITING_QUERIES) throw new DatabaseBusy(`${MAX_WAITING_QUERIES} queries are already waiting for the database`);
        waiting++;
        const acquired = inner.acquireConnection();
        let timer: NodeJS.Timeout | undefined;
        let gaveUp = false;
        try {
          return await Promise.race([
            acquired,
            new Promise<never>((_, fail) => {
              timer = setTimeout(() => {
                gaveUp = true;
                fail(new DatabaseBusy(`waited ${POOL_WAIT_MS} ms for the database`));
              }, POOL_WAIT_MS);
            }),
          ]);
        } finally {
          clearTimeout(timer);
          waiting--;
          if (gaveUp) void acquired.then((connection) => inner.releaseConnection(connection));
        }
      },
      beginTransaction: (connection: DatabaseConnection, settings: TransactionSettings) => inner.beginTransaction(connection, settings),
      commitTransaction: (connection: DatabaseConnection) => inner.commitTransaction(connection),
      rollbackTransaction: (connection: DatabaseConnection) => inner.rollbackTransaction(connection),
      releaseConnection: (connection: DatabaseConnection) => inner.releaseConnection(connection),
      destroy: () => inner.destroy(),
    };
  }
}

async function connectPGliteDir(dataDir: string): Promise<AtlasDatabase> {
  const folder = join(dataDir, "pglite");
  mkdirSync(folder, { recursive: true });
  const unlock = await lockFolder(dataDir);
  try {
    return fromPGlite(await createPGlite(folder), folder, unlock);
  } catch (err) {
    await unlock();
    throw err;
  }
}

/**
 * Where a data folder's lock lives: a local socket named after the folder's real path, which the
 * operating system gives to one listener at a time and takes back when that process ends, however
 * it ends (kill -9 included). No process id is trusted, so a restarted container whose server gets
 * the same pid as the killed one starts; and taking the name is one atomic bind, never
 * check-then-write. Linux: an abstract socket (no file); Windows: a named pipe; elsewhere a socket
 * file in the temporary folder, which a killed process leaves behind (see lockFolder).
 */
export function lockAddress(dataDir: string): string {
  const id = createHash("sha256").update(realpathSync(dataDir)).digest("hex").slice(0, 32);
  if (process.platform === "linux") return `\0duty-atlas-pglite-${id}`;
  if (process.platform === "win32") return `\\\\.\\pipe\\duty-atlas-pglite-${id}`;
  return join(tmpdir(), `duty-atlas-pglite-${id}.sock`);
}

/**
 * PGlite is a single-process database: a second process writing the same folder corrupts it. The
 * holder listens on lockAddress for as long as the folder is open and answers whoever connects with
 * its pid, so a second opener (in this process or another) gets a clear error naming it.
 */
async function lockFolder(dataDir: string): Promise<() => Promise<void>> {
  const address = lockAddress(dataDir);
  for (let attempt = 0; ; attempt++) {
    const server = net.createServer((socket) => {
      // An asker that hung up first must not crash the holder with EPIPE.
      socket.on("error", () => {});
      socket.end(`${process.pid}\n`);
    });
    try {
      await new Promise<void>((ready, fail) => {
        server.once("error", fail);
        server.listen(address, () => {
          server.off("error", fail);
          ready();
        });
      });
      // The lock must not keep the process alive on its own.
      server.unref();
      return () => new Promise<void>((done) => server.close(() => done()));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
      const owner = await lockOwner(address);
      // Only a socket file outlives its process, and one nobody listens on means its owner is gone:
      // remove it and bind again. Two openers racing here both bind, the second after removing the first's file.
      if (!owner.listening && attempt === 0 && !address.startsWith("\0") && process.platform !== "win32") {
        rmSync(address, { force: true });
        continue;
      }
      const who = owner.pid ? `process ${owner.pid}` : "another process";
      throw new Error(`${dataDir}: the data folder is in use by ${who} (stop it, or set DATABASE_URL to share a PostgreSQL server)`);
    }
  }
}

/**
 * Whether anyone listens on the lock, and the pid it answers with. A holder busy in a long PGlite
 * call (opening a folder takes seconds) answers late or not within the wait: then only `listening`.
 */
function lockOwner(address: string): Promise<{ listening: boolean; pid: string | null }> {
  return new Promise((answer) => {
    let text = "";
    let listening = false;
    const socket = net.connect(address, () => {
      listening = true;
    });
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("close", () => answer({ listening, pid: /^\d+$/u.test(text.trim()) ? text.trim() : null }));
    socket.on("error", () => {});
  });
}

const INT8_OID = 20;

/**
 * A server that does not answer the connection handshake (hung, or the network cut) fails the
 * request after this instead of hanging it; a stopped server refuses at once anyway.
 */
export const CONNECT_TIMEOUT_MS = 2_000;
/**
 * How long a query waits for one of the pool's connections. Generous, because under load all of
 * them are busy for a while; past it the request fails as "unavailable" instead of queueing forever.
 */
export const POOL_WAIT_MS = 10_000;
/** How much longer than statementTimeoutMs the driver waits for an answer: the server's own timeout comes first when it can. */
export const READ_MARGIN_MS = 2_000;

async function connectPostgres(url: string, schema: string, statementTimeoutMs: number | undefined): Promise<AtlasDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/u.test(schema)) throw new Error(`schema "${schema}": use lower-case letters, digits and _`);
  // Loaded on demand: the default (PGlite) start-up should not pay for it.
  const { default: pg } = await import("pg");
  // pg-pool reads connectionTimeoutMillis both as the wait for a free connection and as the
  // handshake limit; a client of its own keeps the handshake short while the wait stays long.
  class BoundedClient extends pg.Client {
    constructor(config?: import("pg").ClientConfig) {
      super({
        ...config,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        query_timeout: statementTimeoutMs ? statementTimeoutMs + READ_MARGIN_MS : undefined,
      });
    }

    // After pg's read timeout the statement may still be running, or the server may be frozen: the
    // connection's next query would queue behind it. Closing the socket makes the pool discard it.
    // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes them all through.
    override query(...args: any[]): any {
      const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) {
        result.catch((err: unknown) => {
          if (err instanceof Error && err.message === "Query read timeout")
            (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
        });
      }
      return result;
    }
  }
  const pool = new pg.Pool({
    Client: BoundedClient,
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: POOL_WAIT_MS,
    // A peer that vanished without closing (a cut network) is noticed by the kernel, not by a query waiting forever.
    keepAlive: true,
    // No JIT: it compiles any query the planner thinks big (a common word's search) for ~45 ms, longer
    // than such a query then runs here; the dashboard's queries are short and many.
    options: `-c search_path=${schema} -c jit=off${statementTimeoutMs ? ` -c statement_timeout=${statementTimeoutMs}` : ""}`,
    // PGlite returns bigint ids as numbers; pg must agree so both engines yield the same rows.
    // Ids stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  // A client lent out between two statements of a transaction reports a lost server as an 'error'
  // event too, and pg-pool only listens on idle clients: unheard, it would crash the process.
  // The transaction's next statement fails instead, and the pool discards the client.
  pool.on("connect", (client) => client.on("error", () => {}));
  const location = redact(url);
  try {
    const client = await pool.connect();
    try {
      // Only for a schema of its own: CREATE SCHEMA needs a privilege that using public does not.
      if (schema !== "public") await client.query(`create schema if not exists ${schema}`);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw new Error(`DATABASE_URL ${location}: cannot connect: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  // At most MAX_WAITING_QUERIES wait for a connection; the next is refused as busy at once.
  const bounded = {
    connect: () =>
      pool.waitingCount >= MAX_WAITING_QUERIES
        ? Promise.reject(new DatabaseBusy(`${MAX_WAITING_QUERIES} queries are already waiting for a connection`))
        : pool.connect(),
    end: () => pool.end(),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: bounded }) });
  return { db, engine: "postgres", schema, location, pool, close: () => db.destroy() };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    u.searchParams.delete("password");
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
