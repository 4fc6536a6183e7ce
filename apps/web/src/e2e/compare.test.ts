import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RouterOutputs } from "@duty/api";
import { mutate, query } from "./api.ts";
import { downloadBytes, launchBrowser, newPage } from "./browser.ts";
import { WEB_ROOT } from "./server.ts";

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";
const SHOTS = join(WEB_ROOT, "test-results");
const seedText = readFileSync(join(WEB_ROOT, "../../data/lists", SEED_FILE), "utf8");
const syntheticText = readFileSync(join(WEB_ROOT, "../../packages/domain/src/diff/fixtures/lanzhouwan-synthetic-revision-2.txt"), "utf8");

/**
 * Two towns of a county no other test uses, so the towns view counts only them: 五工台镇 is the
 * seed, 大丰镇 the seed without its town-specific basic rows 28 and 29 (DOMAIN.md §10).
 */
const county = (text: string) => text.replaceAll("玛纳斯县", "呼图壁县");
const wugongtai = county(seedText).replaceAll("兰州湾", "五工台");
const dafeng = county(seedText)
  .replaceAll("兰州湾", "大丰")
  .split("\n")
  .filter((line) => !/^2[89]\t经济发展\t(发展王家庄村土豆|联合玛禾生态农庄)/u.test(line))
  .join("\n");

const url = inject("atlasUrl");
const adminToken = inject("adminToken");
let browser: Browser;
let page: Page;
let seedId: number;
let syntheticId: number;
/** Revisions this file imported: deleted afterwards, so the other files see the server as seeded. */
const imported: number[] = [];

async function importText(fileName: string, text: string): Promise<number> {
  const result = await mutate<RouterOutputs["revisions"]["import"]>(url, "revisions.import", { fileName, text }, adminToken);
  if (result.created) imported.push(result.revisionId);
  return result.revisionId;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const revisions = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
  const seed = revisions.items.find((r) => r.sourceFile === SEED_FILE);
  if (!seed) throw new Error(`the server did not seed ${SEED_FILE}`);
  seedId = seed.id;
  syntheticId = await importText("lanzhouwan-synthetic-revision-2.txt", syntheticText);
  browser = await launchBrowser();
  page = await newPage(browser);
  page.on("pageerror", (e) => {
    throw e;
  });
});

afterAll(async () => {
  await browser?.close();
  // The synthetic revision would become 兰州湾镇's latest, which the whole-database views count.
  for (const id of imported) await mutate(url, "revisions.delete", { id }, adminToken);
});

async function download(action: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), action()]);
  return { name: file.suggestedFilename(), bytes: await downloadBytes(file) };
}

const params = () => new URL(page.url()).searchParams;
const rows = () => page.locator('[data-testid="change-table"] tbody tr');

