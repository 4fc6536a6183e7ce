import { mkdirSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { OVERVIEW_BUDGET_GZIP, overviewBundleSize } from "../../scripts/bundle-size.ts";
import type { RouterOutputs } from "@duty/api";
import { query } from "./api.ts";
import { downloadBytes, launchBrowser, newPage, pngSize } from "./browser.ts";
import { WEB_ROOT } from "./server.ts";

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";
const SHOTS = join(WEB_ROOT, "test-results");

const url = inject("atlasUrl");
let browser: Browser;
let page: Page;
let revisionId: number;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const revisions = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
  const seed = revisions.items.find((r) => r.sourceFile === SEED_FILE);
  if (!seed) throw new Error(`the server did not seed ${SEED_FILE}`);
  revisionId = seed.id;
  browser = await launchBrowser();
  page = await newPage(browser);
  page.on("pageerror", (e) => {
    throw e;
  });
});

afterAll(async () => {
  await browser?.close();
});

/** The values a chart drew for one axis label, by series (from the tagged <g class="bar"> elements). */
async function barsFor(chart: string, label: string): Promise<Record<string, { value: number; width: number; height: number }>> {
  const bars = page.locator(`[data-chart="${chart}"] g.bar[data-label="${label}"]`);
  const out: Record<string, { value: number; width: number; height: number }> = {};
  // A chart's first frame has its bars before their size (and under load a drill's page is still
  // drawing): wait until the bars are laid out rather than read a null box.
  await bars.first().waitFor();
  for (const bar of await bars.all()) {
    await bar.waitFor();
    // Bars grow in from nothing: give the animation (slow on a loaded machine) up to 10 s to give one a box.
    let box = await bar.boundingBox();
    for (let i = 0; !box && i < 50; i++) {
      await page.waitForTimeout(200);
      box = await bar.boundingBox();
    }
    if (!box) throw new Error(`${chart} 的「${label}」柱没有尺寸（未绘制）`);
    out[(await bar.getAttribute("data-series"))!] = {
      value: Number(await bar.getAttribute("data-value")),
      width: box.width,
      height: box.height,
    };
  }
  return out;
}

async function download(action: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), action()]);
  return { name: file.suggestedFilename(), bytes: await downloadBytes(file) };
}

const params = () => new URL(page.url()).searchParams;

