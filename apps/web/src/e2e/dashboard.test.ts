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
  for (const bar of await bars.all()) {
    const box = (await bar.boundingBox())!;
    out[(await bar.getAttribute("data-series"))!] = { value: Number(await bar.getAttribute("data-value")), width: box.width, height: box.height };
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
    expect([await tile("basic"), await tile("coordinated"), await tile("reclaimed"), await tile("total")]).toEqual(["109", "100", "37", "246"]);
    expect(await page.getByTestId("share-tile").locator(".tile-value").textContent()).toBe("55.7%");

    const counts = await page.locator('[data-chart="list-counts"] g.bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))));
    expect(counts).toEqual([109, 100, 37]);

    const share = await page.locator('[data-chart="share"] g.bar').evaluateAll((els) =>
      els.map((e) => [e.getAttribute("data-series"), Number(e.getAttribute("data-value"))]),
    );
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

    const top = await page.locator('[data-chart="top-departments"] g.bar[data-series="coordinated"]').evaluateAll((els) =>
      els.map((e) => [e.getAttribute("data-label"), Number(e.getAttribute("data-value"))]),
    );
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual(["玛纳斯县农业农村局", 13]);
    await page.screenshot({ path: join(SHOTS, "overview.png"), fullPage: true });
  });

  it("exports a chart as PNG at 2× and 3×, SVG, CSV and XLSX with the numbers drawn", async () => {
    const card = page.locator('[data-chart="category-list"]');
    const area = (await card.locator(".chart-export-area").boundingBox())!;
    for (const ratio of [2, 3]) {
      const png = await download(() => card.locator(`button[data-export="png${ratio}"]`).click());
      expect(png.name).toMatch(new RegExp(`^各类别事项数.*@${ratio}x\\.png$`, "u"));
      const size = pngSize(png.bytes);
      expect(Math.abs(size.width - area.width * ratio)).toBeLessThanOrEqual(ratio);
      expect(Math.abs(size.height - area.height * ratio)).toBeLessThanOrEqual(ratio);
    }

    const svg = (await download(() => card.locator('button[data-export="svg"]').click())).bytes.toString("utf8");
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain("党的建设");
    expect(svg).toContain("各类别事项数（按清单）");
    expect(svg).toContain(SEED_FILE);
    expect(svg).toContain("基本履职事项");
    expect(svg).not.toMatch(/<script|<foreignObject|\son[a-z]+=|var\(--/iu);
    // A standalone file: it must parse as XML on its own.
    const parsed = await page.evaluate((text) => new DOMParser().parseFromString(text, "image/svg+xml").querySelector("parsererror") === null, svg);
    expect(parsed).toBe(true);

    const csv = (await download(() => card.locator('button[data-export="csv"]').click())).bytes;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("事项类别,基本履职事项,配合履职事项,上级部门收回事项,合计");
    expect(lines).toContain("社会保障,9,8,9,26");
    expect(lines.filter(Boolean)).toHaveLength(21);

    const xlsx = (await download(() => card.locator('button[data-export="xlsx"]').click())).bytes;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, "事项类别", "基本履职事项", "配合履职事项", "上级部门收回事项", "合计"]);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(["社会保障", 9, 8, 9, 26]);
    expect(rows).toHaveLength(20);
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
    const csv = (await download(() => page.locator('form.filters button[data-export="csv"]').click())).bytes;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("乡镇,清单,序号,事项类别,事项名称,牵头部门,承接部门");
    expect(lines).toHaveLength(9);
    expect(lines.slice(1).every((l) => l.startsWith("兰州湾镇,配合履职事项,") && l.includes(",社会保障,"))).toBe(true);

    const xlsx = (await download(() => page.locator('form.filters button[data-export="xlsx"]').click())).bytes;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(9);
    expect(typeof sheet.getCell("C2").value).toBe("number");
    expect(sheet.getCell("D2").value).toBe("社会保障");
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
    await expect.poll(() => page.locator('[data-testid="department-table"] tbody tr td:first-child').allTextContents()).toEqual(["玛纳斯县农业农村局"]);
    await page.getByTestId("department-search").fill("");
    await page.getByTestId("department-sort").selectOption("received");
    await expect.poll(() => page.locator("th[aria-sort]").textContent()).toContain("承接收回事项");
    // The cleared search applies after its pause: wait for the whole first page again.
    await expect.poll(() => page.locator('[data-testid="department-table"] tbody tr').count(), { timeout: 10_000 }).toBe(20);
    const received = (await page.locator('[data-testid="department-table"] tbody tr td:nth-child(4)').allTextContents()).map(Number);
    // The 20 largest of all 38 departments' figures, sorted here rather than by the server.
    const all = await query<RouterOutputs["stats"]["departmentLoad"]>(url, "stats.departmentLoad", { revisionId, limit: 200 });
    expect(all.items.reduce((s, d) => s + d.reclaimedReceived, 0)).toBe(37);
    expect(received).toEqual(all.items.map((d) => d.reclaimedReceived).sort((a, b) => b - a).slice(0, 20));
  });

  it("opens a department's mirror view with every duty it leads or received", async () => {
    await page.locator('[data-chart="department-load"] g.bar[data-label="玛纳斯县农业农村局"][data-series="coordinated"] path').click();
    const mirror = page.getByTestId("mirror-view");
    await mirror.waitFor();
    expect(params().get("dept")).toMatch(/^\d+$/u);
    expect(await mirror.locator("h2").textContent()).toContain("玛纳斯县农业农村局");
    expect(await mirror.locator(".mirror-item").count()).toBe(13 + 6);
    // Every coordinated item shows both sides once its detail has loaded.
    await expect.poll(() => mirror.locator(".mirror-item .two-sides").count(), { timeout: 15_000 }).toBe(13);
    await page.screenshot({ path: join(SHOTS, "department-mirror.png"), fullPage: true });
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
    await page.getByTestId("scope-picker").getByRole("option").filter({ hasText: "玛纳斯县" }).getByRole("button").first().click();
    await expect.poll(() => params().get("region")).toMatch(/^\d+$/u);
    await expect.poll(() => page.locator(".chart-meta").first().textContent()).toContain("玛纳斯县");
    await page.reload();
    await expect.poll(() => page.locator(".chart-meta").first().textContent()).toContain("玛纳斯县");
  });
});

describe("bundle", () => {
  it(`keeps the overview's JavaScript under ${OVERVIEW_BUDGET_GZIP / 1024} kB gzip`, () => {
    const size = overviewBundleSize(join(WEB_ROOT, "dist"));
    console.log(`overview JS: ${(size.bytes / 1024).toFixed(1)} kB, ${(size.gzip / 1024).toFixed(1)} kB gzip`);
    expect(size.gzip).toBeLessThan(OVERVIEW_BUDGET_GZIP);
    expect(size.files.some((f) => f.file.includes("exceljs"))).toBe(false);
  });
});
