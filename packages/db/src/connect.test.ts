import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { dropTestSchema, seedDocuments, testEngines } from "../test/index.ts";
import { connect, MAX_WAITING_QUERIES, migrate, openDatabase } from "./connect.ts";
import { DatabaseBusy, isDatabaseBusy } from "./unavailable.ts";
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

  it("refuses a second opener in the same process, naming it, and opens again once closed", async () => {
    const open = await connect({ databaseUrl: "", dataDir });
    try {
      await expect(connect({ databaseUrl: "", dataDir })).rejects.toThrow(`the data folder is in use by process ${process.pid}`);
    } finally {
      await open.close();
    }
    const again = await connect({ databaseUrl: "", dataDir });
    await again.close();
  });
});

/** A child holding (or refused) the folder, and what it printed first: "held <pid>" or "refused: …". */
async function holder(dataDir: string, inNewPidNamespace = false): Promise<{ child: ChildProcess; said: string }> {
  const node = [process.execPath, "--import", "tsx", "test/hold-folder-child.ts", dataDir];
  // unshare -p -f: the child is pid 1 of a namespace of its own, as a server in a restarted container is;
  // --kill-child passes unshare's own SIGKILL on to it.
  const [command, ...args] = inNewPidNamespace ? ["unshare", "-p", "-f", "--mount-proc", "--kill-child=SIGKILL", ...node] : node;
  const child = spawn(command!, args, { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return { child, said: line };
}

async function kill9(child: ChildProcess): Promise<void> {
  // A refused child has exited by itself.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

const canUnshare = spawnSync("unshare", ["-p", "-f", "--mount-proc", "true"]).status === 0;

// Each child opens PGlite (4 s alone, far more on a busy machine with two at once).
describe("the data folder's lock across processes", { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "atlas-lock-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("refuses another process while one holds the folder, naming it, and opens after that one is killed with SIGKILL", async () => {
    const first = await holder(dataDir);
    expect(first.said).toBe(`held ${first.child.pid}`);
    try {
      await expect(connect({ databaseUrl: "", dataDir })).rejects.toThrow(`the data folder is in use by process ${first.child.pid}`);
    } finally {
      await kill9(first.child);
    }
    // A lock file of the former kind naming a live process (this one) means nothing any more.
    writeFileSync(join(dataDir, "pglite.lock"), String(process.pid));
    const after = await connect({ databaseUrl: "", dataDir });
    await after.close();
  });

  it("lets exactly one of two processes starting at once have the folder", async () => {
    const both = await Promise.all([holder(dataDir), holder(dataDir)]);
    try {
      expect(both.map((h) => h.said.split(" ")[0]).sort()).toEqual(["held", "refused:"]);
      const winner = both.find((h) => h.said.startsWith("held"))!;
      // The winner may still be opening PGlite (seconds on one thread) and answer too late to be named.
      expect(both.find((h) => h.said.startsWith("refused"))!.said).toMatch(
        new RegExp(`in use by (process ${winner.child.pid}|another process) `, "u"),
      );
    } finally {
      await Promise.all(both.map((h) => kill9(h.child)));
    }
  });

  it.skipIf(!canUnshare)(
    "starts after kill -9 when the new process gets the killed one's pid (pid 1 of a fresh namespace, twice)",
    async () => {
      const killed = await holder(dataDir, true);
      expect(killed.said).toBe("held 1");
      await kill9(killed.child);
      const restarted = await holder(dataDir, true);
      try {
        // The same pid as the process that died holding the folder, and the folder opens.
        expect(restarted.said).toBe("held 1");
      } finally {
        await kill9(restarted.child);
      }
    },
  );
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
    const opened = await connect(
      engine === "postgres" ? { databaseUrl: process.env.DATABASE_URL, schema } : { databaseUrl: "", dataDir: null },
    );
    try {
      await migrate(opened);
      await migrate(opened);
      const rows = await sql<{ name: string }>`select name from ${sql.id(schema, "kysely_migration")}`.execute(opened.db);
      expect(rows.rows.map((r) => r.name)).toEqual([
        "2026-11-28-001-initial",
        "2026-11-29-001-rollups",
        "2026-12-02-001-review",
        "2026-12-02-002-national-scale",
        "2026-12-02-003-duty-notes",
      ]);
    } finally {
      if (engine === "postgres") await dropTestSchema(opened.db, schema);
      await opened.close();
    }
  });
});