describe("overview", () => {
  it("draws the seed's counts, share and categories", async () => {
    await page.goto(`${url}/?revision=${revisionId}`);
    await page.locator('[data-chart="category-list"] g.bar').first().waitFor();
    const tile = (list: string) => page.locator(`.tile[data-list="${list}"] .tile-value`).textContent();
    expect([await tile("basic"), await tile("coordinated"), await tile("reclaimed"), await tile("total")]).toEqual([
      "109项",
      "100项",
      "37项",
      "246项",
    ]);
    expect(await page.getByTestId("share-tile").locator(".tile-value").textContent()).toBe("55.7%");

    const counts = await page
      .locator('[data-chart="list-counts"] g.bar[data-series="count"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))));
    expect(counts).toEqual([109, 100, 37]);

    const share = await page
      .locator('[data-chart="share"] g.bar')
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-series"), Number(e.getAttribute("data-value"))]));
    expect(share).toEqual([
      ["coordinatedPercent", 40.7],
      ["reclaimedPercent", 15],
    ]);
    expect(await page.locator('[data-chart="share"] svg text', { hasText: "全国平均 65.6%" }).count()).toBe(1);
    // The reference line sits at 65.6% of the 0–100% axis (ticks at 0, 20, … 100 from the bottom).
    const ticks = await page
      .locator('[data-chart="share"] .recharts-yAxis-tick-lines line')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute("y1"))));
    expect(ticks).toHaveLength(6);
    const [zero, hundred] = [ticks[0]!, ticks[5]!];
    const line = Number(await page.locator('[data-chart="share"] .recharts-reference-line line').getAttribute("y1"));
    expect((zero - line) / (zero - hundred)).toBeCloseTo(0.656, 2);

    const social = await barsFor("category-list", "社会保障");
    expect(Object.fromEntries(Object.entries(social).map(([k, v]) => [k, v.value]))).toEqual({ basic: 9, coordinated: 8, reclaimed: 9 });
    // The drawn lengths, not only the tags: 9 and 9 are equal, 8 is 8/9 of them.
    expect(social.basic!.width).toBeGreaterThan(20);
    expect(Math.abs(social.basic!.width - social.reclaimed!.width)).toBeLessThan(1.5);
    expect(social.coordinated!.width / social.basic!.width).toBeCloseTo(8 / 9, 1);
    const categories = await page.locator('[data-chart="category-list"] g.bar[data-series="basic"]').count();
    expect(categories).toBe(20);

    const top = await page
      .locator('[data-chart="top-departments"] g.bar[data-series="coordinated"]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-label"), Number(e.getAttribute("data-value"))]));
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual(["玛纳斯县农业农村局", 13]);
    await page.screenshot({ path: join(SHOTS, "overview.png"), fullPage: true });
  });

  it("exports a chart as PNG at 2× and 3×, SVG, CSV and XLSX with the numbers drawn", async () => {
    const card = page.locator('[data-chart="category-list"]');
    const area = (await card.locator(".chart-export-area").boundingBox())!;
    for (const ratio of [2, 3]) {
      const png = await download(() => card.locator(`button[data-export="png${ratio}"]`).click());
      expect(png.name).toMatch(new RegExp(`^兰州湾镇-各类别事项数-\\d{4}-\\d{2}-\\d{2}@${ratio}x\\.png$`, "u"));
      const size = pngSize(png.bytes);
      expect(Math.abs(size.width - area.width * ratio)).toBeLessThanOrEqual(ratio);
      expect(Math.abs(size.height - area.height * ratio)).toBeLessThanOrEqual(ratio);
    }

    const svg = (await download(() => card.locator('button[data-export="svg"]').click())).bytes.toString("utf8");
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain("党的建设");
    expect(svg).toContain("各类别事项数（按清单）");
    // Named by its town and the year it takes effect, not by the file it was imported from.
    expect(svg).toMatch(/兰州湾镇 \d{4}年版/u);
    expect(svg).not.toContain(SEED_FILE);
    expect(svg).toContain("基本履职事项");
    expect(svg).not.toMatch(/<script|<foreignObject|\son[a-z]+=|var\(--/iu);
    // A standalone file: it must parse as XML on its own.
    const parsed = await page.evaluate(
      (text) => new DOMParser().parseFromString(text, "image/svg+xml").querySelector("parsererror") === null,
      svg,
    );
    expect(parsed).toBe(true);

    const csvFile = await download(() => card.locator('button[data-export="csv"]').click());
    expect(csvFile.name).toMatch(/^兰州湾镇-各类别事项数-\d{4}-\d{2}-\d{2}\.csv$/u);
    const csv = csvFile.bytes;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString("utf8").slice(1).split("\r\n");
    // The first row says where the figures come from; the headings follow.
    expect(lines[0]).toMatch(
      /^范围：兰州湾镇 .+版,版本：.+,导出日期：\d{4}-\d{2}-\d{2},来源：履职图谱，源文件 xinjiang-changji-manas-lanzhouwan\.txt$/u,
    );
    expect(lines[1]).toBe("事项类别,基本履职事项,配合履职事项,上级部门收回事项,合计");
    expect(lines).toContain("社会保障,9,8,9,26");
    expect(lines.filter(Boolean)).toHaveLength(1 + 21);

    const xlsx = (await download(() => card.locator('button[data-export="xlsx"]').click())).bytes;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["说明", "各类别事项数（按清单）"]);
    expect(workbook.worksheets[0]!.getCell("A1").value).toBe("范围");
    const sheet = workbook.worksheets[1]!;
    expect(sheet.getRow(1).values).toEqual([undefined, "事项类别", "基本履职事项", "配合履职事项", "上级部门收回事项", "合计"]);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(["社会保障", 9, 8, 9, 26]);
    expect(rows).toHaveLength(20);
  });

  it("explains itself: values on the bars, units, round axis steps, ⓘ on every tile and chart, the national source", async () => {
    await page.goto(`${url}/?revision=${revisionId}`);
    const card = page.locator('[data-chart="category-list"]');
    await card.locator("g.bar").first().waitFor();
    // Every tile and chart says what it counts.
    for (const help of await page.locator(".tile .help-text, [data-chart] h2 .help-text").allTextContents())
      expect(help.length).toBeGreaterThan(10);
    expect(await page.locator(".tile .help-text").count()).toBe(5);
    expect(await page.locator("[data-chart] h2 .help-text").count()).toBe(await page.locator("[data-chart]").count());
    // The national figure names its source and date, and links to it.
    const source = page.getByTestId("national-source");
    expect(await source.textContent()).toBe("新华社报道（转载），截至 2025 年 6 月底");
    expect(await source.getAttribute("href")).toBe("http://39.103.169.235/p/b6393aed3428");
    expect(await page.locator('.tile[data-list="basic"] .tile-reference').textContent()).toContain("全国平均每乡镇 117 项");
    // Round steps and a unit on the count axis; 党的建设 33 is the longest bar.
    const ticks = await card.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents();
    expect(ticks).toEqual(["0", "10", "20", "30", "40"]);
    expect(await card.locator("text.recharts-label").allTextContents()).toEqual(["（项）"]);
    // Values printed on the bars: inside the segments that fit them, and the server's total at the end of each row.
    const texts = await card.locator("text.bar-value, text.bar-total").allTextContents();
    expect(texts).toEqual(expect.arrayContaining(["22", "11", "33", "26"]));
    // The national averages per town stand beside a single town's three counts.
    const national = await page
      .locator('[data-chart="list-counts"] g.bar[data-series="national"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))));
    expect(national).toEqual([117, 99, 124]);
  });

  it("shows a row's figures in a tooltip once the pointer comes to its bar", async () => {
    const card = page.locator('[data-chart="category-list"]');
    // Mounted on the pointer's first arrival (charts/chart-tooltip.tsx), not with the chart.
    expect(await card.locator(".tooltip").count()).toBe(0);
    await card.locator('g.bar[data-label="社会保障"][data-series="basic"]').hover();
    const tip = card.locator(".tooltip");
    await tip.waitFor();
    expect(await tip.locator(".tooltip-title").textContent()).toBe("社会保障");
    // The seed's hand counts for 社会保障 (the table export above): 9 basic, 8 coordinated, 9 reclaimed.
    expect((await tip.locator(".tooltip-row").allTextContents()).map((t) => t.trim())).toEqual([
      "基本履职事项9项",
      "配合履职事项8项",
      "上级部门收回事项9项",
    ]);
  });

  it("drills down with the keyboard: Enter on a focused bar opens its duties", async () => {
    const bar = page.locator('[data-chart="category-list"] g.bar[data-label="社会保障"][data-series="reclaimed"]');
    await bar.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-label"))).toBe("社会保障");
    await page.keyboard.press("Enter");
    await page.getByTestId("duty-table").waitFor();
    expect(params().get("list")).toBe("reclaimed");
    await expect.poll(() => page.locator('[data-testid="duty-table"] tbody tr').count()).toBe(9);
    await page.goBack();
    await page.locator('[data-chart="category-list"] g.bar').first().waitFor();
  });

  it("exports the whole page as one workbook: a 说明 sheet, a sheet per chart, shares as percentages", async () => {
    const file = await download(() => page.locator('button[data-export="page-xlsx"]').click());
    expect(file.name).toMatch(/^兰州湾镇-总览-\d{4}-\d{2}-\d{2}\.xlsx$/u);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "说明",
      "县级部门履职负担排名（前 10 名）",
      "配合＋收回事项占比与全国平均",
      "三张清单事项数",
      "各类别事项数（按清单）",
      "各类别收回与保留事项",
    ]);
    const share = workbook.getWorksheet("配合＋收回事项占比与全国平均")!;
    expect(share.getRow(1).values).toEqual([
      undefined,
      "范围",
      "事项总数",
      "配合事项",
      "收回事项",
      "配合占比",
      "收回占比",
      "配合＋收回占比",
      "全国平均",
    ]);
    expect(share.getCell("G2").value).toBeCloseTo(0.557, 3);
    expect(share.getCell("G2").numFmt).toBe("0.0%");
    expect(share.getCell("H2").value).toBeCloseTo(0.656, 3);
    const about = workbook.getWorksheet("说明")!;
    expect(about.getCell("A3").value).toBe("导出日期");
  });

  it("keeps the selected chart in the URL", async () => {
    await page.goto(`${url}/?revision=${revisionId}&chart=share`);
    await expect.poll(() => page.locator('[data-chart="share"].selected').count()).toBe(1);
    expect(await page.locator(".chart-card.selected").count()).toBe(1);
  });
});

