/*
 * One page's load as a timeline: when each script and API answer started and ended, each long task,
 * and the first chart, after one untimed visit warms the server's answer cache.
 *
 *   [DATABASE_URL=postgres://…/many-towns] pnpm --filter @duty/web --silent timeline [--search "?page=departments"] [--runs N]
 *
 * The figures behind src/prefetch.ts (answers asked for beside the page's code) and
 * components/draw-turn.tsx (one drawing per task). Each line: start time, what, and for a fetch its
 * end and transferred/decoded size.
 */
import { parseArgs } from "node:util";
import { launchBrowser } from "../src/e2e/browser.ts";
import { buildIfStale, startAtlas } from "../src/e2e/server.ts";

const { values } = parseArgs({ options: { search: { type: "string", default: "" }, runs: { type: "string", default: "1" } } });
const CHART = "[data-chart] g.bar, [data-chart] rect.cell, [data-testid] tbody tr";
const INIT = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  new MutationObserver((_, observer) => {
    if (window.__first === undefined && document.querySelector(${JSON.stringify(CHART)})) {
      window.__first = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

buildIfStale();
const atlas = await startAtlas(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {});
const browser = await launchBrowser();
try {
  for (let run = 0; run <= Number(values.runs); run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    await context.addInitScript(INIT);
    const page = await context.newPage();
    await page.goto(`${atlas.url}/${values.search}`, { waitUntil: "networkidle", timeout: 120_000 });
    await page.waitForTimeout(1500);
    const seen = (await page.evaluate(`({
      first: window.__first ?? null,
      longTasks: window.__longTasks,
      resources: performance.getEntriesByType("resource").map((r) => [r.startTime, r.responseEnd, r.name, r.transferSize, r.decodedBodySize]),
      nav: performance.getEntriesByType("navigation").map((r) => [r.responseEnd, r.domContentLoadedEventEnd])[0],
    })`)) as {
      first: number | null;
      longTasks: [number, number][];
      resources: [number, number, string, number, number][];
      nav: [number, number];
    };
    await context.close();
    if (run === 0) continue;
    const events: [number, string][] = [
      [seen.nav[0], "document received"],
      [seen.nav[1], "DOMContentLoaded"],
      ...(seen.first === null ? [] : ([[seen.first, "FIRST CHART/ROW"]] as [number, string][])),
      ...seen.longTasks.map(([s, d]): [number, string] => [s, `long task ${d.toFixed(0)} ms (ends ${(s + d).toFixed(0)})`]),
      ...seen.resources.map(([s, e, name, t, d]): [number, string] => {
        const u = new URL(name);
        const what = decodeURIComponent(u.pathname + u.search).slice(0, 70);
        return [s, `fetch ${what} → ${e.toFixed(0)} (${(t / 1024).toFixed(0)}/${(d / 1024).toFixed(0)} kB)`];
      }),
    ];
    events.sort((a, b) => a[0] - b[0]);
    console.log(`\nrun ${run}`);
    for (const [t, what] of events) console.log(`${t.toFixed(0).padStart(6)}  ${what}`);
  }
} finally {
  await browser.close();
  await atlas.stop();
}
