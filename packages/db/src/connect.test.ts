import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { seedDocuments, testEngines } from "../test/index.ts";
import { connect, migrate, openDatabase } from "./connect.ts";
import { seedIfEmpty } from "./write/import.ts";

describe("PGlite in a data folder", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "atlas-connect-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps what was imported across a restart, so the seed is not imported twice", async () => {
    const first = await openDatabase({ databaseUrl: "", dataDir });
    try {
      expect(await seedIfEmpty(first.db, seedDocuments)).toHaveLength(1);
    } finally {
      await first.close();
    }
    const second = await openDatabase({ databaseUrl: "", dataDir });
    try {
      expect(second).toMatchObject({ engine: "pglite", location: join(dataDir, "pglite") });
      expect(await seedIfEmpty(second.db, seedDocuments)).toEqual([]);
      const row = await second.db.selectFrom("duties").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
      expect(row.n).toBe(246);
    } finally {
      await second.close();
    }
    // A hang bound, not a speed bound: two cold PGlite starts on disk, every migration and the seed took 60-85 s on the shared 2-core machine.
  }, 240_000);

  it("refuses a second opener while the folder is in use, and takes over a dead owner's lock", async () => {
    const open = await connect({ databaseUrl: "", dataDir });
    try {
      await expect(connect({ databaseUrl: "", dataDir })).rejects.toThrow(`the data folder is in use by process ${process.pid}`);
    } finally {
      await open.close();
    }
    // No process has pid 2^22 + 1 (above Linux's pid_max default): the lock is stale.
    writeFileSync(join(dataDir, "pglite.lock"), String(2 ** 22 + 1));
    const again = await connect({ databaseUrl: "", dataDir });
    await again.close();
  });
});

describe("PostgreSQL connection errors", () => {
  it("name DATABASE_URL without its password", async () => {
    const error = await connect({ databaseUrl: "postgres://atlas:s3cret@127.0.0.1:1/none" }).catch((e: unknown) => e);
    expect(String(error)).toContain("DATABASE_URL postgres://atlas@127.0.0.1:1/none: cannot connect");
    expect(String(error)).not.toContain("s3cret");
  });
});

describe.each(testEngines())("migrations (%s)", (engine) => {
  it("apply once, recorded in the connection's own schema", async () => {
    const schema = engine === "postgres" ? `connect_test_${process.pid}` : "public";
    const opened = await connect(engine === "postgres" ? { databaseUrl: process.env.DATABASE_URL, schema } : { databaseUrl: "", dataDir: null });
    try {
      await migrate(opened);
      await migrate(opened);
      const rows = await sql<{ name: string }>`select name from ${sql.id(schema, "kysely_migration")}`.execute(opened.db);
      expect(rows.rows.map((r) => r.name)).toEqual(["2026-11-28-001-initial", "2026-11-29-001-rollups", "2026-12-02-001-national-scale"]);
    } finally {
      if (engine === "postgres") await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(opened.db);
      await opened.close();
    }
  });
});