describe("drill-down and the duties page", () => {
  it("lands on the duties behind a clicked bar", async () => {
    await page.goto(`${url}/?revision=${revisionId}`);
    await page.locator('[data-chart="category-list"] g.bar[data-label="社会保障"][data-series="basic"] path').click();
    await page.getByTestId("duty-table").waitFor();
    expect(params().get("page")).toBe("duties");
    expect(params().get("list")).toBe("basic");
    expect(params().get("revision")).toBe(String(revisionId));
    const categories = await page.locator('[data-testid="duty-table"] tbody tr td:nth-child(3)').allTextContents();
    expect(categories).toHaveLength(9);
    expect(new Set(categories)).toEqual(new Set(["社会保障"]));
    expect(await page.locator("select[name=category] option:checked").textContent()).toBe("社会保障");
  });

  it("filters, opens a duty with both sides' numbered steps, and reopens it from the URL", async () => {
    await page.locator("select[name=list]").selectOption("coordinated");
    await expect.poll(() => page.locator('[data-testid="duty-table"] tbody tr').count()).toBe(8);
    await page.locator('[data-testid="duty-table"] tbody tr').first().click();
    const detail = page.getByTestId("duty-detail");
    await detail.waitFor();
    expect(await detail.locator("h3").allTextContents()).toEqual(["上级部门职责", "乡镇配合职责"]);
    expect(await detail.locator("ol.steps li").count()).toBeGreaterThan(1);
    const name = await detail.locator("h2").textContent();
    expect(params().get("duty")).toMatch(/^\d+$/u);

    await page.reload();
    await page.getByTestId("duty-detail").waitFor();
    expect(await page.getByTestId("duty-detail").locator("h2").textContent()).toBe(name);
    expect(await page.locator('[data-testid="duty-table"] tbody tr').count()).toBe(8);
    await page.screenshot({ path: join(SHOTS, "duties.png"), fullPage: true });
  });

  it("exports the filtered duty table as CSV and XLSX", async () => {
    const csvFile = await download(() => page.locator('form.filters button[data-export="csv"]').click());
    expect(csvFile.name).toMatch(/^兰州湾镇-履职事项-配合履职事项-社会保障-\d{4}-\d{2}-\d{2}\.csv$/u);
    const csv = csvFile.bytes;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^范围：兰州湾镇 /u);
    expect(lines[1]).toBe("乡镇,清单,序号,事项类别,事项名称,牵头部门,承接部门,上级部门职责（收回事项为工作方式）,乡镇配合职责");

    const xlsx = (await download(() => page.locator('form.filters button[data-export="xlsx"]').click())).bytes;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[1]!;
    expect(sheet.rowCount).toBe(1 + 8);
    expect(typeof sheet.getCell("C2").value).toBe("number");
    expect(sheet.getCell("D2").value).toBe("社会保障");
    // Each duty carries both sides' steps as the detail panel numbers them (duties.byId, counted independently).
    const rows: string[][] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    const first = await query<RouterOutputs["duties"]["search"]>(url, "duties.search", {
      revisionId,
      list: "coordinated",
      categoryId: Number(params().get("category")),
      limit: 1,
    });
    const detail = await query<RouterOutputs["duties"]["byId"]>(url, "duties.byId", { id: first.items[0]!.id });
    const exported = rows.find((r) => r[4] === detail.name)!;
    for (const s of detail.departmentSteps) expect(exported[7]).toContain(s.text);
    for (const s of detail.townSteps) expect(exported[8]).toContain(s.text);
    expect(exported[8]!.split("\n").filter((l) => /^\d+\. /u.test(l))).toHaveLength(detail.townSteps.length);
  });
});

