import http from "node:http";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase, SEED_DIR, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES, MAX_REQUEST_BYTES } from "@duty/api";
import { createServer, listen, NOT_FOUND_TEXT, type ServerOptions } from "./server.ts";

const TOKEN = "test-admin-token-1234";
const otherTown = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8").replaceAll("兰州湾镇", "北五岔镇");

async function serving(options: ServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  return listen(createServer(options), 0, "127.0.0.1");
}

/** The parts of a tRPC response these tests read. */
interface Reply {
  result: { data: Record<string, unknown> & { items: unknown[] } };
  error: { message: string };
}
const reply = async (res: Response) => (await res.json()) as Reply;

/** A GET as bytes on the wire (fetch would decompress them), with the headers given. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", fail);
  });
}

const post = (url: string, procedure: string, body: unknown, token?: string) =>
  fetch(`${url}trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe.each(testEngines())("HTTP server (%s)", (engine) => {
  let seeded: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    server = await serving({ db: seeded.db, adminToken: TOKEN, webDist: null });
  });
  afterAll(async () => {
    await server?.close();
    await seeded?.close();
  });

  it("answers queries as plain JSON a curl can read", async () => {
    const res = await fetch(`${server.url}trpc/stats.overview`);
    expect(res.status).toBe(200);
    // 109 + 100 + 37 rows (awk, NF 3/6/4 over the seed's data rows).
    expect((await reply(res)).result.data).toMatchObject({ total: 246, leadLinks: 150 });
    const input = encodeURIComponent(JSON.stringify({ q: "处罚", list: "reclaimed", limit: 5 }));
    const search = await reply(await fetch(`${server.url}trpc/duties.search?input=${input}`));
    expect(search.result.data.items).toHaveLength(5);
  });

  it("answers 400 naming the field for bad input, 404 for unknown ids", async () => {
    const res = await fetch(`${server.url}trpc/duties.search?input=${encodeURIComponent('{"limit":1000}')}`);
    expect(res.status).toBe(400);
    expect((await reply(res)).error.message).toMatch(/^limit: /u);
    expect((await fetch(`${server.url}trpc/revisions.byId?input=${encodeURIComponent('{"id":987654}')}`)).status).toBe(404);
  });

  it("refuses mutations without the right bearer token", async () => {
    expect((await post(server.url, "revisions.delete", { id: 1 })).status).toBe(401);
    expect((await post(server.url, "revisions.delete", { id: 1 }, `${TOKEN}x`)).status).toBe(401);
    const open = await serving({ db: seeded.db, webDist: null });
    try {
      expect((await post(open.url, "revisions.delete", { id: 1 }, TOKEN)).status).toBe(401);
      expect((await fetch(`${open.url}trpc/stats.overview`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it("imports with the token, and refuses files over 20 MB with 413", async () => {
    const db = await seeded.fork();
    const own = await serving({ db: db.db, adminToken: TOKEN, webDist: null });
    try {
      const res = await post(own.url, "revisions.import", { fileName: "bwc.txt", text: otherTown }, TOKEN);
      expect(res.status).toBe(200);
      expect((await reply(res)).result.data).toMatchObject({ created: true, counts: { basic: 109 } });
      // One byte over the limit, as base64: the body fits, the file does not.
      const over = JSON.stringify({ fileName: "big.txt", contentBase64: Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61).toString("base64") });
      const refused = await post(own.url, "revisions.import", over, TOKEN);
      expect(refused.status).toBe(413);
      expect((await reply(refused)).error.message).toBe(`big.txt: 文件过大（${MAX_IMPORT_BYTES + 1} 字节，上限 ${MAX_IMPORT_BYTES} 字节）`);
      // A body that could not hold any file the limit allows is cut off while it streams in.
      const huge = JSON.stringify({ fileName: "big.txt", text: "a".repeat(MAX_REQUEST_BYTES) });
      expect((await post(own.url, "revisions.import", huge, TOKEN)).status).toBe(413);
    } finally {
      await own.close();
      await db.close();
    }
  });

  it("keeps answers under the data version: 304 for the ETag held, a new answer once an import commits, compressed when asked", async () => {
    const db = await seeded.fork();
    const own = await serving({ db: db.db, adminToken: TOKEN, webDist: null });
    try {
      const url = `${own.url}trpc/stats.byCategory`;
      const first = await rawGet(url, {});
      expect(first.status).toBe(200);
      expect(first.headers.etag).toMatch(/^"v\d+-[\w-]+"$/u);
      const plain = JSON.parse(first.body.toString("utf8")) as { result: { data: { total: number }[] } };
      // The seed's 20 categories holding 246 duties.
      expect(plain.result.data.reduce((s, c) => s + c.total, 0)).toBe(246);
      expect((await rawGet(url, { "if-none-match": first.headers.etag! })).status).toBe(304);
      const br = await rawGet(url, { "accept-encoding": "gzip, br" });
      expect(br.headers["content-encoding"]).toBe("br");
      expect(brotliDecompressSync(br.body).equals(first.body)).toBe(true);
      const gz = await rawGet(url, { "accept-encoding": "gzip" });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gz.body).equals(first.body)).toBe(true);
      // The cached answer keeps the security headers every response gets.
      expect(br.headers["content-security-policy"]).toMatch(/(^|; )script-src 'self'(;|$)/u);
      // An answer never cached (a revision as stored: the revision lists and documents are not) is compressed too, with no ETag.
      const revisions = (await rawGet(`${own.url}trpc/revisions.list?input=${encodeURIComponent(JSON.stringify({}))}`, {})).body.toString(
        "utf8",
      );
      const revisionId = Number(/"id":(\d+)/u.exec(revisions)![1]);
      const listUrl = `${own.url}trpc/revisions.document?input=${encodeURIComponent(JSON.stringify({ id: revisionId }))}`;
      const list = await rawGet(listUrl, {});
      expect(list.status).toBe(200);
      expect(list.body.length).toBeGreaterThanOrEqual(1024);
      const listBr = await rawGet(listUrl, { "accept-encoding": "br" });
      expect(listBr.headers["content-encoding"]).toBe("br");
      expect(listBr.headers.etag).toBeUndefined();
      expect(listBr.headers["x-content-type-options"]).toBe("nosniff");
      expect(brotliDecompressSync(listBr.body).equals(list.body)).toBe(true);
      // Comparisons answer the same to every reader: cached.
      const diffUrl = `${own.url}trpc/diff.compare?input=${encodeURIComponent(JSON.stringify({ from: revisionId, to: revisionId }))}`;
      const diff = await rawGet(diffUrl, {});
      expect(diff.status).toBe(200);
      expect((await rawGet(diffUrl, { "if-none-match": diff.headers.etag! })).status).toBe(304);
      const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
      const found = (await rawGet(`${own.url}trpc/regions.search?input=${input({ q: "玛纳斯县" })}`, {})).body.toString("utf8");
      const countyId = Number(/"id":(\d+)/u.exec(found)![1]);
      const townsUrl = `${own.url}trpc/diff.townsInRegion?input=${input({ regionId: countyId })}`;
      const towns = await rawGet(townsUrl, {});
      expect(towns.status).toBe(200);
      expect(towns.body.toString("utf8")).toContain("兰州湾镇");
      expect(towns.headers.etag).toBeDefined();
      expect((await rawGet(townsUrl, { "if-none-match": towns.headers.etag! })).status).toBe(304);

      expect((await post(own.url, "revisions.import", { fileName: "bwc.txt", text: otherTown }, TOKEN)).status).toBe(200);
      const after = await rawGet(url, { "if-none-match": first.headers.etag! });
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(first.headers.etag);
      // A second town of the same 246 duties.
      const data = (JSON.parse(after.body.toString("utf8")) as { result: { data: { total: number }[] } }).result.data;
      expect(data.reduce((s, c) => s + c.total, 0)).toBe(2 * 246);
    } finally {
      await own.close();
      await db.close();
    }
  });

  it("answers from the cache only what anyone may read, the same for whoever asks", async () => {
    const db = await seeded.fork();
    const closed = await serving({ db: db.db, adminToken: TOKEN, webDist: null, publicRead: false });
    const open = await serving({ db: db.db, adminToken: TOKEN, webDist: null });
    try {
      // A server that does not publish its data: an answer given to the administrator is not one for a stranger.
      const url = `${closed.url}trpc/stats.overview`;
      expect((await rawGet(url, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      expect((await rawGet(url, {})).status).toBe(401);
      // Who asks is no statistic: auth.me answers each request for itself.
      const me = `${open.url}trpc/auth.me`;
      const admin = JSON.parse((await rawGet(me, { authorization: `Bearer ${TOKEN}` })).body.toString("utf8"));
      expect(admin.result.data.user).not.toBeNull();
      const stranger = await rawGet(me, {});
      expect(stranger.headers.etag).toBeUndefined();
      expect(JSON.parse(stranger.body.toString("utf8")).result.data.user).toBeNull();
    } finally {
      await closed.close();
      await open.close();
      await db.close();
    }
  });

  it("logs an unexpected failure without the request's token", async () => {
    const db = await seeded.fork();
    const lines: string[] = [];
    const own = await serving({ db: db.db, adminToken: TOKEN, webDist: null, logError: (l) => lines.push(l) });
    try {
      await db.close();
      const res = await post(own.url, "revisions.import", { fileName: "bwc.txt", text: otherTown }, TOKEN);
      expect(res.status).toBe(500);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\/trpc\/revisions\.import: /u);
      expect(lines.join("\n")).not.toContain(TOKEN);
    } finally {
      await own.close();
    }
  });
});

describe("dashboard files", () => {
  const dist = mkdtempSync(join(tmpdir(), "atlas-dist-"));
  let server: { url: string; close(): Promise<void> };
  let bare: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>履职图谱</title>");
    writeFileSync(join(dist, "assets", "app-1a2b.js"), "console.log(1)");
    // What the web build's precompress step writes beside an asset.
    writeFileSync(join(dist, "assets", "app-1a2b.js.br"), brotliCompressSync(Buffer.from("console.log(1)")));
    // What `vite build` also leaves in the folder, which no browser needs.
    mkdirSync(join(dist, ".vite"));
    writeFileSync(join(dist, ".vite", "manifest.json"), '{"index.html":{"file":"assets/app-1a2b.js"}}');
    writeFileSync(join(dist, "stats.html"), "<p>bundle report</p>");
    // The database is never touched by static requests.
    const db = undefined as unknown as ServerOptions["db"];
    server = await serving({ db, webDist: dist });
    bare = await serving({ db, webDist: null });
  });
  afterAll(async () => {
    await server?.close();
    await bare?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = async (base: string, path: string) => {
    const res = await fetch(`${base}${path.slice(1)}`);
    return { status: res.status, type: res.headers.get("content-type"), cache: res.headers.get("cache-control"), body: await res.text() };
  };

  it("sends an asset's precompressed form to a client that takes it, the plain file to one that does not", async () => {
    const br = await rawGet(`${server.url}assets/app-1a2b.js`, { "accept-encoding": "gzip, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(br.body).toString()).toBe("console.log(1)");
    // No .gz was written: gzip clients get the file as it is.
    const gz = await rawGet(`${server.url}assets/app-1a2b.js`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBeUndefined();
    expect(gz.body.toString()).toBe("console.log(1)");
  });

  it("serves the built files, hashed assets as immutable", async () => {
    expect(await get(server.url, "/")).toMatchObject({
      status: 200,
      type: "text/html; charset=utf-8",
      cache: "no-cache",
      body: expect.stringContaining("履职图谱"),
    });
    expect(await get(server.url, "/assets/app-1a2b.js")).toMatchObject({
      status: 200,
      type: "text/javascript; charset=utf-8",
      cache: expect.stringContaining("immutable"),
    });
  });

  it("falls back to index.html for client routes but not for missing assets", async () => {
    expect(await get(server.url, "/departments/12")).toMatchObject({ status: 200, body: expect.stringContaining("履职图谱") });
    expect((await get(server.url, "/assets/missing.js")).status).toBe(404);
  });

  it("never serves a file outside the build folder", async () => {
    const res = await get(server.url, "/..%2f..%2f..%2f..%2fetc%2fpasswd");
    expect(res.body).not.toContain("root:");
  });

  it("answers 404 outside /trpc/ when there is no dashboard build", async () => {
    expect((await get(bare.url, "/")).status).toBe(404);
  });

  it("serves only assets/ and the app shell: the build manifest and other files of the folder are 404", async () => {
    for (const path of [
      "/.vite/manifest.json",
      "/.vite/",
      "/stats.html",
      "/index.html/..%2f.vite%2fmanifest.json",
      "/assets/../.vite/manifest.json",
    ]) {
      const res = await get(server.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain("app-1a2b");
    }
  });

  it("answers 404 with the same body whatever the path, echoing nothing of it", async () => {
    const probe = "/assets/<script>alert(1)</script>.js";
    const res = await get(server.url, probe);
    expect(res.status).toBe(404);
    expect(res.body).toBe(NOT_FOUND_TEXT);
    expect((await get(bare.url, "/%3Cimg%20src=x%3E")).body).toBe(NOT_FOUND_TEXT);
  });

  it("sends the security headers on pages, assets, 404s and API answers", async () => {
    for (const [base, path] of [
      [server.url, "/"],
      [server.url, "/assets/app-1a2b.js"],
      [server.url, "/missing.txt"],
      [bare.url, "/trpc/no.such"],
    ] as const) {
      const res = await fetch(`${base}${path.slice(1)}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      // Scripts and styles from this origin only: no inline code, no other host, no eval.
      expect(csp, path).toMatch(/(^|; )script-src 'self'(;|$)/u);
      expect(csp, path).toMatch(/(^|; )style-src 'self'(;|$)/u);
      expect(csp, path).toMatch(/(^|; )frame-ancestors 'none'(;|$)/u);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });
});
