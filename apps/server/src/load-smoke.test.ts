import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOAD_PATHS, runLoad } from "../scripts/load-test.ts";
import { createServer, listen } from "./server.ts";

// The benchmark (scripts/load-test.ts: 50 clients, 30 s, 200 towns) in miniature, so a change that
// breaks the server under concurrent requests (pool exhaustion, a shared-state bug) fails CI.
describe.each(testEngines())("a short load on the seed (%s)", (engine) => {
  let seeded: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    server = await listen(createServer({ db: seeded.db, webDist: null }), 0, "127.0.0.1");
  });
  afterAll(async () => {
    await server?.close();
    await seeded?.close();
  });

  it("10 clients for 3 s get only 200s", async () => {
    // At least one round per client however slow the machine is: a count, not a speed (bench measures speed).
    const result = await runLoad({ url: server.url, paths: LOAD_PATHS, clients: 10, durationMs: 3_000, minRounds: 1 });
    expect(result.firstError).toBeNull();
    expect(result.errors).toBe(0);
    expect(Object.keys(result.statuses)).toEqual(["200"]);
    // Every client went round the endpoints at least once.
    expect(result.requests).toBeGreaterThanOrEqual(10 * LOAD_PATHS.length);
  });
});