describe("departments", () => {
  it("pages the table, the load chart and the heatmap 20 departments at a time, every cell once", async () => {
    await page.goto(`${url}/?page=departments&revision=${revisionId}`);
    await page.locator("svg.heatmap-svg rect.cell").first().waitFor();
    // The seed's 38 departments: a first page of 20 and a second of 18, in the table and in the heatmap.
    expect(await page.locator('[data-testid="department-table"] tbody tr').count()).toBe(20);
    expect(await page.locator('[data-chart="department-load"] g.bar[data-series="coordinated"]').count()).toBe(20);
    expect(await page.getByTestId("pager-departments").locator(".status").textContent()).toBe("第 1–20 个，共 38 个");
    const heatPage = async () => {
      const cells = page.locator("svg.heatmap-svg rect.cell");
      const rows = new Set(await cells.evaluateAll((els) => els.map((e) => e.getAttribute("data-department")))).size;
      const columns = new Set(await cells.evaluateAll((els) => els.map((e) => e.getAttribute("data-category")))).size;
      expect(await cells.count()).toBe(rows * columns);
      return { rows, drawn: await cells.evaluateAll((els) => els.reduce((s, e) => s + Number(e.getAttribute("data-value")), 0)) };
    };
    const first = await heatPage();
    await page.screenshot({ path: join(SHOTS, "departments.png"), fullPage: true });
    await page.getByTestId("pager-heatmap").getByRole("button", { name: "下一页" }).click();
    await expect.poll(() => page.getByTestId("pager-heatmap").locator(".status").textContent()).toBe("第 21–38 个，共 38 个");
    const second = await heatPage();
    expect(first.rows + second.rows).toBe(38);
    // Every coordinated lead link and reclaimed receiver link of the seed, counted by hand: 150 + 37.
    expect(first.drawn + second.drawn).toBe(150 + 37);
  });

  it("finds a department by name and sorts the table on the server", async () => {
    await page.goto(`${url}/?page=departments&revision=${revisionId}`);
    await page.getByTestId("department-search").fill("农业农村");
    // The search asks once typing pauses, then waits for the server: a hang bound under load, not a speed bound.
    await expect
      .poll(() => page.locator('[data-testid="department-table"] tbody tr td:first-child').allTextContents(), { timeout: 10_000 })
      .toEqual(["玛纳斯县农业农村局"]);
    await page.getByTestId("department-search").fill("");
    await page.getByTestId("department-sort").selectOption("received");
    await expect.poll(() => page.locator("th[aria-sort]").textContent()).toContain("承接收回事项");
    // The cleared search applies after its pause: wait for the whole first page again.
    await expect.poll(() => page.locator('[data-testid="department-table"] tbody tr').count(), { timeout: 10_000 }).toBe(20);
    const received = (await page.locator('[data-testid="department-table"] tbody tr td:nth-child(4)').allTextContents()).map(Number);
    // The 20 largest of all 38 departments' figures, sorted here rather than by the server.
    const all = await query<RouterOutputs["stats"]["departmentLoad"]>(url, "stats.departmentLoad", { revisionId, limit: 200 });
    expect(all.items.reduce((s, d) => s + d.reclaimedReceived, 0)).toBe(37);
    expect(received).toEqual(
      all.items
        .map((d) => d.reclaimedReceived)
        .sort((a, b) => b - a)
        .slice(0, 20),
    );
  });

  it("opens a department's own page with every duty it leads or received and its categories", async () => {
    await page.locator('[data-chart="department-load"] g.bar[data-label="玛纳斯县农业农村局"][data-series="coordinated"] path').click();
    const mirror = page.getByTestId("mirror-view");
    await mirror.waitFor();
    expect(params().get("page")).toBe("department");
    expect(params().get("dept")).toMatch(/^\d+$/u);
    expect(await page.getByTestId("department-name").textContent()).toContain("玛纳斯县农业农村局");
    expect(await mirror.locator(".mirror-item").count()).toBe(13 + 6);
    // Counted with awk on the seed: its 13 coordinated rows are 乡村振兴 9 and four other categories 1 each; its 6 reclaimed rows are 乡村振兴.
    const rural = await barsFor("department-categories", "乡村振兴");
    expect([rural.coordinated?.value, rural.reclaimed?.value]).toEqual([9, 6]);
    expect(await page.locator('[data-chart="department-categories"] g.bar[data-series="coordinated"]').count()).toBe(5);
    // Every coordinated item shows both sides once its detail has loaded.
    await expect.poll(() => mirror.locator(".mirror-item .two-sides").count(), { timeout: 15_000 }).toBe(13);
    await page.screenshot({ path: join(SHOTS, "department-mirror.png"), fullPage: true });
  });

  it("finds a department by name in the list and opens its page", async () => {
    await page.goto(`${url}/?page=departments&revision=${revisionId}`);
    const list = page.getByTestId("department-list");
    await list.locator("tbody tr").first().waitFor();
    // The seed names 38 departments (DOMAIN.md §10): counted, and the heaviest 20 listed first.
    expect(await list.getByTestId("department-count").textContent()).toBe("共 38 个部门");
    expect(await list.locator("tbody tr").count()).toBe(20);
    expect(await list.locator("tbody tr").first().locator("td").first().textContent()).toBe("玛纳斯县农业农村局");
    // Found by the server among all 38, not only the page shown (医疗保障局 receives 2, ranked below the first 20); words typed apart all count.
    expect(await list.locator("tbody tr td:first-child").allTextContents()).not.toContain("玛纳斯县医疗保障局");
    await list.locator("input[name=department-search]").fill("玛纳斯县 医疗保障");
    await expect.poll(() => list.locator("tbody tr td:first-child").allTextContents(), { timeout: 10_000 }).toEqual(["玛纳斯县医疗保障局"]);
    expect(await list.getByTestId("department-count").textContent()).toBe("找到 1 个部门");
    await list.locator("tbody tr a").click();
    await page.getByTestId("mirror-view").waitFor();
    expect(params().get("page")).toBe("department");
    expect(await page.getByTestId("department-name").textContent()).toContain("玛纳斯县医疗保障局");
  });

  it("drills from a heatmap cell to exactly its duties", async () => {
    await page.goto(`${url}/?page=departments&revision=${revisionId}`);
    const cell = page.locator('svg.heatmap-svg rect.cell[data-department="玛纳斯县农业农村局"][data-category="乡村振兴"]');
    const value = Number(await cell.getAttribute("data-value"));
    expect(value).toBeGreaterThan(0);
    await cell.hover();
    expect(await page.getByRole("tooltip").textContent()).toContain(`乡村振兴：${value} 项`);
    await cell.click();
    await page.getByTestId("duty-table").waitFor();
    expect(params().get("department")).toMatch(/^\d+$/u);
    await expect.poll(() => page.locator('[data-testid="duty-table"] tbody tr').count()).toBe(value);
    expect(await page.locator("select[name=department] option:checked").textContent()).toBe("玛纳斯县农业农村局");
  });
});

