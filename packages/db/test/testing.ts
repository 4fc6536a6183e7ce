import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { type Kysely, sql } from "kysely";
import { type AtlasDatabase, connect, createPGlite, type Engine, fromPGlite, migrate } from "../src/connect.ts";
import { dataTables } from "../src/dump.ts";
import * as stats from "../src/queries/stats.ts";
import type { Database } from "../src/schema.ts";
import { type ResolvedScope, resolveScope, type Scope } from "../src/scope.ts";
import { type DocumentFile, seedIfEmpty } from "../src/write/import.ts";

/*
 * Test support for this package's tests, the other packages' tests and the benchmark (exported as
 * @duty/db/test, never by the package's own entry): fresh databases on both engines, the seed,
 * and whole-database comparisons.
 */

/** The documents every fresh database starts with, as in production: the repository's data/lists. */
export const SEED_DIR = fileURLToPath(new URL("../../../data/lists/", import.meta.url));

/** The seed documents, sorted by name, for seedIfEmpty. */
export function seedDocuments(): DocumentFile[] {
  return readdirSync(SEED_DIR, { withFileTypes: true })
    .filter((f) => f.isFile() && !f.name.startsWith("."))
    .map((f) => ({ fileName: f.name, bytes: readFileSync(join(SEED_DIR, f.name)) }))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : 1));
}

/**
 * Engines a suite runs on: PGlite always; PostgreSQL when DATABASE_URL is set, and under CI=true
 * even without it, so that a missing or unreachable server fails the suite instead of skipping it.
 */
