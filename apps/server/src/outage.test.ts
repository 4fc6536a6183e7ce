import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { UNAVAILABLE_MESSAGE } from "@duty/api";
import { connect, isDatabaseUnavailable } from "@duty/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./config.ts";

/*
 * The database server goes away under a running API and comes back. A cluster of its own (not
 * DATABASE_URL's, which other suites share) so stopping it disturbs nobody; it needs only the
 * PostgreSQL binaries, so it runs with or without DATABASE_URL.
 */
const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
const PG_SCRIPT = join(REPO_ROOT, "packages", "db", "scripts", "pg-throwaway.sh");
const CLUSTER_DIR = `/tmp/atlas-pg-fault-${process.pid}`;
const TOKEN = "outage-test-admin-token-5678";
/** "Fail fast": well under what a user waits before reloading. */
const FAST_MS = 2_000;

const cluster = async (command: "start" | "halt" | "stop"): Promise<string> => {
  const { stdout } = await promisify(execFile)("bash", [PG_SCRIPT, command], { env: { ...process.env, PG_THROWAWAY_DIR: CLUSTER_DIR } });
  return stdout.trim().replace(/^DATABASE_URL=/u, "");
};

const ENDPOINTS = [
  "stats.overview",
  "stats.byCategory",
  "stats.departmentLoad",
  `duties.search?input=${encodeURIComponent(JSON.stringify({ q: "安全", limit: 20 }))}`,
  "revisions.list",
  "regions.children",
];

describe("the database server stops while the API serves", () => {
  let databaseUrl: string;
  let api: ChildProcessWithoutNullStreams;
  let base: string;
  let logs = "";
  beforeAll(async () => {
    databaseUrl = await cluster("start");
    // node with tsx's loader rather than the tsx command, so `api` is the server process itself.
    api = spawn(process.execPath, ["--import", "tsx", "src/start.ts"], {
      cwd: SERVER_DIR,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", ATLAS_ADMIN_TOKEN: TOKEN },
    });
    api.stdout.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    api.stderr.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    base = await new Promise<string>((ready, fail) => {
      api.stdout.on("data", () => {
        const m = /ready at (http:\S+)/u.exec(logs);
        if (m) ready(m[1]!);
      });
      api.once("exit", (code) => fail(new Error(`src/start.ts exited (${code}): ${logs}`)));
    });
  });
  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = once(api, "exit");
      api.kill("SIGTERM");
      await exited;
    }
    await cluster("stop");
  });

  const timed = async (path: string, init?: RequestInit) => {
    const began = performance.now();
    const res = await fetch(`${base}trpc/${path}`, init);
    const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
    return { status: res.status, ms: performance.now() - began, body };
  };

  it("answers while the server is up", async () => {
    // 109 + 100 + 37 rows in the seed (awk, NF 3/6/4 over data rows).
    expect((await timed("stats.overview")).body.result?.data).toMatchObject({ total: 246 });
  });

  it("answers 503 with a clear message within 2 s during the outage, and keeps running", async () => {
    // A transaction of this process holds a connection between two statements when the server goes.
    const held = await connect({ databaseUrl });
    let begun!: () => void;
    let resume!: () => void;
    const started = new Promise<void>((r) => (begun = r));
    const gate = new Promise<void>((r) => (resume = r));
    const inTransaction = held.db
      .transaction()
      .execute(async (trx) => {
        await trx.selectFrom("regions").select("id").limit(1).execute();
        begun();
        await gate;
        await trx.selectFrom("regions").select("id").limit(1).execute();
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    await started;

    await cluster("halt");
    try {
      for (const path of ENDPOINTS) {
        const { status, ms, body } = await timed(path);
        expect({ path, status, message: body.error?.message }).toEqual({ path, status: 503, message: UNAVAILABLE_MESSAGE });
        expect(ms, path).toBeLessThan(FAST_MS);
      }
      // Many at once fail as fast as one: nothing queues behind a dead connection.
      const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => timed(ENDPOINTS[i % ENDPOINTS.length]!)));
      expect(burst.map((r) => r.status)).toEqual(burst.map(() => 503));
      expect(Math.max(...burst.map((r) => r.ms))).toBeLessThan(FAST_MS);
      // A mutation with the token fails the same way, and the token stays out of the log.
      const mutation = await timed("revisions.delete", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ id: 1 }),
      });
      expect(mutation.status).toBe(503);

      // The lent-out connection's loss surfaced as a failed statement, not as a crash.
      resume();
      expect(isDatabaseUnavailable(await inTransaction)).toBe(true);
      expect(api.exitCode).toBeNull();
      expect(logs).toMatch(/\/trpc\/stats\.overview: database unavailable: /u);
    } finally {
      resume();
      await held.close();
    }
  });

  it("recovers by itself once the server is back, without a restart", async () => {
    const pid = api.pid;
    expect(await cluster("start")).toBe(databaseUrl);
    const deadline = Date.now() + 15_000;
    let last = await timed("stats.overview");
    while (last.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      last = await timed("stats.overview");
    }
    expect(last.body.result?.data).toMatchObject({ total: 246 });
    for (const path of ENDPOINTS) expect((await timed(path)).status, path).toBe(200);
    expect(api.pid).toBe(pid);
    expect(api.exitCode).toBeNull();
    expect(logs).not.toContain(TOKEN);
  });
});
