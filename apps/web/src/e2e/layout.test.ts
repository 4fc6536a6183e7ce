import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { RouterOutputs } from "@duty/api";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api.ts";
import { launchBrowser } from "./browser.ts";
import { WEB_ROOT } from "./server.ts";

/*
 * Every page at a desktop (1440×900), a 1366×768 laptop and a phone (390×844): a full-page
 * screenshot of each is kept in test-results/layout/, and none may scroll sideways. Wide content
 * (the heatmap, long tables) scrolls inside its own card.
 */

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";
const LAYOUT = join(WEB_ROOT, "test-results", "layout");
const url = inject("atlasUrl");
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

let browser: Browser;
let pages: { name: string; path: string; ready: string }[];

beforeAll(async () => {
  mkdirSync(LAYOUT, { recursive: true });
  const revisions = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
  const seed = revisions.items.find((r) => r.sourceFile === SEED_FILE)!.id;
  const load = await query<RouterOutputs["stats"]["departmentLoad"]>(url, "stats.departmentLoad", {
    revisionId: seed,
    q: "玛纳斯县农业农村局",
  });
  const agriculture = load.items.find((d) => d.name === "玛纳斯县农业农村局")!.departmentId;
  const top = await query<RouterOutputs["regions"]["children"]>(url, "regions.children", {});
  pages = [
    { name: "overview", path: `/?revision=${seed}`, ready: '[data-chart="category-list"] g.bar' },
    { name: "overview-all", path: "/", ready: '[data-chart="category-list"] g.bar' },
    { name: "departments", path: `/?page=departments&revision=${seed}`, ready: "svg.heatmap-svg rect.cell" },
    { name: "department", path: `/?page=department&dept=${agriculture}&revision=${seed}`, ready: ".mirror-item .two-sides" },
    { name: "duties", path: `/?page=duties&revision=${seed}`, ready: '[data-testid="duty-table"] tbody tr' },
    { name: "compare", path: `/?page=compare&from=${seed}&to=${seed}`, ready: '[data-chart="category-delta"] g.bar' },
    { name: "compare-towns", path: `/?page=compare&view=towns&within=${top[0]!.id}`, ready: '[data-testid="town-compare-search"]' },
  ];
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  return page;
}

describe.each(VIEWPORTS)("every page at $width×$height", (viewport) => {
  it("fits the width (no sideways scrolling) and is kept as a screenshot", async () => {
    const page = await open(viewport);
    for (const p of pages) {
      await page.goto(`${url}${p.path}`);
      await page.locator(p.ready).first().waitFor();
      // Charts finish drawing a frame after their first shapes.
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect(overflow.scroll, `${p.name} at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(overflow.width);
      // The scope picker stays inside the screen.
      const picker = (await page.getByTestId("scope-picker").boundingBox())!;
      expect(picker.x + picker.width, `${p.name}: scope picker`).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(LAYOUT, `${p.name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
    }
    await page.context().close();
  });
});

describe("wide content on a phone", () => {
  it("scrolls the heatmap inside its card, not the page", async () => {
    const page = await open({ width: 390, height: 844 });
    await page.goto(`${url}${pages.find((p) => p.name === "departments")!.path}`);
    await page.locator("svg.heatmap-svg rect.cell").first().waitFor();
    const scroll = await page.locator(".heatmap-scroll").evaluate((el) => ({ content: el.scrollWidth, box: el.clientWidth }));
    expect(scroll.content).toBeGreaterThan(scroll.box);
    expect(scroll.box).toBeLessThanOrEqual(390);
    await page.context().close();
  });
});
