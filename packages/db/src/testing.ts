import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type Kysely, sql } from "kysely";
import { type AtlasDatabase, connect, type Engine, fromPGlite, migrate, REPO_ROOT } from "./connect.ts";
import { dataTables } from "./dump.ts";
import { seedIfEmpty } from "./import.ts";

/** The documents every fresh database starts with, as in production. */
export const SEED_DIR = join(REPO_ROOT, "data", "lists");

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
  const pglite = await PGlite.create();
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
        await sql`drop schema ${sql.id(schema)} cascade`.execute(opened.db);
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

/**
 * Every row of every table (whichever tables the migrations made, rollups included) as JSON text,
 * sorted, timestamps in UTC: equal databases give equal results whatever their engine, and a
 * partial write or a drifted counter shows up as a changed row.
 */
export async function tableContents(db: Kysely<any>): Promise<Record<string, string[]>> {
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

/** Rows per table, for readable failure messages beside tableContents. */
export function rowCounts(contents: Record<string, string[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(contents).map(([table, rows]) => [table, rows.length]));
}

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set, but CI=true requires the PostgreSQL suites (start one: packages/db/scripts/pg-throwaway.sh start)");
  }
  return url;
}

async function prepare(opened: AtlasDatabase, seed: boolean): Promise<void> {
  try {
    await migrate(opened);
    if (seed) await seedIfEmpty(opened.db, SEED_DIR);
  } catch (err) {
    await opened.close();
    throw err;
  }
}
