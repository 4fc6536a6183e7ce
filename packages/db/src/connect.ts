import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import type { Pool } from "pg";
import { PGliteDialect } from "kysely-pglite-dialect";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

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
}

/** Opens the database without migrating it; see openDatabase for the usual entry point. */
export async function connect(options: ConnectOptions): Promise<AtlasDatabase> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.schema ?? "public");
  if (options.dataDir === undefined) throw new Error("connect: give a databaseUrl, a PGlite dataDir, or dataDir: null for memory");
  return options.dataDir === null ? fromPGlite(await createPGlite(), "memory") : connectPGliteDir(options.dataDir);
}

/** Opens the database and brings its schema up to date: what every entry point (server, CLI) calls. */
export async function openDatabase(options: ConnectOptions): Promise<AtlasDatabase> {
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
    throw new Error(`migration ${failed ?? "(before any migration ran)"} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
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

/** Wraps an already open PGlite (tests use this for clones). close() closes the PGlite too. */
export function fromPGlite(pglite: PGlite, location: string, onClose?: () => void): AtlasDatabase {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: "pglite",
    schema: "public",
    location,
    close: async () => {
      await db.destroy();
      // kysely skips destroying a driver that never ran a query, which would leave PGlite open.
      if (!pglite.closed) await pglite.close();
      onClose?.();
    },
  };
}

async function connectPGliteDir(dataDir: string): Promise<AtlasDatabase> {
  const folder = join(dataDir, "pglite");
  mkdirSync(folder, { recursive: true });
  const unlock = lockFolder(dataDir);
  try {
    return fromPGlite(await createPGlite(folder), folder, unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * PGlite is a single-process database: a second process writing the same folder corrupts it.
 * A lock file naming the owner's pid turns that into a clear error (also for a second open in the
 * same process); a lock left by a dead process is taken over.
 */
function lockFolder(dataDir: string): () => void {
  const lock = join(dataDir, "pglite.lock");
  try {
    writeFileSync(lock, String(process.pid), { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const owner = Number(readFileSync(lock, "utf8"));
    if (isAlive(owner)) {
      throw new Error(`${lock}: the data folder is in use by process ${owner} (stop it, or set DATABASE_URL to share a PostgreSQL server)`);
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
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

async function connectPostgres(url: string, schema: string): Promise<AtlasDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/u.test(schema)) throw new Error(`schema "${schema}": use lower-case letters, digits and _`);
  // Loaded on demand: the default (PGlite) start-up should not pay for it.
  const { default: pg } = await import("pg");
  // pg-pool reads connectionTimeoutMillis both as the wait for a free connection and as the
  // handshake limit; a client of its own keeps the handshake short while the wait stays long.
  class BoundedClient extends pg.Client {
    constructor(config?: import("pg").ClientConfig) {
      super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  }
  const pool = new pg.Pool({
    Client: BoundedClient,
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: POOL_WAIT_MS,
    // A peer that vanished without closing (a cut network) is noticed by the kernel, not by a query waiting forever.
    keepAlive: true,
    options: `-c search_path=${schema}`,
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
