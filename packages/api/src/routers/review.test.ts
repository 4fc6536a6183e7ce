import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openTestDatabase, SEED_DIR, tableContents, type TestDatabase, testEngines, withBasicNotes } from "@duty/db/test";
import { lintRevision, parseDocument } from "@duty/domain";
import { SYNTHETIC_EDITS, SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Context, createContext, localContext } from "../context.ts";
import { createCaller } from "../router.ts";
import { addUser, regionId, type SignedIn, signIn } from "../test-support.ts";

/*
 * The review workflow through the routers, as the browser drives it: an editor of 玛纳斯县 checks the
 * synthetic revision without storing it, saves it as a draft, publishes and withdraws it; the same
 * editor is refused a town elsewhere; a viewer and nobody are refused every change; every change
 * and every refusal is in the audit trail.
 */

const seedText = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8");
const synthetic = readFileSync(SYNTHETIC_REVISION_FILE);
/** The seed moved to 呼图壁县: a county the editor was not given. */
const elsewhere = seedText.replaceAll("玛纳斯县", "呼图壁县").replaceAll("兰州湾镇", "五工台镇");
const upload = (fileName: string, bytes: Uint8Array | string) => ({ fileName, contentBase64: Buffer.from(bytes).toString("base64") });

/** Everything but the audit trail and sessions: what a refused change must leave as it was. */
async function data(db: TestDatabase): Promise<Record<string, string[]>> {
  const { audit_log: _audit, sessions: _sessions, ...rest } = await tableContents(db.db);
  return rest;
}

