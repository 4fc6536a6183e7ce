import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openTestDatabase, SEED_DIR, tableContents, type TestDatabase } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, listen, type ServerOptions } from "./server.ts";

/*
 * What server.test.ts does not already cover: that refused mutations change nothing, CORS, the
 * token in every log line and response, and free-text search with SQL's special characters.
 * Engine-independent (all of it happens before or around SQL), so on PGlite only.
 */

const TOKEN = "access-test-token-9f8e7d";
const otherTown = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8").replaceAll("兰州湾镇", "北五岔镇");

const serving = (options: ServerOptions) => listen(createServer(options), 0, "127.0.0.1");
const post = (url: string, procedure: string, body: unknown, authorization?: string) =>
  fetch(`${url}trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
const search = async (url: string, q: string) => {
  const res = await fetch(`${url}trpc/duties.search?input=${encodeURIComponent(JSON.stringify({ q, limit: 200 }))}`);
  expect(res.status, q).toBe(200);
  return ((await res.json()) as { result: { data: { items: { name: string }[] } } }).result.data.items;
};

describe("access", () => {
  let seeded: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    seeded = await openTestDatabase("pglite", { seed: true });
    server = await serving({ db: seeded.db, adminToken: TOKEN, webDist: null });
  });
  afterAll(async () => {
    await server?.close();
    await seeded?.close();
  });

  it("refuses every mutation without the exact token with 401, and changes nothing but the audit trail", async () => {
    const data = async () => {
      const { audit_log: _trail, ...rest } = await tableContents(seeded.db);
      return rest;
    };
    const before = await data();
    const { id } = await seeded.db.selectFrom("revisions").select("id").executeTakeFirstOrThrow();
    const attempts: [string, unknown][] = [
      ["revisions.import", { fileName: "bwc.txt", text: otherTown }],
      ["revisions.delete", { id }],
    ];
    for (const [procedure, body] of attempts) {
      for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, "Bearer "]) {
        const res = await post(server.url, procedure, body, authorization);
        expect({ procedure, authorization, status: res.status }).toEqual({ procedure, authorization, status: 401 });
      }
    }
    // A server started without ATLAS_ADMIN_TOKEN takes no changes from anyone.
    const closed = await serving({ db: seeded.db, webDist: null });
    try {
      expect((await post(closed.url, "revisions.delete", { id }, `Bearer ${TOKEN}`)).status).toBe(401);
      expect((await post(closed.url, "revisions.delete", { id }, "Bearer undefined")).status).toBe(401);
    } finally {
      await closed.close();
    }
    expect(await data()).toEqual(before);
    // Each refusal is on record: 6 attempts per procedure, then 2 against the server without a token.
    const refused = await seeded.db.selectFrom("audit_log").select(["action", "outcome", "actor"]).execute();
    expect(refused).toHaveLength(2 * 6 + 2);
    expect(new Set(refused.map((r) => `${r.outcome} ${r.actor}`))).toEqual(new Set(["refused 匿名"]));
  });

  it("keeps CORS off: no Access-Control-Allow-Origin, and a preflight from another origin is not granted", async () => {
    const origin = "https://elsewhere.example";
    const get = await fetch(`${server.url}trpc/stats.overview`, { headers: { origin } });
    expect(get.status).toBe(200);
    const preflight = await fetch(`${server.url}trpc/revisions.import`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
    expect(preflight.ok).toBe(false);
    for (const res of [get, preflight]) {
      expect([...res.headers.keys()].filter((h) => h.startsWith("access-control-"))).toEqual([]);
    }
  });

  it("never writes the token into a log line or a response", async () => {
    const db = await seeded.fork();
    const lines: string[] = [];
    const own = await serving({ db: db.db, adminToken: TOKEN, webDist: null, logError: (l) => lines.push(l) });
    // Anything written to the process's own output during these requests counts as a log line too.
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
    const bodies: string[] = [];
    try {
      const requests: [string, unknown, string | undefined][] = [
        ["revisions.import", { fileName: "bwc.txt", text: otherTown }, `Bearer ${TOKEN}`],
        ["revisions.import", { fileName: "broken.txt", text: "not a list" }, `Bearer ${TOKEN}`],
        ["revisions.import", { fileName: `${TOKEN}.txt`, text: otherTown }, `Bearer ${TOKEN}x`],
        ["revisions.delete", { id: 987654 }, `Bearer ${TOKEN}`],
      ];
      for (const [procedure, body, authorization] of requests)
        bodies.push(await (await post(own.url, procedure, body, authorization)).text());
      // An unexpected failure (the database gone) is the one kind the server logs.
      await db.close();
      bodies.push(await (await post(own.url, "revisions.delete", { id: 1 }, `Bearer ${TOKEN}`)).text());
    } finally {
      out.mockRestore();
      err.mockRestore();
      await own.close();
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...lines, ...written, ...bodies]) expect(text).not.toContain(TOKEN);
  });

  it("treats %, _, quotes and SQL fragments in free-text search as text", async () => {
    // The seed has none of these characters (grep -c '%' and grep -c '_' on it print 0).
    for (const q of ["%", "_", "%%", "'", '"', "\\", "' or '1'='1", "%' or 1=1 --", "'; drop table duties; --", "处%罚"]) {
      expect(await search(server.url, q), q).toEqual([]);
    }
    expect((await search(server.url, "处罚")).length).toBeGreaterThan(0);
    const db = await seeded.fork();
    const own = await serving({ db: db.db, adminToken: TOKEN, webDist: null });
    try {
      const named = otherTown.replace("加强基层阵地建设，优化提升服务能力", "基层阵地覆盖率达到100%_以上");
      expect((await post(own.url, "revisions.import", { fileName: "bwc.txt", text: named }, `Bearer ${TOKEN}`)).status).toBe(200);
      for (const q of ["%", "_", "100%_"])
        expect(
          (await search(own.url, q)).map((d) => d.name),
          q,
        ).toEqual([expect.stringContaining("100%_以上")]);
      expect(await search(own.url, "1000%")).toEqual([]);
    } finally {
      await own.close();
      await db.close();
    }
    expect(
      (
        await seeded.db
          .selectFrom("duties")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(246);
  });
});
