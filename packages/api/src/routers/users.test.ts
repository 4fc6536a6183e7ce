import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/passwords.ts";
import { localContext } from "../context.ts";
import { createCaller } from "../router.ts";
import { regionId, signIn } from "../test-support.ts";

describe.each(testEngines())("users router (%s)", (engine) => {
  let seeded: TestDatabase;
  let db: TestDatabase;
  let admin: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    db = await seeded.fork();
    admin = createCaller(localContext(db.db));
  });
  afterAll(async () => {
    await db?.close();
    await seeded?.close();
  });

  it("adds accounts with a role and regions, generating a password shown once and stored only as a scrypt hash", async () => {
    const county = await regionId(db.db, "玛纳斯县");
    const added = await admin.users.add({ name: "planner", role: "editor", regions: [county] });
    expect(added.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/u);
    const stored = await db.db.selectFrom("users").select("password_hash").where("name", "=", "planner").executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$/u);
    expect(await verifyPassword(added.generatedPassword!, stored.password_hash!)).toBe(true);
    expect(await admin.users.list()).toEqual([
      expect.objectContaining({
        name: "planner",
        role: "editor",
        disabled: false,
        regions: [{ id: county, level: "county", name: "玛纳斯县" }],
        apiKeys: 0,
      }),
    ]);
    expect((await admin.users.add({ name: "reader", role: "viewer", password: "a-chosen-password" })).generatedPassword).toBeNull();
  });

  it("refuses a taken name, a short password, and an editor without a region", async () => {
    await expect(admin.users.add({ name: "planner", role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "name: 用户「planner」已存在",
    });
    await expect(admin.users.add({ name: "x", role: "viewer", password: "short" })).rejects.toMatchObject({
      message: "password: 密码至少 10 个字符",
    });
    await expect(admin.users.add({ name: "y", role: "editor" })).rejects.toMatchObject({
      message: "regions: 编辑需要至少一个地区（可修改该地区内的乡镇）",
    });
    await expect(admin.users.add({ name: "has space", role: "viewer" })).rejects.toMatchObject({
      message: expect.stringMatching(/^name: /u),
    });
  });

  it("changes a role, resets a password (ending sessions) and disables an account", async () => {
    await admin.users.setRole({ name: "reader", role: "admin" });
    expect((await admin.users.list()).find((u) => u.name === "reader")).toMatchObject({ role: "admin", regions: [] });
    const session = await signIn(db.db, "reader", "a-chosen-password");
    const { generatedPassword } = await admin.users.setPassword({ name: "reader" });
    expect((await createCaller(await session.context()).auth.me()).user).toBeNull();
    await signIn(db.db, "reader", generatedPassword!);
    await admin.users.disable({ name: "reader" });
    expect((await admin.users.list()).find((u) => u.name === "reader")).toMatchObject({ disabled: true });
    await expect(admin.users.disable({ name: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "name: no user nobody" });
  });

  it("keeps users and the audit trail from everyone but administrators", async () => {
    const planner = (await admin.users.setPassword({ name: "planner", password: "planner-password" })).name;
    const session = await signIn(db.db, planner, "planner-password");
    const api = createCaller(await session.context());
    await expect(api.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.users.add({ name: "z", role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCaller(localContext(db.db, null)).audit.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