describe("statement time limits and a busy pool", () => {
  it.skipIf(!process.env.DATABASE_URL)(
    "PostgreSQL: a statement over statementTimeoutMs is stopped by the server within the limit, as busy, and the pool serves the next",
    async () => {
      const opened = await connect({ databaseUrl: process.env.DATABASE_URL, statementTimeoutMs: 500 });
      try {
        const started = Date.now();
        const error = await sql`select pg_sleep(30)`.execute(opened.db).catch((e: unknown) => e);
        // Generous: the server cancels at 0.5 s; 10 s would mean the limit did nothing.
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(error).toMatchObject({ code: "57014" });
        expect(isDatabaseBusy(error)).toBe(true);
        expect((await sql<{ one: number }>`select 1 as one`.execute(opened.db)).rows).toEqual([{ one: 1 }]);
      } finally {
        await opened.close();
      }
    },
  );

  it.skipIf(!process.env.DATABASE_URL)(
    `PostgreSQL: past ${MAX_WAITING_QUERIES} queries waiting for a connection, the next is refused at once as busy`,
    async () => {
      const opened = await connect({ databaseUrl: process.env.DATABASE_URL });
      try {
        const size = (opened.pool as unknown as { options: { max: number } }).options.max;
        // Every connection held by a sleeping statement, MAX_WAITING_QUERIES more in line, and 20 beyond.
        // "At once" is judged by order, not by the clock (a loaded CI machine can stall any timer): a
        // refusal must come before the first sleeper has finished, so it cannot have waited in line.
        let finished = 0;
        const outcomes = await Promise.all(
          Array.from({ length: size + MAX_WAITING_QUERIES + 20 }, () =>
            sql`select pg_sleep(1)`.execute(opened.db).then(
              () => {
                finished++;
                return "ran";
              },
              (e: unknown) => (e instanceof DatabaseBusy ? { finishedBefore: finished } : e),
            ),
          ),
        );
        const refused = outcomes.filter(
          (o): o is { finishedBefore: number } => typeof o === "object" && o !== null && "finishedBefore" in o,
        );
        expect(refused.length).toBeGreaterThanOrEqual(20);
        for (const r of refused) expect(r.finishedBefore).toBe(0);
        // Every one that got in line ran.
        expect(outcomes.filter((o) => o === "ran")).toHaveLength(outcomes.length - refused.length);
        expect(outcomes.filter((o) => o === "ran").length).toBeGreaterThanOrEqual(MAX_WAITING_QUERIES);
      } finally {
        await opened.close();
      }
    },
  );

  it(`PGlite (no statement_timeout: it runs on the caller's thread): past ${MAX_WAITING_QUERIES} queries waiting, the next is refused at once as busy, and the waiting ones still run`, async () => {
    const opened = await connect({ databaseUrl: "", dataDir: null });
    try {
      const queued = Array.from({ length: MAX_WAITING_QUERIES + 1 }, () =>
        sql`select 1 as one`.execute(opened.db).catch((e: unknown) => e),
      );
      const outcomes = await Promise.all(queued);
      // The first takes the connection, the next MAX_WAITING_QUERIES wait, and one is refused.
      expect(outcomes.filter((o) => o instanceof DatabaseBusy)).toHaveLength(1);
      expect(outcomes.filter((o) => !(o instanceof Error))).toHaveLength(MAX_WAITING_QUERIES);
    } finally {
      await opened.close();
    }
  });
});