describe("compare two revisions", () => {
  it("is reached from the navigation", async () => {
    await page.goto(`${url}/`);
    await page.getByRole("navigation", { name: "页面" }).getByText("修订对比").click();
    await page.locator("select[name=from]").waitFor();
    expect(params().get("page")).toBe("compare");
  });

  it("shows one card per change kind with the fixture's hand counts, and highlights the reworded characters", async () => {
    await page.goto(`${url}/?page=compare&from=${seedId}&to=${syntheticId}`);
    await page.getByTestId("change-table").waitFor();
    const cards = await page
      .locator("[data-testid=kind-cards] .tile")
      .evaluateAll((els) => els.map((e) => [e.querySelector(".tile-label")!.textContent, e.querySelector(".tile-value")!.textContent]));
    // packages/domain/src/diff/fixtures/README.md, counted by hand: 246 seed duties, 9 of them edited or removed.
    expect(cards).toEqual([
      ["未变", "237"],
      ["调整清单", "2"],
      ["调整类别", "1"],
      ["名称改写", "3"],
      ["部门调整", "1"],
      ["职责内容调整", "1"],
      ["新增", "2"],
      ["删除", "2"],
    ]);
    expect(await rows().count()).toBe(11);

    const reworded = page.locator('[data-testid="change-table"] tr[data-before="basic 60"]');
    expect(await reworded.locator("td.diff-side.before del").allTextContents()).toEqual(["生产"]);
    expect(await reworded.locator("td.diff-side.after ins").allTextContents()).toEqual(["劳动"]);
    expect(await reworded.locator("td.diff-side.before .diff-name").textContent()).toBe("开展科学技术普及服务，提升全民科学素质和生产技能");
    expect(await reworded.locator("td.diff-side.after .diff-name").textContent()).toBe("开展科学技术普及服务，提升全民科学素质和劳动技能");
    // The highlight is drawn, not only tagged: a coloured background the plain text lacks.
    const [marked, plain] = await reworded
      .locator("td.diff-side.after .diff-name")
      .evaluate((el) => [
        getComputedStyle(el.querySelector("ins")!).backgroundColor,
        getComputedStyle(el.querySelector("span > span")!).backgroundColor,
      ]);
    expect(marked).not.toBe(plain);
    // An unchanged name in a changed row (only the category moved) carries no mark.
    const recategorized = page.locator('[data-testid="change-table"] tr[data-before="basic 80"]');
    expect(await recategorized.locator(".diff-name del, .diff-name ins").count()).toBe(0);
    expect(await recategorized.locator("td.diff-side.after .diff-meta ins").allTextContents()).toEqual(["生态环保"]);

    // Category bars: 20 categories, 党的建设 gains the added coordinated duty (33 → 34).
    expect(await page.locator('[data-chart="category-delta"] g.bar[data-series="before"]').count()).toBe(20);
    const party = await page
      .locator('[data-chart="category-delta"] g.bar[data-label="党的建设"]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-series"), Number(e.getAttribute("data-value"))]));
    expect(party).toEqual([
      ["before", 33],
      ["after", 34],
    ]);
    await page.screenshot({ path: join(SHOTS, "compare.png"), fullPage: true });
  });

  it("exports the changed rows as CSV and XLSX", async () => {
    const csv = await download(() => page.locator('form.filters button[data-export="csv"]').click());
    expect(csv.name).toMatch(/^兰州湾镇-修订对比-\d{4}-\d{2}-\d{2}\.csv$/u);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const all = csv.bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(all[0]).toMatch(/^范围：兰州湾镇 .+ → 兰州湾镇 .+,版本：/u);
    const lines = all.slice(1);
    expect(lines[0]).toBe("变化,修订前清单,修订前序号,修订前类别,修订前事项名称,修订后清单,修订后序号,修订后类别,修订后事项名称,说明");
    expect(lines).toHaveLength(1 + 11);
    expect(lines).toContain(
      "名称改写,基本履职事项,60,精神文明建设,开展科学技术普及服务，提升全民科学素质和生产技能,基本履职事项,60,精神文明建设,开展科学技术普及服务，提升全民科学素质和劳动技能,",
    );
    expect(lines.filter((l) => l.startsWith("新增,,,,,"))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith("删除,"))).toHaveLength(2);
    expect(lines.some((l) => l.startsWith("未变"))).toBe(false);

    const xlsx = await download(() => page.locator('form.filters button[data-export="xlsx"]').click());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[1]!;
    expect(sheet.rowCount).toBe(1 + 11);
    // Rows in the later revision's order: basic 60, reworded, comes first; 序号 stays a number.
    expect([sheet.getCell("A2").value, sheet.getCell("C2").value, sheet.getCell("I2").value]).toEqual([
      "名称改写",
      60,
      "开展科学技术普及服务，提升全民科学素质和劳动技能",
    ]);
  });

  it("filters by change kind, list and category, and keeps the filters in the URL", async () => {
    await page.locator('[data-testid=kind-cards] .tile[data-kind="reworded"]').click();
    await expect.poll(() => params().get("kind")).toBe("reworded");
    await expect.poll(() => rows().count()).toBe(3);
    await page.locator("select[name=list]").selectOption("basic");
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().getAttribute("data-before")).toBe("basic 60");

    await page.goto(`${url}/?page=compare&from=${seedId}&to=${syntheticId}&category=${encodeURIComponent("生态环保")}`);
    await page.getByTestId("change-table").waitFor();
    // basic 80 recategorized into it, basic 83 moved (within it) to the reclaimed list, coordinated 64 removed from it.
    expect((await rows().evaluateAll((els) => els.map((e) => e.getAttribute("data-before")))).sort()).toEqual([
      "basic 80",
      "basic 83",
      "coordinated 64",
    ]);
    expect(await page.locator("select[name=category] option:checked").textContent()).toBe("生态环保");
    await page.reload();
    await page.getByTestId("change-table").waitFor();
    expect(await rows().count()).toBe(3);
  });
});

describe("compare the towns of a county", () => {
  it("counts shared and town-specific duties and lists the town-specific ones", async () => {
    await importText("wgt.txt", wugongtai);
    await importText("dafeng.txt", dafeng);
    const found = await query<RouterOutputs["regions"]["search"]>(url, "regions.search", { q: "呼图壁" });
    const hutubi = found.find((r) => r.name === "呼图壁县");
    if (!hutubi) throw new Error("呼图壁县 was not imported");

    await page.goto(`${url}/?page=compare&view=towns&within=${hutubi.id}`);
    await page.getByTestId("specific-table").waitFor();
    const card = (presence: string) =>
      page.locator(`[data-testid=presence-cards] .tile[data-presence="${presence}"] .tile-value`).textContent();
    expect([await card("all"), await card("some"), await card("specific")]).toEqual(["244", "0", "2"]);
    const towns = await page
      .locator('[data-testid="town-table"] tbody tr')
      .evaluateAll((els) => els.map((e) => Array.from(e.querySelectorAll("td")).map((td) => td.textContent)));
    // Towns by name in code point order, as the server sorts them: 五 (U+4E94) before 大 (U+5927).
    expect(towns).toEqual([
      ["五工台镇", "246", "244", "0", "2"],
      ["大丰镇", "244", "244", "0", "0"],
    ]);
    const specific = await page.locator('[data-testid="specific-table"] tbody tr td:nth-child(5)').allTextContents();
    expect(specific).toHaveLength(2);
    expect(specific[0]).toMatch(/^发展王家庄村土豆/u);
    expect(specific[1]).toMatch(/^联合玛禾生态农庄/u);
    await page.screenshot({ path: join(SHOTS, "compare-towns.png"), fullPage: true });

    const csv = await download(() => page.locator('form.filters button[data-export="csv"]').click());
    const lines = csv.bytes.toString("utf8").slice(1).trimEnd().split("\r\n").slice(1);
    expect(lines[0]).toBe("乡镇,清单,序号,事项类别,事项名称");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["五工台镇,基本履职事项,28", "五工台镇,基本履职事项,29"]);
  });
});
