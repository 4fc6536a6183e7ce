import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RouterOutputs } from "@duty/api";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api.ts";
import { launchBrowser } from "./browser.ts";
import { WEB_ROOT } from "./server.ts";

/*
 * Printing: Chromium's own page.pdf() of the print view that 导出 PDF opens, read back with pdf.js
 * (text and where it sits, page by page), and the page's element boxes under print media.
 */

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";
const SHOTS = join(WEB_ROOT, "test-results");
const url = inject("atlasUrl");
let browser: Browser;
let context: BrowserContext;
let seedId: number;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const revisions = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
  seedId = revisions.items.find((r) => r.sourceFile === SEED_FILE)!.id;
  browser = await launchBrowser();
  // bypassCSP: Playwright's waitForFunction evaluates its predicate as a string, which the server's
  // Content-Security-Policy rightly forbids pages to do (server.test.ts checks the policy itself).
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", bypassCSP: true });
  // The print dialog cannot open headless: count the calls instead, to see the print view ask for it once drawn.
  await context.addInitScript("window.print = () => { window.__printed = (window.__printed || 0) + 1; };");
});

afterAll(async () => {
  await browser?.close();
});

interface PdfPage {
  /** Each text run with its vertical position from the top of the page, in points. */
  runs: { text: string; top: number }[];
  text: string;
}

async function readPdf(bytes: Buffer): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const height = p.getViewport({ scale: 1 }).height;
    const content = await p.getTextContent();
    const runs = content.items.flatMap((item) =>
      "str" in item && item.str.trim() ? [{ text: item.str, top: height - item.transform[5]! }] : [],
    );
    // pdf.js splits a line into runs and may drop or add the spaces between them: compare text without spaces.
    pages.push({
      runs,
      text: runs
        .map((r) => r.text)
        .join("")
        .replace(/\s+/gu, ""),
    });
  }
  return pages;
}

const squeeze = (text: string) => text.replace(/\s+/gu, "");

/** The page (1-based) a text first appears on, or 0. */
const pageOf = (pages: PdfPage[], text: string) => pages.findIndex((p) => p.text.includes(squeeze(text))) + 1;

describe("导出 PDF of the overview", () => {
  let print: Page;
  let pdf: PdfPage[];
  let cards: { id: string; title: string; note: string }[];

  it("opens the print view from the button, which asks for the print dialog once its charts are drawn", async () => {
    const page = await context.newPage();
    await page.goto(`${url}/?revision=${seedId}`);
    await page.locator('[data-chart="category-list"] g.bar').first().waitFor();
    [print] = await Promise.all([context.waitForEvent("page"), page.locator('button[data-export="pdf"]').click()]);
    await print.waitForLoadState();
    expect(new URL(print.url()).searchParams.get("print")).toBe("1");
    expect(new URL(print.url()).searchParams.get("revision")).toBe(String(seedId));
    await print.waitForFunction("window.__printed === 1", null, { timeout: 30_000 });
    expect(await print.locator('[data-chart="category-list"] g.bar').count()).toBeGreaterThan(0);
    cards = await print.locator("[data-chart]").evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute("data-chart")!,
        title: el.querySelector("h2")!.childNodes[0]!.textContent!.trim(),
        note: el.querySelector(".chart-note")!.textContent!.trim(),
      })),
    );
    expect(cards.map((c) => c.id)).toEqual(["top-departments", "share", "list-counts", "category-list", "reclaimed-retained"]);
    await page.close();
  });

  it("prints A4 pages with the scope and date in the header and page numbers in the footer", async () => {
    const bytes = await print.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(SHOTS, "overview-print.pdf"), bytes);
    pdf = await readPdf(bytes);
    expect(pdf.length).toBeGreaterThan(1);
    pdf.forEach((page, i) => {
      expect(page.text, `page ${i + 1}`).toContain(`第${i + 1}页，共${pdf.length}页`);
      expect(page.text, `page ${i + 1}`).toMatch(/履职图谱·总览·兰州湾镇\d{4}年版·打印于\d{4}-\d{2}-\d{2}/u);
    });
    // A4 portrait: 595 × 842 points.
    const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
    const viewport = (await doc.getPage(1)).getViewport({ scale: 1 });
    expect([Math.round(viewport.width), Math.round(viewport.height)]).toEqual([595, 842]);
  });

  it("prints no navigation, picker or button", () => {
    const all = pdf.map((p) => p.text).join("\n");
    for (const control of ["修订对比", "PNG2×", "SVG", "选中并分享", "导出报告", "导出整页", "打印预览", "ⓘ"])
      expect(all).not.toContain(control);
  });

  it("keeps every chart card whole on one page: its title and its last line (the note) on the same page", () => {
    for (const card of cards) {
      const top = pageOf(pdf, card.title);
      // The note is the card's last line; its first characters are enough to find it, as a long line wraps.
      const bottom = pageOf(pdf, card.note.slice(0, 16));
      expect(top, card.title).toBeGreaterThan(0);
      expect(bottom, card.title).toBe(top);
    }
  });

  it("lays out print media with the chrome hidden and every card shorter than a page", async () => {
    await print.emulateMedia({ media: "print" });
    const boxes = await print.evaluate(() => {
      const hidden = (selector: string) =>
        Array.from(document.querySelectorAll(selector)).every((el) => el.getBoundingClientRect().height === 0);
      return {
        chromeHidden: hidden(".app-header, .app-nav, .scope-picker, .page-actions, .chart-actions, .print-bar, button"),
        cardHeights: Array.from(document.querySelectorAll("[data-chart]")).map((el) => el.getBoundingClientRect().height),
        breakInside: Array.from(document.querySelectorAll("[data-chart]")).map((el) => getComputedStyle(el).breakInside),
      };
    });
    expect(boxes.chromeHidden).toBe(true);
    expect(boxes.breakInside.every((b) => b === "avoid")).toBe(true);
    // A4 at 96 px per inch is 1123 px tall; less the 16 mm margins, 1002 px of content.
    for (const height of boxes.cardHeights) expect(height).toBeLessThan(1002);
    await print.screenshot({ path: join(SHOTS, "overview-print-media.png"), fullPage: true });
    await print.emulateMedia({ media: "screen" });
  });
});

describe("printing any page with the browser's own 打印", () => {
  it("drops the navigation and buttons and numbers the pages of the duties table, repeating its header row", async () => {
    const page = await context.newPage();
    await page.goto(`${url}/?page=duties&revision=${seedId}&list=basic`);
    await page.getByTestId("duty-table").waitFor();
    await expect.poll(() => page.locator('[data-testid="duty-table"] tbody tr').count()).toBe(50);
    const pages = await readPdf(await page.pdf({ preferCSSPageSize: true }));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      expect(p.text).toContain(`第${i + 1}页，共${pages.length}页`);
      // The header row is repeated on every page the table runs onto.
      if (i > 0) expect(p.text).toContain("事项类别事项名称");
    });
    const all = pages.map((p) => p.text).join("\n");
    for (const control of ["修订对比", "导出CSV", "清除筛选", "加载更多"]) expect(all).not.toContain(control);
    await page.close();
  });
});