describe.each(testEngines())("review workflow (%s)", (engine) => {
  let base: TestDatabase;
  let db: TestDatabase;
  let editor: SignedIn;
  let viewer: SignedIn;
  let as: (session: SignedIn, options?: Parameters<SignedIn["context"]>[0]) => Promise<ReturnType<typeof createCaller>>;
  let admin: ReturnType<typeof createCaller>;
  let draftId: number;
  beforeAll(async () => {
    base = await openTestDatabase(engine, { seed: true });
    db = await base.fork();
    const county = await regionId(db.db, "玛纳斯县");
    editor = await signIn(db.db, "planner", await addUser(db.db, "planner", "editor", [county]));
    viewer = await signIn(db.db, "reader", await addUser(db.db, "reader", "viewer"));
    as = async (session, options) => createCaller(await session.context(options));
    admin = createCaller(localContext(db.db));
  });
  afterAll(async () => {
    await db?.close();
    await base?.close();
  });

  const overview = async () => {
    const o = await admin.stats.overview();
    return [o.basic, o.coordinated, o.reclaimed];
  };

  it("checks an upload without storing anything: its findings are atlas lint's, its changes the fixture's known edits", async () => {
    const before = await data(db);
    const check = await (await as(editor)).revisions.check(upload("lanzhouwan-synthetic-revision-2.txt", synthetic));
    if (!check.ok) throw new Error(check.message);
    const parsed = parseDocument(synthetic);
    if (!parsed.ok) throw parsed.error;
    expect(check).toMatchObject({
      townSpec: "昌吉州/玛纳斯县/兰州湾镇",
      counts: { basic: 108, coordinated: 101, reclaimed: 37 },
      findings: lintRevision(parsed.revision, parsed.warnings),
      base: { counts: { basic: 109, coordinated: 100, reclaimed: 37 } },
      existing: null,
      mayChange: true,
      refusal: null,
      statedDate: null,
      label: `兰州湾镇 ${new Date().getFullYear()}年版`,
    });
    const where = (side: { list: string; seq: number } | null) => (side ? `${side.list} ${side.seq}` : null);
    const changed = check.diff!.changes.filter((c) => c.kinds.length > 0 && !c.kinds.includes("unchanged"));
    expect(changed.map((c) => [c.kinds, where(c.before), where(c.after)]).sort()).toEqual(SYNTHETIC_EDITS.map((e) => [...e]).sort());
    expect(await data(db)).toEqual(before);
  });

  it("saves a draft that changes no statistic, then publishes it and withdraws it, saying what each will change", async () => {
    expect(await overview()).toEqual([109, 100, 37]);
    const saved = await (await as(editor)).revisions.import({
      ...upload("lanzhouwan-synthetic-revision-2.txt", synthetic),
      status: "draft",
    });
    draftId = saved.revisionId;
    expect(saved).toMatchObject({
      created: true,
      status: "draft",
      town: "兰州湾镇",
      counts: { basic: 108, coordinated: 101, reclaimed: 37 },
    });
    expect(await overview()).toEqual([109, 100, 37]);
    // Named by id, the draft can be previewed.
    expect(await admin.stats.overview({ revisionId: draftId })).toMatchObject({ basic: 108, coordinated: 101, reclaimed: 37 });
    // The draft names the seed's revision, which still stands for 兰州湾镇: what 对比已发布 compares it with.
    const seedId = (await admin.revisions.list({ status: ["published"], limit: 10 })).items.find((r) => r.town === "兰州湾镇")!.id;
    expect(await admin.revisions.byId({ id: draftId })).toMatchObject({ latest: false, standingId: seedId });

    const publish = await (await as(editor)).revisions.impact({ id: draftId, action: "publish" });
    expect(publish.message).toBe("发布后，兰州湾镇的统计将改用此版本：基本 108（−1），配合 101（+1），收回 37（±0）");
    expect((await (await as(editor)).revisions.publish({ id: draftId })).status).toBe("published");
    expect(await overview()).toEqual([108, 101, 37]);
    expect(await admin.revisions.byId({ id: draftId })).toMatchObject({ status: "published", latest: true, standingId: draftId });

    const withdraw = await (await as(editor)).revisions.impact({ id: draftId, action: "withdraw" });
    expect(withdraw.message).toMatch(
      /^撤回后，兰州湾镇的统计将改用修订 \d+「兰州湾镇 \d{4}年版」：基本 109（\+1），配合 100（−1），收回 37（±0）$/u,
    );
    await (await as(editor)).revisions.withdraw({ id: draftId });
    expect(await overview()).toEqual([109, 100, 37]);
    // Withdrawn, it stays readable for comparisons.
    expect((await admin.diff.compare({ from: draftId, to: publish.now!.id })).summary.lists.basic).toMatchObject({
      before: 108,
      after: 109,
    });
    await expect((await as(editor)).revisions.withdraw({ id: draftId })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `修订 ${draftId} 的状态是「已撤回」，不能撤回`,
    });
  });

  it("shows in the check the columns a document adds to its lists (备注), row by row", async () => {
    // The seed's basic list with a 备注 column: a note on row 1, none on the rest (written here, so counted here).
    const text = withBasicNotes(seedText.replaceAll("兰州湾镇", "北五岔镇"), (seq) => (seq === 1 ? "每季度报告" : ""));
    const check = await (await as(editor)).revisions.check(upload("beiwucha.txt", text));
    if (!check.ok) throw new Error(check.message);
    const noted = check.duties.filter((d) => d.notes.length > 0);
    expect(noted.map((d) => ({ list: d.list, seq: d.seq, notes: d.notes }))).toEqual([
      { list: "basic", seq: 1, notes: [{ column: "备注", text: "每季度报告" }] },
    ]);
    expect(check.duties).toHaveLength(109 + 100 + 37);
  });

  it("refuses the editor a town outside 玛纳斯县 (403), changing nothing", async () => {
    const ctx = await as(editor);
    const check = await ctx.revisions.check(upload("wugongtai.txt", elsewhere));
    expect(check).toMatchObject({
      ok: true,
      mayChange: false,
      refusal: "planner 不能修改「昌吉州/呼图壁县/五工台镇」：它不在分配给你的地区之内",
    });
    // A draft of that town made by an administrator: the editor may neither publish nor delete it.
    const foreign = await admin.revisions.import({ fileName: "wugongtai.txt", text: elsewhere, status: "draft" });
    const before = await data(db);
    await expect(ctx.revisions.import({ ...upload("wugongtai-2.txt", `${elsewhere}\n`), status: "draft" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(ctx.revisions.publish({ id: foreign.revisionId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "planner 不能修改「五工台镇」：它不在分配给你的地区之内",
    });
    await expect(ctx.revisions.delete({ id: draftId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "planner 的角色是「编辑」，此操作需要「管理员」权限",
    });
    expect(await data(db)).toEqual(before);
  });

  it("refuses a viewer and nobody every change, and a signed-in request without its CSRF token or from another site", async () => {
    const before = await data(db);
    const attempts: [string, (api: ReturnType<typeof createCaller>) => Promise<unknown>][] = [
      ["import", (api) => api.revisions.import({ fileName: "x.txt", text: seedText, status: "draft" })],
      ["publish", (api) => api.revisions.publish({ id: draftId })],
      ["withdraw", (api) => api.revisions.withdraw({ id: draftId })],
      ["delete", (api) => api.revisions.delete({ id: draftId })],
    ];
    const callers: [string, Context, string][] = [
      ["viewer", await viewer.context(), "FORBIDDEN"],
      ["nobody", await createContext({ db: db.db, host: "atlas.test" }), "UNAUTHORIZED"],
      ["editor without CSRF token", await editor.context({ csrf: false }), "FORBIDDEN"],
      ["editor with a wrong CSRF token", await editor.context({ csrf: viewer.csrf }), "FORBIDDEN"],
      ["editor, page of another site", await editor.context({ origin: "https://evil.example" }), "FORBIDDEN"],
      ["a made-up API key", await createContext({ db: db.db, authorization: "Bearer atlas_made-up" }), "UNAUTHORIZED"],
    ];
    for (const [who, ctx, code] of callers) {
      for (const [action, attempt] of attempts) {
        const error = await attempt(createCaller(ctx)).then(
          () => "ok",
          (e: { code: string }) => e.code,
        );
        expect({ who, action, error }).toEqual({ who, action, error: code });
      }
    }
    const check = createCaller(await viewer.context()).revisions.check(upload("x.txt", seedText));
    expect(
      await check.then(
        () => "ok",
        (e: { code: string }) => e.code,
      ),
    ).toBe("FORBIDDEN");
    expect(await data(db)).toEqual(before);
    // The viewer still reads.
    expect((await createCaller(await viewer.context()).stats.overview()).basic).toBe(109);
  });

  it("serves anonymous readers only when public reading is on", async () => {
    const closed = await createContext({ db: db.db, publicRead: false });
    await expect(createCaller(closed).stats.overview()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "请先登录：此服务器不公开数据",
    });
    expect(await createCaller(closed).auth.me()).toMatchObject({ user: null, publicRead: false });
    expect((await createCaller(await viewer.context({ publicRead: false })).stats.overview()).basic).toBe(109);
  });

  it("answers an unsupported file with one clear line, in the check and in an import", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const check = await (await as(editor)).revisions.check(upload("photo.png", png));
    expect(check.ok).toBe(false);
    const line = (check as { message: string }).message;
    expect(line).toMatch(/^photo\.png:1: /u);
    expect(line).not.toContain("\n");
    await expect((await as(editor)).revisions.import({ ...upload("photo.png", png), status: "draft" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: line,
    });
  });

  it("lets an API key act as its user, with the user's role", async () => {
    const { key } = await admin.users.createKey({ name: "planner", label: "nightly import" });
    const script = createCaller(await createContext({ db: db.db, authorization: `Bearer ${key}` }));
    expect((await script.auth.me()).user).toMatchObject({ name: "planner", role: "editor", via: "api-key" });
    const imported = await script.revisions.import({
      fileName: "bwc.txt",
      text: seedText.replaceAll("兰州湾镇", "北五岔镇"),
      status: "draft",
    });
    expect(imported).toMatchObject({ created: true, status: "draft" });
    await expect(script.revisions.delete({ id: imported.revisionId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("records every change and every refusal in the audit trail: who, what, which revision, from where", async () => {
    const rows = (await admin.audit.list({ limit: 1000 })).items;
    const line = (r: (typeof rows)[number]) =>
      [r.action, r.outcome, r.actor, r.revisionId === draftId ? "draft" : r.revisionId === null ? "-" : "other", r.ip ?? "-"].join(" ");
    const lines = rows.map(line);
    for (const expected of [
      "login ok planner - 198.51.100.7",
      "import ok planner draft 198.51.100.7",
      "publish ok planner draft 198.51.100.7",
      "withdraw ok planner draft 198.51.100.7",
      "withdraw failed planner draft 198.51.100.7",
      "import refused planner - 198.51.100.7",
      "publish refused planner other 198.51.100.7",
      "delete refused planner draft 198.51.100.7",
      "publish refused reader draft 198.51.100.7",
      "delete refused 匿名 draft -",
      "import failed planner - 198.51.100.7",
      "import ok planner other -",
    ]) {
      expect(lines, expected).toContain(expected);
    }
    const publish = rows.find((r) => r.action === "publish" && r.outcome === "ok")!;
    expect(publish).toMatchObject({
      town: "兰州湾镇",
      via: "session",
      detail: "发布后，兰州湾镇的统计将改用此版本：基本 108（−1），配合 101（+1），收回 37（±0）",
    });
    const refused = rows.filter((r) => r.action === "import" && r.outcome === "refused" && r.actor === "planner").at(-1)!;
    expect(refused).toMatchObject({ town: "五工台镇", detail: "planner 不能修改「昌吉州/呼图壁县/五工台镇」：它不在分配给你的地区之内" });
    // Viewers and editors do not read the trail.
    await expect((await as(editor)).audit.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
