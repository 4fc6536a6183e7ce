import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RouterOutputs } from "@duty/api";
import { withBasicNotes } from "@duty/db/test";
import { mutate } from "./api.ts";
import { downloadBytes, launchBrowser, newPage } from "./browser.ts";
import { WEB_ROOT } from "./server.ts";

const url = inject("atlasUrl");
const PAYLOAD = '<img src=x onerror="window.__x=1">';
const CATEGORY_PAYLOAD = '<img src=x onerror="window.__x=2">';
const STEP_PAYLOAD = "<script>window.__x=3</script>";
const NOTE_PAYLOAD = '<svg onload="window.__x=4">';

declare global {
  interface Window {
    __x?: number;
  }
}

/**
 * The seed, moved to a town of its own (so the other tests' numbers stay the seed's), with
 * markup that would run if any page or export rendered document text as HTML.
 */
function hostileDocument(): string {
  const seed = readFileSync(join(WEB_ROOT, "../../data/lists/xinjiang-changji-manas-lanzhouwan.txt"), "utf8").replaceAll(
    "兰州湾镇",
    "注入测试镇",
  );
  // A 备注 column on the basic list, the first row's note hostile: notes are stored and shown too.
  const lines = withBasicNotes(seed, (seq) => (seq === 1 ? NOTE_PAYLOAD : "")).split("\n");
  const first = lines.findIndex((l) => /^1\t党的建设\t/u.test(l));
  const cells = lines[first]!.split("\t");
  cells[2] = PAYLOAD;
  lines[first] = cells.join("\t");
  // The last basic category gets a hostile name too: category names are drawn into chart axes and SVG exports.
  const lastBasic = lines.findIndex((l, i) => i > first && /^\d+\t综合政务\t/u.test(l));
  lines[lastBasic] = lines[lastBasic]!.replace("\t综合政务\t", `\t${CATEGORY_PAYLOAD}\t`);
  const coordinated = lines.findIndex((l) => /^\d+\t.*\t玛纳斯县委组织部\t/u.test(l));
  const parts = lines[coordinated]!.split("\t");
  parts[5] = `1. ${STEP_PAYLOAD}协助开展工作`;
  lines[coordinated] = parts.join("\t");
  return lines.join("\n");
}

let browser: Browser;
let page: Page;
let revisionId: number;

beforeAll(async () => {
  const imported = await mutate<RouterOutputs["revisions"]["import"]>(
    url,
    "revisions.import",
    { fileName: "xss-probe.txt", text: hostileDocument(), label: "注入测试" },
    inject("adminToken"),
  );
  revisionId = imported.revisionId;
  browser = await launchBrowser();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe("document text is never HTML", () => {
  it("shows a hostile duty name as text in the table and the detail, and runs nothing", async () => {
    await page.goto(`${url}/?page=duties&revision=${revisionId}&q=${encodeURIComponent("onerror")}`);
    const row = page.locator('[data-testid="duty-table"] tbody tr').first();
    await row.waitFor();
    expect(await row.locator("td:nth-child(4)").textContent()).toBe(PAYLOAD);
    await row.click();
    await page.getByTestId("duty-detail").waitFor();
    expect(await page.getByTestId("duty-detail").locator("h2").textContent()).toBe(PAYLOAD);
    expect(await page.getByTestId("duty-detail").locator("dd.note-text").allTextContents()).toEqual([NOTE_PAYLOAD]);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("main svg[onload]").count()).toBe(0);
    expect(await page.evaluate(() => window.__x)).toBeUndefined();
    await page.screenshot({ path: join(WEB_ROOT, "test-results", "xss-duties.png") });
  });

  it("shows hostile step text as text in a duty's steps", async () => {
    await page.goto(`${url}/?page=duties&revision=${revisionId}&q=${encodeURIComponent("window.__x=3")}`);
    const row = page.locator('[data-testid="duty-table"] tbody tr').first();
    await row.waitFor();
    await row.click();
    const detail = page.getByTestId("duty-detail");
    await detail.waitFor();
    expect(await detail.locator("ol.steps li").allTextContents()).toContainEqual(expect.stringContaining(STEP_PAYLOAD));
    expect(await page.locator("main script").count()).toBe(0);
    expect(await page.evaluate(() => window.__x)).toBeUndefined();
  });

  it("draws a hostile category as text in charts and keeps it inert in the SVG export", async () => {
    await page.goto(`${url}/?revision=${revisionId}`);
    const card = page.locator('[data-chart="category-list"]');
    await card.locator("g.bar").first().waitFor();
    expect(await card.locator("text", { hasText: "onerror" }).count()).toBeGreaterThan(0);
    const [file] = await Promise.all([page.waitForEvent("download"), card.locator('button[data-export="svg"]').click()]);
    const svg = (await downloadBytes(file)).toString("utf8");
    expect(svg).toContain("&lt;img src=x onerror=");
    expect(svg).not.toMatch(/<img/iu);
    const elements = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      return Array.from(doc.querySelectorAll("*")).map((el) => [el.localName, ...el.getAttributeNames()].join(" "));
    }, svg);
    expect(elements.filter((e) => /^img\b|\son[a-z]+/u.test(e))).toEqual([]);
    // Open the exported file itself in the browser: nothing in it may run.
    await page.setContent(`<!doctype html><body>${svg.replace(/^<\?xml[^>]*>/u, "")}</body>`);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.__x)).toBeUndefined();
    await page.goto(`${url}/?page=departments&revision=${revisionId}`);
    await page.locator("svg.heatmap-svg rect.cell").first().waitFor();
    expect(await page.evaluate(() => window.__x)).toBeUndefined();
  });
});
