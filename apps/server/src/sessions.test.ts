import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createCaller, LOGIN_LIMITS, localContext, MAX_IMPORT_BYTES } from "@duty/api";
import { openTestDatabase, SEED_DIR, tableContents, type TestDatabase } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, listen } from "./server.ts";
import { postOnce } from "./test-http.ts";

/*
 * Accounts over real HTTP, as a browser meets them: the cookie's flags, the CSRF header, a page of
 * another site, the login rate limit, the upload limits, and that password hashes reach no response
 * and no log line. The rules themselves are tested on both engines in packages/api; what is
 * checked here happens around them (headers, bodies, logs), so PGlite only.
 */

const seedText = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8");
const PASSWORD = "sessions-test-password";

interface Reply {
  result?: { data: Record<string, unknown> };
  error?: { message: string };
}

describe("sessions over HTTP", () => {
  let seeded: TestDatabase;
  let db: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  const logged: string[] = [];
  beforeAll(async () => {
    seeded = await openTestDatabase("pglite", { seed: true });
    db = await seeded.fork();
    const county = (await db.db.selectFrom("regions").select("id").where("name", "=", "玛纳斯县").executeTakeFirstOrThrow()).id;
    const admin = createCaller(localContext(db.db));
    await admin.users.add({ name: "planner", role: "editor", regions: [county], password: PASSWORD });
    await admin.users.add({ name: "victim", role: "viewer", password: PASSWORD });
    server = await listen(createServer({ db: db.db, webDist: null, logError: (l) => logged.push(l) }), 0, "127.0.0.1");
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await seeded?.close();
  });

  const call = async (procedure: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await postOnce(`${server.url}trpc/${procedure}`, typeof body === "string" ? body : JSON.stringify(body), headers);
    return { status: res.status, setCookie: res.setCookie, body: JSON.parse(res.text) as Reply, text: res.text };
  };
  const login = async (name: string, password: string) => {
    const res = await call("auth.login", { name, password });
    const cookie = res.setCookie?.split(";")[0] ?? "";
    return { ...res, cookie, csrf: (res.body.result?.data as { csrfToken?: string } | undefined)?.csrfToken ?? "" };
  };

  it("signs in into an httpOnly SameSite=Strict cookie, and takes changes only with the session's CSRF header", async () => {
    const session = await login("planner", PASSWORD);
    expect(session.status).toBe(200);
    expect(session.setCookie).toMatch(/^atlas_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/u);
    expect(session.csrf).toMatch(/^[\w-]{43}$/u);
    const draft = {
      fileName: "draft.txt",
      text: seedText.replace("加强基层阵地建设，优化提升服务能力", "加强基层阵地建设"),
      status: "draft",
    };
    const before = await tableContents(db.db);
    // The cookie alone is what a page of another site could make the browser send: refused.
    expect((await call("revisions.import", draft, { cookie: session.cookie })).status).toBe(403);
    expect((await call("revisions.import", draft, { cookie: session.cookie, "x-atlas-csrf": "guessed" })).status).toBe(403);
    expect(
      (await call("revisions.import", draft, { cookie: session.cookie, "x-atlas-csrf": session.csrf, origin: "https://evil.example" }))
        .status,
    ).toBe(403);
    expect((await tableContents(db.db)).revisions).toEqual(before.revisions);
    const ok = await call("revisions.import", draft, {
      cookie: session.cookie,
      "x-atlas-csrf": session.csrf,
      origin: server.url.replace(/\/$/u, ""),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.result?.data).toMatchObject({ created: true, status: "draft" });
  });

  it(`answers 429 after ${LOGIN_LIMITS.perName} wrong passwords for an account`, async () => {
    const statuses = [];
    for (let i = 0; i <= LOGIN_LIMITS.perName; i++) statuses.push((await login("victim", `wrong-password-${i}`)).status);
    expect(statuses).toEqual([...Array.from({ length: LOGIN_LIMITS.perName }, () => 401), 429]);
    const locked = await login("victim", PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.setCookie).toBeNull();
    expect(locked.body.error?.message).toMatch(/^登录失败次数过多，请 \d+ 分钟后再试$/u);
  });

  it("keeps the 20 MB limit on uploads and refuses an unsupported file with one clear line", async () => {
    const session = await login("planner", PASSWORD);
    const headers = { cookie: session.cookie, "x-atlas-csrf": session.csrf };
    const over = { fileName: "big.txt", contentBase64: Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61).toString("base64") };
    const tooBig = await call("revisions.check", over, headers);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error?.message).toBe(`big.txt: 文件过大（${MAX_IMPORT_BYTES + 1} 字节，上限 ${MAX_IMPORT_BYTES} 字节）`);
    const png = { fileName: "photo.png", contentBase64: Buffer.from("\x89PNG\r\n\x1a\n0000IHDR", "latin1").toString("base64") };
    const checked = await call("revisions.check", png, headers);
    expect(checked.status).toBe(200);
    const line = (checked.body.result!.data as { ok: boolean; message: string }).message;
    expect(line).toMatch(/^photo\.png:1: \S/u);
    expect(line.split("\n")).toHaveLength(1);
    const imported = await call("revisions.import", { ...png, status: "draft" }, headers);
    expect([imported.status, imported.body.error?.message]).toEqual([400, line]);
  });

  it("never lets a password, its hash or a session token reach a response or a log line", async () => {
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
    const bodies: string[] = [];
    try {
      const admin = await (async () => {
        await createCaller(localContext(db.db)).users.add({ name: "boss", role: "admin", password: PASSWORD });
        return login("boss", PASSWORD);
      })();
      const headers = { cookie: admin.cookie, "x-atlas-csrf": admin.csrf };
      for (const [procedure, body] of [
        ["users.add", { name: "newcomer", role: "viewer", password: "newcomer-password" }],
        ["users.setPassword", { name: "newcomer", password: "another-password" }],
        ["auth.login", { name: "newcomer", password: "wrong-password" }],
      ] as const) {
        const res = await fetch(`${server.url}trpc/${procedure}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        });
        bodies.push(await res.text());
      }
      for (const path of ["users.list", "audit.list", "auth.me"])
        bodies.push(await (await fetch(`${server.url}trpc/${path}`, { headers })).text());
      bodies.push(admin.text, JSON.stringify(admin.body));
      const token = admin.cookie.split("=")[1]!;
      const hashes = (await db.db.selectFrom("users").select("password_hash").execute()).map((u) => u.password_hash!);
      expect(bodies.join("\n")).toContain("newcomer");
      for (const text of [...bodies, ...written, ...logged]) {
        for (const secret of [PASSWORD, "newcomer-password", "another-password", token, ...hashes, "scrypt$"])
          expect(text).not.toContain(secret);
      }
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
