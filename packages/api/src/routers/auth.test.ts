import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenHash } from "../auth/tokens.ts";
import { createContext, localContext } from "../context.ts";
import { createCaller } from "../router.ts";
import { addUser, signIn } from "../test-support.ts";
import { LOGIN_LIMITS } from "./auth.ts";

describe.each(testEngines())("sign-in (%s)", (engine) => {
  let base: TestDatabase;
  let db: TestDatabase;
  let password: string;
  beforeAll(async () => {
    base = await openTestDatabase(engine);
    db = await base.fork();
    password = await addUser(db.db, "zhang", "viewer");
  });
  afterAll(async () => {
    await db?.close();
    await base?.close();
  });

  const audit = async () =>
    (await createCaller(localContext(db.db)).audit.list({ limit: 1000 })).items.map(
      (r) => `${r.action} ${r.outcome} ${r.actor} ${r.ip ?? "-"}`,
    );
  const login = async (name: string, pw: string, ip = "198.51.100.7") =>
    createCaller(await createContext({ db: db.db, ip, host: "atlas.test" }))
      .auth.login({ name, password: pw })
      .then(
        () => "ok",
        (e: { code: string; message: string }) => `${e.code} ${e.message}`,
      );

  it("sets an httpOnly, SameSite=Strict session cookie whose token is stored only as a hash", async () => {
    const session = await signIn(db.db, "zhang", password);
    expect(session.setCookie).toMatch(/^atlas_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/u);
    const token = session.cookie.slice("atlas_session=".length);
    const rows = await db.db.selectFrom("sessions").select("id").execute();
    expect(rows.map((r) => r.id)).toContain(tokenHash(token));
    expect(rows.map((r) => r.id)).not.toContain(token);
    // The next request with the cookie is the user, and learns the CSRF token its changes must carry.
    const me = await createCaller(await session.context()).auth.me();
    expect(me).toMatchObject({ user: { name: "zhang", role: "viewer", via: "session" }, csrfToken: session.csrf });
    // Behind HTTPS the cookie is Secure too.
    const cookies: string[] = [];
    await createCaller(
      await createContext({ db: db.db, host: "atlas.test", secureCookies: true, setCookie: (c) => cookies.push(c) }),
    ).auth.login({
      name: "zhang",
      password,
    });
    expect(cookies[0]).toMatch(/; Secure$/u);
  });

  it("ends the session on logout, and a made-up or expired cookie is nobody", async () => {
    const session = await signIn(db.db, "zhang", password);
    const cookies: string[] = [];
    await createCaller(await session.context({ setCookie: (c) => cookies.push(c) })).auth.logout();
    expect(cookies).toEqual(["atlas_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"]);
    expect((await createCaller(await session.context()).auth.me()).user).toBeNull();
    expect((await createCaller(await createContext({ db: db.db, cookie: "atlas_session=forged" })).auth.me()).user).toBeNull();
    const other = await signIn(db.db, "zhang", password);
    await sql`update sessions set expires_at = now() - interval '1 second'`.execute(db.db);
    expect((await createCaller(await other.context()).auth.me()).user).toBeNull();
  });

  it(`refuses the ${LOGIN_LIMITS.perName + 1}th attempt after ${LOGIN_LIMITS.perName} wrong passwords, even with the right one, and records each`, async () => {
    const bob = await addUser(db.db, "bob", "viewer");
    const before = (await audit()).length;
    const answers = [];
    for (let i = 0; i < LOGIN_LIMITS.perName; i++) answers.push(await login("bob", `wrong-${i}-password`, `203.0.113.${i}`));
    expect(answers).toEqual(Array.from({ length: LOGIN_LIMITS.perName }, () => "UNAUTHORIZED 用户名或密码错误"));
    expect(await login("bob", bob, "203.0.113.99")).toBe(`TOO_MANY_REQUESTS 登录失败次数过多，请 ${LOGIN_LIMITS.windowMinutes} 分钟后再试`);
    // Another account is not locked by bob's failures.
    expect(await login("zhang", password)).toBe("ok");
    const rows = (await audit()).slice(0, (await audit()).length - before);
    expect(rows.filter((r) => r.startsWith("login failed bob"))).toHaveLength(LOGIN_LIMITS.perName);
    expect(rows.filter((r) => r.startsWith("login refused bob 203.0.113.99"))).toHaveLength(1);
    // Once the failures are older than the window, bob may sign in again.
    await sql`update audit_log set at = at - make_interval(mins => ${LOGIN_LIMITS.windowMinutes + 1}::int) where action = 'login'`.execute(
      db.db,
    );
    expect(await login("bob", bob)).toBe("ok");
  });

  it(`limits one address to ${LOGIN_LIMITS.perAddress} failures, whatever names it tries`, async () => {
    const ip = "192.0.2.55";
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++)
      expect(await login(`guess${i}`, "not-the-password", ip)).toBe("UNAUTHORIZED 用户名或密码错误");
    expect(await login("zhang", password, ip)).toMatch(/^TOO_MANY_REQUESTS /u);
    expect(await login("zhang", password, "192.0.2.56")).toBe("ok");
  });

  it("treats an unknown name like a wrong password, and refuses a disabled account and its sessions", async () => {
    expect(await login("nobody", "whatever-password")).toBe("UNAUTHORIZED 用户名或密码错误");
    expect((await audit())[0]).toBe("login failed nobody 198.51.100.7");
    const carol = await addUser(db.db, "carol", "viewer");
    const session = await signIn(db.db, "carol", carol);
    await createCaller(localContext(db.db)).users.disable({ name: "carol" });
    expect((await createCaller(await session.context()).auth.me()).user).toBeNull();
    expect(await login("carol", carol)).toBe("UNAUTHORIZED 此账号已停用");
  });

  it("refuses a sign-in posted from another site's page", async () => {
    const ctx = await createContext({ db: db.db, host: "atlas.test", origin: "https://evil.example", ip: "198.51.100.9" });
    await expect(createCaller(ctx).auth.login({ name: "zhang", password })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await audit())[0]).toBe("login refused 匿名 198.51.100.9");
  });

  it("never returns a password hash, in any answer about users or in the audit trail", async () => {
    const admin = createCaller(localContext(db.db));
    const answers = JSON.stringify([await admin.users.list(), await admin.audit.list({ limit: 1000 }), await admin.auth.me()]);
    const hashes = await db.db.selectFrom("users").select("password_hash").execute();
    expect(hashes.length).toBeGreaterThan(2);
    for (const { password_hash } of hashes) expect(answers).not.toContain(password_hash!.split("$")[5]);
    expect(answers).not.toContain("scrypt$");
  });
});
