import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RouterOutputs } from "@duty/api";
import { createTestDatabaseUrl, testEngines } from "@duty/db/test";
import { lintRevision, parseDocument } from "@duty/domain";
import { SYNTHETIC_EDITS, SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import { seedAsDocx, seedAsXlsx } from "@duty/domain/test-office";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "./api.ts";
import { launchBrowser } from "./browser.ts";
import { type RunningAtlas, startAtlas, WEB_ROOT } from "./server.ts";

/*
 * The review workflow end to end, in Chromium, against a server of its own on each engine: an
 * editor of 玛纳斯县 uploads the synthetic revision, sees its findings and exactly its known
 * changes, saves a draft (the overview stays 109/100/37), publishes it (108/101/37) and withdraws it
 * (109/100/37 again). The same editor is refused a town of 呼图壁县; a viewer sees no write control
 * and the API refuses its writes; a request without the session's CSRF token, or from a page of
 * another site, is refused; the administrator reads it all in the audit trail.
 */

const SHOTS = join(WEB_ROOT, "test-results");
const seedText = readFileSync(join(WEB_ROOT, "../../data/lists/xinjiang-changji-manas-lanzhouwan.txt"), "utf8");
const synthetic = readFileSync(SYNTHETIC_REVISION_FILE);
const PASSWORDS = { chief: "chief-e2e-password", planner: "planner-e2e-password", reader: "reader-e2e-password" };

/** The seed moved to a town of 呼图壁县, a county the editor was not given. */
const elsewhereFile = join(tmpdir(), "wugongtai-e2e.txt");
writeFileSync(elsewhereFile, seedText.replaceAll("玛纳斯县", "呼图壁县").replaceAll("兰州湾镇", "五工台镇"));

/** A signed-in HTTP client (what the page does, without the page): the cookie and the CSRF header. */
async function signIn(url: string, name: keyof typeof PASSWORDS): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: PASSWORDS[name] }),
  });
  if (res.status !== 200) throw new Error(`login ${name}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { result: { data: { csrfToken: string } } };
  return { cookie: res.headers.get("set-cookie")!.split(";")[0]!, csrf: body.result.data.csrfToken };
}

async function post(
  url: string,
  procedure: string,
  input: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.text() };
}

describe.each(testEngines())("review in the browser (%s)", (engine) => {
  let atlas: RunningAtlas;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let browser: Browser;
  let editor: BrowserContext;
  let page: Page;
  let url: string;
  let draftId: number;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    if (engine === "postgres") database = await createTestDatabaseUrl();
    atlas = await startAtlas({ databaseUrl: database?.url, env: { ATLAS_ADMIN_USER: "chief", ATLAS_ADMIN_PASSWORD: PASSWORDS.chief } });
    url = atlas.url;
    // The administrator makes the two accounts, as in the 用户与审计 page, over the API.
    const chief = await signIn(url, "chief");
    const [county] = await query<RouterOutputs["regions"]["named"]>(url, "regions.named", { name: "玛纳斯县" });
    const admin = { cookie: chief.cookie, "x-atlas-csrf": chief.csrf };
    expect(
      (await post(url, "users.add", { name: "planner", role: "editor", regions: [county!.id], password: PASSWORDS.planner }, admin)).status,
    ).toBe(200);
    expect((await post(url, "users.add", { name: "reader", role: "viewer", password: PASSWORDS.reader }, admin)).status).toBe(200);
    browser = await launchBrowser();
    editor = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    page = await editor.newPage();
    page.on("pageerror", (e) => {
      throw e;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await atlas?.stop();
    await database?.drop();
  });

  /**
   * The overview's three tiles, from a fresh load of the page: a page kept open shows its cached
   * counts while it fetches the new ones, which would read as a mix of old and new. Checked
   * against the API's own answer, so a page that drew stale numbers would fail too.
   */
  const tiles = async () => {
    await page.goto(`${url}/`);
    await page.locator('[data-chart="category-list"] g.bar').first().waitFor();
    // The tile prints its unit after the number (109项).
    const tile = async (list: string) => (await page.locator(`.tile[data-list="${list}"] .tile-value`).textContent())!.replace(/项$/u, "");
    const shown = [await tile("basic"), await tile("coordinated"), await tile("reclaimed")];
    const api = await query<RouterOutputs["stats"]["overview"]>(url, "stats.overview", {});
    expect(shown).toEqual([api.basic, api.coordinated, api.reclaimed].map(String));
    return shown;
  };
  const login = async (p: Page, name: keyof typeof PASSWORDS) => {
    await p.goto(`${url}/`);
    await p.getByTestId("account").getByRole("button", { name: "登录" }).click();
    await p.locator("form[aria-label=登录] input[name=name]").fill(name);
    await p.locator("form[aria-label=登录] input[name=password]").fill(PASSWORDS[name]);
    await p.locator("form[aria-label=登录] button[type=submit]").click();
    await p.getByTestId("account").getByText(`${name}（`).waitFor();
  };
  const revisionStatus = async (id: number) => (await query<RouterOutputs["revisions"]["byId"]>(url, "revisions.byId", { id })).status;
  const confirmIn = async (action: "publish" | "withdraw", id: number) => {
    await page.getByRole("navigation", { name: "页面" }).getByText("版本").click();
    await page.locator(`tr[data-revision="${id}"] button[data-action="${action}"]`).click();
    const impact = page.getByTestId("impact");
    await impact.filter({ hasNotText: "正在计算" }).waitFor();
    const message = (await impact.textContent())!;
    await page
      .getByTestId("confirm")
      .getByRole("button", { name: action === "publish" ? "确认发布" : "确认撤回" })
      .click();
    await page.getByTestId("done").waitFor();
    return message;
  };

  it("signs the editor in; the overview shows the published seed, 109/100/37", async () => {
    await login(page, "planner");
    expect(await page.getByRole("navigation", { name: "页面" }).getByText("上传清单").count()).toBe(1);
    expect(await tiles()).toEqual(["109", "100", "37"]);
  });

  it("uploads the synthetic revision and shows its findings and exactly its known changes, storing nothing", async () => {
    const before = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
    await page.getByRole("navigation", { name: "页面" }).getByText("上传清单").click();
    await page.getByTestId("file-input").setInputFiles(SYNTHETIC_REVISION_FILE);
    const card = page.getByTestId("upload-card");
    await card.getByTestId("findings").waitFor();

    // What atlas lint prints for the file, in the same order.
    const parsed = parseDocument(synthetic);
    if (!parsed.ok) throw parsed.error;
    const expected = lintRevision(parsed.revision, parsed.warnings);
    const shown = await card
      .locator("[data-testid=findings] button")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-code"), Number(e.getAttribute("data-line"))]));
    expect(shown).toEqual(expected.map((f) => [f.code, f.line]));
    // A finding leads to its row: line 276 of the file (coordinated 85, 生产安全事故应急救援工作, read off the
    // file by hand) names 玛纳斯县公安局 in its steps but not in its department column.
    expect(synthetic.toString("utf8").split("\n")[275]!.split("\t").slice(0, 3)).toEqual([
      "85",
      "应急管理及消防",
      "生产安全事故应急救援工作",
    ]);
    await card.locator('[data-testid=findings] button[data-code="department-not-in-column"][data-line="276"]').click();
    const row = card.locator('[data-testid=document-rows] tr[data-line="276"]');
    await expect.poll(() => row.getAttribute("class")).toBe("flash");
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.textContent()).toContain("生产安全事故应急救援工作");

    // The counts against the published seed, and every hand-made edit of the fixture and nothing else.
    expect(await card.getByTestId("upload-counts").locator(".tile-value").allTextContents()).toEqual(["108", "101", "37"]);
    const changes = await card
      .locator("[data-testid=change-table] tbody tr")
      .evaluateAll((els) =>
        els.map((e) => [
          e.getAttribute("data-kinds")!.split(" "),
          e.getAttribute("data-before") || null,
          e.getAttribute("data-after") || null,
        ]),
      );
    expect(changes.map((c) => JSON.stringify(c)).sort()).toEqual(SYNTHETIC_EDITS.map((e) => JSON.stringify(e)).sort());
    expect((await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 })).items).toEqual(before.items);
    await page.screenshot({ path: join(SHOTS, `upload-${engine}.png`), fullPage: false });
  });

  it("saves a draft; the overview is unchanged", async () => {
    const card = page.getByTestId("upload-card");
    await card.getByRole("button", { name: "保存为草案" }).click();
    const saved = (await card.getByTestId("saved").textContent())!;
    expect(saved).toMatch(/^已保存为草案：修订 \d+「兰州湾镇 \d{4}年版」/u);
    draftId = Number(/修订 (\d+)/u.exec(saved)![1]);
    expect(await revisionStatus(draftId)).toBe("draft");
    expect(await tiles()).toEqual(["109", "100", "37"]);
  });

  it("publishes it after a confirmation that says what changes; the overview shows the new counts", async () => {
    const message = await confirmIn("publish", draftId);
    expect(message).toBe("发布后，兰州湾镇的统计将改用此版本：基本 108（−1），配合 101（+1），收回 37（±0）");
    expect(await revisionStatus(draftId)).toBe("published");
    expect(await tiles()).toEqual(["108", "101", "37"]);
  });

  it("withdraws it; the overview is back to 109/100/37 and the withdrawn revision stays readable", async () => {
    const message = await confirmIn("withdraw", draftId);
    expect(message).toMatch(
      /^撤回后，兰州湾镇的统计将改用修订 \d+「兰州湾镇 \d{4}年版」：基本 109（\+1），配合 100（−1），收回 37（±0）$/u,
    );
    expect(await tiles()).toEqual(["109", "100", "37"]);
    await page.goto(`${url}/?revision=${draftId}`);
    await page.locator('[data-chart="category-list"] g.bar').first().waitFor();
    expect(await page.locator('.tile[data-list="basic"] .tile-value').textContent()).toBe("108项");
  });

  it("reads the same revision from Word and Excel files picked together: the page sends the bytes, the server tells the format", async () => {
    const text = synthetic.toString("utf8");
    const files = [
      {
        name: "lanzhouwan-revision-2.docx",
        mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        buffer: Buffer.from(await seedAsDocx(text)),
      },
      {
        name: "lanzhouwan-revision-2.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(await seedAsXlsx(text)),
      },
    ];
    const before = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
    await page.goto(`${url}/?page=upload`);
    await page.getByTestId("file-input").setInputFiles(files);
    for (const file of files) {
      const card = page.locator(`[data-testid=upload-card][data-file="${file.name}"]`);
      await card.getByTestId("findings").waitFor();
      // Against the published seed again (the draft was withdrawn): the same counts and the same hand-made edits as the text file.
      expect(await card.getByTestId("upload-counts").locator(".tile-value").allTextContents()).toEqual(["108", "101", "37"]);
      const changes = await card
        .locator("[data-testid=change-table] tbody tr")
        .evaluateAll((els) =>
          els.map((e) => [
            e.getAttribute("data-kinds")!.split(" "),
            e.getAttribute("data-before") || null,
            e.getAttribute("data-after") || null,
          ]),
        );
      expect(changes.map((c) => JSON.stringify(c)).sort()).toEqual(SYNTHETIC_EDITS.map((e) => JSON.stringify(e)).sort());
    }
    expect((await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 })).items).toEqual(before.items);
  });

  it("shows an upload's hostile text as text in its rows and its changes, and runs nothing", async () => {
    const payload = '<img src=x onerror="window.__uploaded=1">';
    const hostile = seedText.replace("加强基层阵地建设，优化提升服务能力", payload);
    expect(hostile).not.toBe(seedText);
    await page.goto(`${url}/?page=upload`);
    await page
      .getByTestId("file-input")
      .setInputFiles({ name: "hostile.txt", mimeType: "text/plain", buffer: Buffer.from(hostile, "utf8") });
    const card = page.locator('[data-testid=upload-card][data-file="hostile.txt"]');
    await card.getByTestId("document-rows").waitFor();
    expect(await card.locator("[data-testid=document-rows] td", { hasText: "onerror" }).allTextContents()).toEqual([payload]);
    // Against the published seed the new name shows up in the change list too, as typed.
    expect(await card.locator("[data-testid=change-table]").textContent()).toContain(payload);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __uploaded?: number }).__uploaded)).toBeUndefined();
  });

  it("refuses the editor a town outside 玛纳斯县: no save in the page, 403 from the API, nothing changed", async () => {
    await page.goto(`${url}/?page=upload`);
    await page.getByTestId("file-input").setInputFiles(elsewhereFile);
    const card = page.locator('[data-testid=upload-card][data-file="wugongtai-e2e.txt"]');
    expect(await card.getByTestId("refusal").textContent()).toBe(
      "planner 不能修改「昌吉州/呼图壁县/五工台镇」：它不在分配给你的地区之内：可以查看检查结果，但不能保存。",
    );
    expect(await card.getByRole("button", { name: "保存为草案" }).isDisabled()).toBe(true);

    const cookie = (await editor.cookies(url)).find((c) => c.name === "atlas_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    const headers = {
      cookie: `atlas_session=${cookie.value}`,
      "x-atlas-csrf": await page.evaluate(() =>
        fetch("/trpc/auth.me")
          .then((r) => r.json())
          .then((b) => b.result.data.csrfToken),
      ),
    };
    const before = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
    const refused = await post(
      url,
      "revisions.import",
      { fileName: "wugongtai.txt", text: readFileSync(elsewhereFile, "utf8"), status: "draft" },
      headers,
    );
    expect(refused.status).toBe(403);
    // A 呼图壁县 draft the administrator saved: the editor sees no 发布 for it, and the API refuses it.
    const chief = await signIn(url, "chief");
    const foreign = await post(
      url,
      "revisions.import",
      { fileName: "wugongtai.txt", text: readFileSync(elsewhereFile, "utf8"), status: "draft" },
      { cookie: chief.cookie, "x-atlas-csrf": chief.csrf },
    );
    const foreignId = (JSON.parse(foreign.body) as { result: { data: { revisionId: number } } }).result.data.revisionId;
    expect((await post(url, "revisions.publish", { id: foreignId }, headers)).status).toBe(403);
    expect(await revisionStatus(foreignId)).toBe("draft");
    await page.goto(`${url}/?page=revisions`);
    await page.locator(`tr[data-revision="${foreignId}"]`).waitFor();
    expect(await page.locator(`tr[data-revision="${foreignId}"] [data-action]`).count()).toBe(0);
    expect(await page.locator(`tr[data-revision="${draftId}"] [data-action="publish"]`).count()).toBe(1);
    const after = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
    expect(after.items.map((r) => r.id)).toEqual([foreignId, ...before.items.map((r) => r.id)]);
    // With 呼图壁县 chosen as the scope, the page lists that county's one revision and none of 玛纳斯县's.
    const foreignDetail = await query<RouterOutputs["revisions"]["byId"]>(url, "revisions.byId", { id: foreignId });
    const county = foreignDetail.path.find((p) => p.level === "county")!;
    expect(county.name).toBe("呼图壁县");
    await page.goto(`${url}/?page=revisions&region=${county.id}`);
    await page.locator(`tr[data-revision="${foreignId}"]`).waitFor();
    expect(await page.locator("[data-testid=revisions] tbody tr").count()).toBe(1);
  });

  it("refuses a change without the session's CSRF token, and one posted from another site's page", async () => {
    const cookie = (await editor.cookies(url)).find((c) => c.name === "atlas_session")!;
    const session = { cookie: `atlas_session=${cookie.value}` };
    expect((await post(url, "revisions.publish", { id: draftId }, session)).status).toBe(403);
    const csrf = await page.evaluate(() =>
      fetch("/trpc/auth.me")
        .then((r) => r.json())
        .then((b) => b.result.data.csrfToken as string),
    );
    expect(
      (await post(url, "revisions.publish", { id: draftId }, { ...session, "x-atlas-csrf": csrf, origin: "https://evil.example" })).status,
    ).toBe(403);
    // In the browser: a page of another site (localhost is not 127.0.0.1) posts a form-like request.
    // Our pages may fetch only their own origin (Content-Security-Policy connect-src 'self'), so the
    // "other site" page gets no policy: the server alone must refuse it. Same browser cookies.
    const foreign = await browser.newContext({ bypassCSP: true, storageState: await editor.storageState() });
    const other = await foreign.newPage();
    await other.goto(url.replace("127.0.0.1", "localhost"));
    const status = await other.evaluate(
      async ([target, id]) => {
        const res = await fetch(`${target}/trpc/revisions.publish`, {
          method: "POST",
          mode: "no-cors",
          credentials: "include",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ id }),
        });
        return res.type;
      },
      [url, draftId] as const,
    );
    expect(status).toBe("opaque");
    await foreign.close();
    expect(await revisionStatus(draftId)).toBe("withdrawn");
  });

  it("shows a viewer no write control, and the API refuses the viewer's writes", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const viewer = await context.newPage();
    try {
      await login(viewer, "reader");
      const nav = viewer.getByRole("navigation", { name: "页面" });
      expect(await nav.getByText("上传清单").count()).toBe(0);
      expect(await nav.getByText("用户与审计").count()).toBe(0);
      await nav.getByText("版本").click();
      await viewer.locator(`tr[data-revision="${draftId}"]`).waitFor();
      expect(await viewer.locator("[data-testid=revisions] [data-action]").count()).toBe(0);
      await nav.getByText("修订对比").click();
      await viewer.locator("select[name=from]").waitFor();
      expect(await viewer.getByTestId("file-drop").count()).toBe(0);
      const cookie = (await context.cookies(url)).find((c) => c.name === "atlas_session")!;
      const csrf = await viewer.evaluate(() =>
        fetch("/trpc/auth.me")
          .then((r) => r.json())
          .then((b) => b.result.data.csrfToken as string),
      );
      const headers = { cookie: `atlas_session=${cookie.value}`, "x-atlas-csrf": csrf };
      expect((await post(url, "revisions.publish", { id: draftId }, headers)).status).toBe(403);
      expect((await post(url, "revisions.import", { fileName: "x.txt", text: seedText, status: "draft" }, headers)).status).toBe(403);
      expect(await revisionStatus(draftId)).toBe("withdrawn");
    } finally {
      await context.close();
    }
  });

  it("shows the administrator the audit trail: who did what, to which revision, from where, refusals included", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const admin = await context.newPage();
    try {
      await login(admin, "chief");
      await admin.getByRole("navigation", { name: "页面" }).getByText("用户与审计").click();
      await admin.getByTestId("audit").waitFor();
      const rows = await admin
        .locator("[data-testid=audit] tbody tr")
        .evaluateAll((els) =>
          els.map(
            (e) =>
              `${e.getAttribute("data-action")} ${e.getAttribute("data-outcome")} ${e.getAttribute("data-actor")} ${e.querySelectorAll("td")[6]!.textContent}`,
          ),
        );
      for (const line of [
        `import ok planner ${draftId}`,
        `publish ok planner ${draftId}`,
        `withdraw ok planner ${draftId}`,
        `publish refused planner ${draftId}`,
        `publish refused reader ${draftId}`,
        "import refused planner ",
        "import refused reader ",
        "login ok planner ",
      ]) {
        expect(rows, line).toContain(line);
      }
      expect(
        await admin
          .getByTestId("users")
          .locator("tr[data-user]")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-user"))),
      ).toEqual(["chief", "planner", "reader"]);
      await admin.screenshot({ path: join(SHOTS, `audit-${engine}.png`), fullPage: false });
    } finally {
      await context.close();
    }
  });
});