describe("scope picker", () => {
  it("switches to a region and keeps it in the URL", async () => {
    await page.goto(`${url}/`);
    await page.locator('[data-chart="list-counts"] g.bar').first().waitFor();
    // Pinyin initials find it as well as its name: 玛纳斯县 → mnsx.
    await page.getByTestId("scope-search").fill("mnsx");
    await page.getByTestId("scope-picker").getByRole("option").filter({ hasText: "玛纳斯县" }).first().click();
    await expect.poll(() => params().get("region")).toMatch(/^\d+$/u);
    await expect.poll(() => page.locator(".chart-meta").first().textContent()).toContain("玛纳斯县");
    await page.reload();
    await expect.poll(() => page.locator(".chart-meta").first().textContent()).toContain("玛纳斯县");
  });

  it("is a combobox the keyboard drives: ↓ makes an option active, Enter chooses it, focus never leaves the input", async () => {
    await page.goto(`${url}/`);
    await page.locator('[data-chart="list-counts"] g.bar').first().waitFor();
    const input = page.getByTestId("scope-search");
    await input.fill("mnsx");
    const option = page.getByTestId("scope-picker").getByRole("option").filter({ hasText: "玛纳斯县" }).first();
    await option.waitFor();
    const id = await option.getAttribute("id");
    const region = await option.getAttribute("data-region");
    // The first ↓ reaches the first option; walk until the county is the active one.
    for (let i = 0; i < 20 && (await input.getAttribute("aria-activedescendant")) !== id; i++) await input.press("ArrowDown");
    expect(await input.getAttribute("aria-activedescendant")).toBe(id);
    expect(await option.getAttribute("aria-selected")).toBe("true");
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.press("Enter");
    await expect.poll(() => params().get("region")).toBe(region);
    expect(await page.getByTestId("scope-picker").getByRole("listbox").count()).toBe(0);
  });
});

describe("bundle", () => {
  it(`keeps the overview's JavaScript under ${OVERVIEW_BUDGET_GZIP / 1024} kB gzip`, () => {
    const size = overviewBundleSize(join(WEB_ROOT, "dist"));
    console.log(`overview JS: ${(size.bytes / 1024).toFixed(1)} kB, ${(size.gzip / 1024).toFixed(1)} kB gzip`);
    expect(size.gzip).toBeLessThan(OVERVIEW_BUDGET_GZIP);
    expect(size.files.some((f) => f.file.includes("exceljs"))).toBe(false);
    // The Word report (docx) loads on the first click, never with the overview.
    expect(size.files.some((f) => /overview-export|docx/u.test(f.file))).toBe(false);
  });
});