export function testEngines(env: NodeJS.ProcessEnv = process.env): Engine[] {
  return env.DATABASE_URL || env.CI === "true" ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase extends AtlasDatabase {
  /**
   * A private database as this one was opened (migrated, seeded if asked). Tests that write do it
   * on a fork, never on the database the file shares.
   */
  fork(): Promise<TestDatabase>;
}

/**
 * A migrated database private to the caller: in-memory PGlite, or a fresh schema on DATABASE_URL
 * that close() drops. Open one per test file and fork() it for tests that write.
 */
export async function openTestDatabase(engine: Engine, options: { seed?: boolean } = {}): Promise<TestDatabase> {
  return engine === "pglite" ? openPGlite(options.seed ?? false) : openPostgres(options.seed ?? false);
}

async function openPGlite(seed: boolean): Promise<TestDatabase> {
  const pglite = await createPGlite();
  const template = fromPGlite(pglite, "memory");
  await prepare(template, seed);
  // Cloning the prepared instance is cheaper than a new PGlite, migrations and seed again.
  const fork = async (): Promise<TestDatabase> => ({ ...fromPGlite((await pglite.clone()) as PGlite, "memory"), fork });
  return { ...template, fork };
}

async function openPostgres(seed: boolean): Promise<TestDatabase> {
  const schema = `test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const opened = await connect({ databaseUrl: requireDatabaseUrl(), schema });
  await prepare(opened, seed);
  return {
    ...opened,
    fork: () => openPostgres(seed),
    close: async () => {
      try {
        await dropTestSchema(opened.db, schema);
      } finally {
        await opened.close();
      }
    },
  };
}

/**
 * For code that opens the database itself from DATABASE_URL (server start, CLI): a fresh, empty
 * database on the DATABASE_URL server, and the URL to reach it. drop() removes it.
 */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await connect({ databaseUrl: requireDatabaseUrl() });
  const name = `test_${process.pid}_${randomBytes(4).toString("hex")}`;
  try {
    await sql`create database ${sql.id(name)}`.execute(admin.db);
  } catch (err) {
    await admin.close();
    throw err;
  }
  const url = new URL(requireDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      } finally {
        await admin.close();
      }
    },
  };
}

/** A database named `name` on DATABASE_URL's server that outlives the run (a benchmark's --keep): made on first use, never dropped. */
export async function keptTestDatabaseUrl(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await connect({ databaseUrl: requireDatabaseUrl() });
  try {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(admin.db);
    if (rows[0]!.n === 0) await sql`create database ${sql.id(name)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const url = new URL(requireDatabaseUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => {} };
}

/**
 * Every row of every table (whichever tables the migrations made, rollups included) as JSON text,
 * sorted, timestamps in UTC: equal databases give equal results whatever their engine, and a
 * partial write or a drifted counter shows up as a changed row.
 */
export async function tableContents(db: Kysely<Database>): Promise<Record<string, string[]>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local timezone to 'UTC'`.execute(trx);
    const contents: Record<string, string[]> = {};
    for (const table of await dataTables(trx)) {
      const { rows } = await sql<{ row: string }>`select to_jsonb(r)::text as row from ${sql.table(table.name)} as r`.execute(trx);
      // Sorted here, not in SQL: the engines' collations could order the same rows differently.
      contents[table.name] = rows.map((r) => r.row).sort();
    }
    return contents;
  });
}

/**
 * Every stored duty as one line of names (town, source file, list, 序号, category, name, line, its
 * links, its steps and its notes), sorted: equal for two databases that hold the same duties whatever ids
 * each gave its rows.
 */
export async function storedDuties(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ row: string }>`
    select concat_ws('|', t.name, r.source_file, d.list, d.seq, c.name, d.name, d.source_line,
      (select string_agg(concat_ws(':', l.role, l.position, dep.name, l.note), ',' order by l.role, l.position)
       from duty_departments l join departments dep on dep.id = l.department_id where l.town_id = d.town_id and l.duty_id = d.id),
      (select string_agg(concat_ws(':', s.side, s.position, dep.name, s.heading, s.text), ',' order by s.side, s.position)
       from steps s left join departments dep on dep.id = s.department_id where s.town_id = d.town_id and s.duty_id = d.id),
      (select string_agg(concat_ws(':', n.position, n.column_name, n.text), ',' order by n.position)
       from duty_notes n where n.town_id = d.town_id and n.duty_id = d.id)) as row
    from duties d
    join revisions r on r.town_id = d.town_id and r.id = d.revision_id
    join regions t on t.id = d.town_id
    join categories c on c.id = d.category_id
  `.execute(db);
  return rows.map((x) => x.row).sort();
}

/** Rows per table, for readable failure messages beside tableContents. */
export function rowCounts(contents: Record<string, string[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(contents).map(([table, rows]) => [table, rows.length]));
}

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set, but CI=true requires the PostgreSQL suites (start one: packages/db/scripts/pg-throwaway.sh start)",
    );
  }
  return url;
}

/*
 * Test schemas are made and dropped in parallel on one server. kysely's Migrator lists the tables of
 * every schema (with pg_get_serial_sequence, which looks the schema up again), so a schema another
 * suite drops in the middle fails that listing with "schema … does not exist". Migrating holds this
 * lock shared and dropping holds it alone, so the two never overlap.
 */
const SCHEMA_LOCK = "atlas tests: schemas made and dropped";

async function migrateHoldingSchemas(opened: AtlasDatabase): Promise<void> {
  if (!opened.pool) return migrate(opened);
  const holder = await opened.pool.connect();
  try {
    await holder.query("select pg_advisory_lock_shared(hashtext($1))", [SCHEMA_LOCK]);
    await migrate(opened);
  } finally {
    await holder.query("select pg_advisory_unlock_all()").catch(() => undefined);
    holder.release();
  }
}

/** Drops a test schema while no suite is migrating (see SCHEMA_LOCK). */
export async function dropTestSchema(db: Kysely<Database>, schema: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${SCHEMA_LOCK}))`.execute(trx);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(trx);
  });
}

async function prepare(opened: AtlasDatabase, seed: boolean): Promise<void> {
  try {
    await migrateHoldingSchemas(opened);
    if (seed) await seedIfEmpty(opened.db, seedDocuments);
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/**
 * A query over a resolved scope, callable with a scope as a request names it (`{ regionId: 3 }`):
 * resolves it first, as the routers do once per request.
 */
export function byScope<A extends unknown[], R>(
  query: (db: Kysely<Database>, scope: ResolvedScope, ...rest: A) => Promise<R>,
): (db: Kysely<Database>, scope: Scope, ...rest: A) => Promise<R> {
  return async (db, scope, ...rest) => query(db, await resolveScope(db, scope), ...rest);
}

/** Every statistic of queries/stats.ts, callable with a scope as a request names it. */
export const statistics = {
  overview: byScope(stats.overview),
  dutiesByCategory: byScope(stats.dutiesByCategory),
  reclaimedVsRetained: byScope(stats.reclaimedVsRetained),
  departmentLoad: byScope(stats.departmentLoad),
  departmentLoadByShortName: byScope(stats.departmentLoadByShortName),
  departmentCategoryMatrix: byScope(stats.departmentCategoryMatrix),
  townShares: byScope(stats.townShares),
  townShareHistogram: byScope(stats.townShareHistogram),
};
