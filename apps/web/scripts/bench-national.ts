/*
 * Every page a visitor reaches without signing in, at national scope (no region parameter), in
 * Chromium against the real API server on a PostgreSQL database (DATABASE_URL, e.g. one holding
 * 2,000 generated towns). Prints figures against the national-scale goals; never fails on them.
 *
 *   DATABASE_URL=postgres://…/bench2000 pnpm --filter @duty/web --silent bench:national [--runs N] [--pages overview,compare] [--cpu]
 *
 * --cpu also traces each run to print the main thread's CPU time in its long tasks, and the CPU
 * time the main thread spent from navigation up to the task that drew the first chart: the work
 * the page asked of the machine, which wall time shows only as far as the machine granted it. With
 * --cpu every run is traced, and tracing costs the page some time: compare its wall-clock figures
 * with other --cpu runs, not with runs without it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { query } from "../src/e2e/api.ts";
import { launchBrowser } from "../src/e2e/browser.ts";
import { WEB_ROOT, buildIfStale, startAtlas } from "../src/e2e/server.ts";

const KB = 1024; // as scripts/bundle-size.ts counts its 300 kB budget
const GOALS = { firstChartMs: 1500, longTaskMs: 200, domNodes: 20_000, overviewJs: 300 * KB, response: 200 * KB };
const CHART = "[data-chart] g.bar, [data-chart] rect.cell";
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set: the benchmark measures a PostgreSQL database of many towns");
if (!(RUNS >= 1)) throw new Error("--runs takes a positive number");
// Only the pages whose names start with one of these (an A/B of one change need not wait for all seven).
const pagesArg = process.argv.indexOf("--pages");
const ONLY = pagesArg >= 0 ? (process.argv[pagesArg + 1] ?? "").split(",").filter(Boolean) : [];
const CPU = process.argv.includes("--cpu");

// Strings, because tsx would wrap functions in helpers that do not exist in the page. Both run
// before the page's own scripts, so nothing drawn or blocked early escapes them.
const watchFirst = (selector: string) => `
  new MutationObserver((_, observer) => {
    if (window.__first === undefined && document.querySelector(${JSON.stringify(selector)})) {
      window.__first = performance.now();
      // In a trace, the same moment on the trace's clock (cpuBeforeFirst).
      performance.mark("atlas-first");
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;
const WATCH_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
`;

interface Target {
  name: string;
  search: string;
  selector: string;
}
interface Response {
  url: string;
  type: string;
  status: number;
  encoded: number;
  decoded: number;
}
interface Run {
  first: number | null;
  /** Wall-clock length of every task over 50 ms, as the page's own longtask observer saw them. */
  longTasks: number[];
  /** The same tasks from Chromium's trace: wall time and the page's main thread's CPU time in it. */
  taskCpu: { wall: number; cpu: number }[];
  /** Traced runs: main-thread CPU time of every task from navigation to the one that drew the first chart or row. */
  cpuBeforeFirst: number | null;
  domNodes: number;
  responses: Response[];
  errors: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const short = (url: string) => {
  const { pathname, search } = new URL(url);
  const path = decodeURIComponent(pathname + search);
  return path.length > 90 ? `${path.slice(0, 87)}…` : path;
};

/** Encoded (transfer, headers included) and decoded body bytes per response, from Chromium's own network log. */
async function recordResponses(context: BrowserContext, page: Page): Promise<Map<string, Response>> {
  const cdp = await context.newCDPSession(page);
  const byId = new Map<string, Response>();
  cdp.on("Network.responseReceived", (e) =>
    byId.set(e.requestId, { url: e.response.url, type: e.type, status: e.response.status, encoded: 0, decoded: 0 }),
  );
  cdp.on("Network.dataReceived", (e) => {
    const r = byId.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = byId.get(e.requestId);
    if (r) r.encoded = e.encodedDataLength;
  });
  await cdp.send("Network.enable");
  return byId;
}

/**
 * The pages without a scope of their own (compare) have nothing to draw until something is
 * chosen; they are measured as a visitor would use them: two towns' latest revisions, and the
 * largest region the town comparison accepts, found by following the biggest region downwards.
 */
async function targets(url: string): Promise<Target[]> {
  type Region = { id: number; level: string; towns: number; hasChildren: boolean };
  type Revision = { id: number; townId: number; latest: boolean };
  const rows = (table: string) => `[data-testid=${table}] tbody tr`;
  const top = await query<{ items: { departmentId: number }[] }>(url, "stats.departmentLoad", { limit: 1 });
  const revisions = await query<{ items: Revision[] }>(url, "revisions.list", { limit: 100 });
  const latest = revisions.items.filter((r) => r.latest);
  const pair = latest.find((r) => r.townId !== latest[0]?.townId);
  let regions = await query<Region[]>(url, "regions.children", {});
  let within: Region | undefined;
  for (let depth = 0; depth < 6 && regions.length; depth++) {
    const biggest = [...regions].filter((r) => r.level !== "town").sort((a, b) => b.towns - a.towns);
    within = biggest.find((r) => r.towns >= 2 && r.towns <= 40);
    if (within || !biggest[0]?.hasChildren) break;
    regions = await query<Region[]>(url, "regions.children", { parentId: biggest[0].id });
  }
  const list: Target[] = [
    { name: "overview", search: "", selector: CHART },
    { name: "departments", search: "?page=departments", selector: CHART },
    { name: "duties", search: "?page=duties", selector: rows("duty-table") },
    { name: "revisions", search: "?page=revisions", selector: rows("revisions") },
  ];
  const dept = top.items[0]?.departmentId;
  if (dept !== undefined) list.splice(2, 0, { name: "department (busiest)", search: `?page=department&dept=${dept}`, selector: CHART });
  if (latest[0] && pair)
    list.push({ name: "compare (two towns)", search: `?page=compare&from=${latest[0].id}&to=${pair.id}`, selector: CHART });
  if (within)
    list.push({
      name: `compare (region, ${within.towns} towns)`,
      search: `?page=compare&view=towns&within=${within.id}`,
      selector: rows("town-table"),
    });
  return list;
}

interface Trace {
  traceEvents: { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }[];
}

/**
 * The tasks of renderers' main threads (CrRendererMain), or of the one thread `only` ("pid:tid"):
 * start (µs, trace clock), wall and CPU time (ms).
 */
function mainTasks(trace: Trace, only?: string): { ts: number; wall: number; cpu: number }[] {
  const main = new Set(
    only
      ? [only]
      : trace.traceEvents
          .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
          .map((e) => `${e.pid}:${e.tid}`),
  );
  return trace.traceEvents
    .filter((e) => e.name === "RunTask" && e.ph === "X" && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ ts: e.ts, wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? Number.NaN) / 1000 }));
}

/**
 * Every task over 50 ms on a page's main thread, wall and CPU time. On a shared 2-core machine a
 * task's wall time includes the time other processes (other tenants, the server, the browser's own
 * raster and GPU threads) held the CPU; its CPU time is the work the page did.
 */
function longTaskCpu(trace: Trace): { wall: number; cpu: number }[] {
  return mainTasks(trace)
    .filter((t) => t.wall > 50)
    .map(({ wall, cpu }) => ({ wall, cpu }));
}

/**
 * Main-thread CPU time from the page's time origin up to and including the task that drew the first
 * chart (the one holding the "atlas-first" mark), on the thread that made the mark: the trace holds
 * every renderer of the browser, and another one's work is not the page's. `first` is that moment
 * in the page's own clock (performance.now()), which places the time origin on the trace's clock.
 * Null without the mark.
 */
function cpuBeforeFirst(trace: Trace, first: number | null): number | null {
  const mark = trace.traceEvents.find((e) => e.name === "atlas-first");
  if (!mark || first === null) return null;
  const origin = mark.ts - first * 1000;
  return mainTasks(trace, `${mark.pid}:${mark.tid}`)
    .filter((t) => t.ts >= origin && t.ts <= mark.ts)
    .reduce((sum, t) => sum + (Number.isNaN(t.cpu) ? 0 : t.cpu), 0);
}

async function measure(browser: import("playwright-core").Browser, url: string, target: Target): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  let tracing = false;
  try {
    await context.addInitScript(WATCH_LONG_TASKS);
    await context.addInitScript(watchFirst(target.selector));
    const page = await context.newPage();
    const log = await recordResponses(context, page);
    // Only the categories holding each task (RunTask, with its thread CPU time) and the page's own
    // marks (the first chart's): the least tracing there is.
    if (CPU) await browser.startTracing(page, { categories: ["disabled-by-default-devtools.timeline", "blink.user_timing"] });
    tracing = CPU;
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(`${url}/${target.search}`, { waitUntil: "networkidle", timeout: 120_000 });
    // Polled with evaluate, not waitForFunction: that one evals its predicate in the page, which the
    // server's Content-Security-Policy forbids. The time itself is stamped in the page.
    let drawn = false;
    for (const end = Date.now() + 60_000; !drawn && Date.now() < end; await page.waitForTimeout(100)) {
      drawn = (await page.evaluate("window.__first !== undefined")) as boolean;
    }
    // Settled: no request for 500 ms (networkidle) and a moment more for the last render's tasks.
    await page.waitForLoadState("networkidle", { timeout: 120_000 });
    await page.waitForTimeout(1000);
    const trace: Trace | null = tracing ? JSON.parse((await browser.stopTracing()).toString("utf8")) : null;
    tracing = false;
    const seen = (await page.evaluate(`({
      first: window.__first ?? null,
      longTasks: window.__longTasks,
      domNodes: document.getElementsByTagName("*").length,
    })`)) as Omit<Run, "responses" | "errors" | "taskCpu" | "cpuBeforeFirst">;
    const responses = [...log.values()];
    for (const r of responses) if (r.status >= 400) errors.push(`HTTP ${r.status} ${short(r.url)}`);
    const first = drawn ? seen.first : null;
    return {
      ...seen,
      first,
      taskCpu: trace ? longTaskCpu(trace) : [],
      cpuBeforeFirst: trace ? cpuBeforeFirst(trace, first) : null,
      responses,
      errors,
    };
  } finally {
    // A run that failed half-way must not leave the browser tracing: the next run could not start.
    if (tracing) await browser.stopTracing().catch(() => undefined);
    await context.close();
  }
}

/**
 * The server sends dist's .br/.gz beside an asset as they are, the raw file otherwise; buildIfStale
 * runs only vite build, so without this the figures would be of uncompressed JS no deployment serves.
 */
function precompressIfStale(): void {
  const assets = join(WEB_ROOT, "dist", "assets");
  const stale = readdirSync(assets).some((name) => {
    const file = join(assets, name);
    if (!name.endsWith(".js") || statSync(file).size < 1024) return false;
    return !existsSync(`${file}.br`) || statSync(`${file}.br`).mtimeMs < statSync(file).mtimeMs;
  });
  if (!stale) return;
  const result = spawnSync(join(WEB_ROOT, "node_modules", ".bin", "tsx"), ["scripts/precompress.ts"], {
    cwd: WEB_ROOT,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (result.status !== 0) throw new Error(`precompress failed (exit ${result.status})`);
}

buildIfStale();
precompressIfStale();
const atlas = await startAtlas({ databaseUrl, log: (line) => process.env.BENCH_VERBOSE && console.error(line) });
const browser = await launchBrowser();
try {
  const overview = await query<{ towns: number }>(atlas.url, "stats.overview");
  const pages = (await targets(atlas.url)).filter((t) => ONLY.length === 0 || ONLY.some((name) => t.name.startsWith(name)));
  if (pages.length === 0) throw new Error(`--pages ${ONLY.join(",")}: no such page`);
  console.log(`national scope: ${overview.towns} towns · ${RUNS} cold runs per page (fresh browser context each) · 1 kB = ${KB} bytes`);
  // Warm the server (JIT, connection pool, answer cache) once per page, untimed: the figures are a visitor's, not a restart's.
  for (const target of pages) await measure(browser, atlas.url, target);

  const results: { target: Target; runs: Run[] }[] = [];
  for (const target of pages) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, atlas.url, target));
    results.push({ target, runs });
  }

  const worst = { first: 0, longTask: 0, taskCpu: 0, domNodes: 0, encoded: 0, decoded: 0 };
  let untimed = false;
  const slowPages: string[] = [];
  for (const { target, runs } of results) {
    const firsts = runs.flatMap((r) => (r.first === null ? [] : [r.first]));
    const longest = Math.max(0, ...runs.flatMap((r) => r.longTasks));
    const over = runs.map((r) => r.longTasks.filter((d) => d > GOALS.longTaskMs).length);
    const traced = runs.flatMap((r) => r.taskCpu);
    const mostCpu = Math.max(0, ...traced.map((t) => t.cpu));
    const longestTraced = traced.reduce((a, b) => (b.wall > a.wall ? b : a), { wall: 0, cpu: 0 });
    const nodes = Math.max(...runs.map((r) => r.domNodes));
    // API answers count as the browser must parse them (decoded); code counts as sent, against the JS budget below.
    const all = runs.flatMap((r) => r.responses);
    const answers = all.filter((r) => new URL(r.url).pathname.startsWith("/trpc"));
    const none: Response = { url: "http://-/", type: "", status: 0, encoded: 0, decoded: 0 };
    const byEncoded = all.reduce((a, b) => (b.encoded > a.encoded ? b : a));
    const byDecoded = answers.reduce((a, b) => (b.decoded > a.decoded ? b : a), none);
    const missing = runs.length - firsts.length;
    console.log(`\n${target.name}  ${target.search || "/"}`);
    console.log(
      firsts.length
        ? `  ${`first ${target.selector === CHART ? "chart" : "table row"}`.padEnd(18)}median ${ms(median(firsts))}  max ${ms(Math.max(...firsts))}  (runs: ${firsts.map((f) => f.toFixed(0)).join(", ")})${missing ? `, ${missing} never drawn within 60 s` : ""}`
        : "  first chart/row   never drawn within 60 s",
    );
    console.log(`  long tasks        longest ${ms(longest)}  over ${GOALS.longTaskMs} ms per run: ${over.join(", ")}`);
    if (CPU) {
      console.log(
        `  their CPU time    most in one task ${ms(mostCpu)}  (the longest traced: ${ms(longestTraced.wall)} wall, ${ms(longestTraced.cpu)} CPU)`,
      );
      // Per run: the main thread's CPU before the first chart, against that run's wall time to it.
      const before = runs.flatMap((r) => (r.cpuBeforeFirst === null || r.first === null ? [] : [{ cpu: r.cpuBeforeFirst, wall: r.first }]));
      if (before.length)
        console.log(
          `  CPU before it     median ${ms(median(before.map((b) => b.cpu)))} of main-thread CPU up to the task that drew it` +
            ` (runs: ${before.map((b) => `${b.cpu.toFixed(0)} of ${b.wall.toFixed(0)} ms`).join(", ")})`,
        );
    }
    console.log(`  DOM nodes         ${nodes} (largest run)`);
    console.log(`  largest response  as sent ${kb(byEncoded.encoded)}  ${short(byEncoded.url)}`);
    console.log(`  largest answer    decoded ${kb(byDecoded.decoded)}  ${short(byDecoded.url)}`);
    const errors = [...new Set(runs.flatMap((r) => r.errors))];
    if (errors.length)
      console.log(`  errors            ${errors.slice(0, 3).join(" | ")}${errors.length > 3 ? ` (+${errors.length - 3})` : ""}`);
    if (missing) untimed = true;
    if (firsts.length && median(firsts) > GOALS.firstChartMs) slowPages.push(target.name);
    worst.first = Math.max(worst.first, ...firsts);
    worst.longTask = Math.max(worst.longTask, longest);
    worst.taskCpu = Math.max(worst.taskCpu, mostCpu);
    worst.domNodes = Math.max(worst.domNodes, nodes);
    worst.encoded = Math.max(worst.encoded, byEncoded.encoded);
    worst.decoded = Math.max(worst.decoded, byDecoded.decoded);
  }

  // Every chunk the overview loads cold (its lazy page chunk included), as transferred.
  const js = results[0]!.runs.map((r) => r.responses.filter((x) => x.type === "Script").reduce((sum, x) => sum + x.encoded, 0));
  console.log(`\noverview JS, compressed (transfer) total: ${kb(Math.max(...js))} (runs: ${js.map(kb).join(", ")})`);

  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log("\ngoals");
  console.log(
    `  first chart/row ≤ ${GOALS.firstChartMs} ms on every page (median of runs): ${verdict(!slowPages.length && !untimed)}` +
      `${slowPages.length ? ` — over: ${slowPages.join(", ")}` : ""}${untimed ? " — some runs never drew" : ""} (slowest single run ${ms(worst.first)})`,
  );
  console.log(
    `  no long task over ${GOALS.longTaskMs} ms: ${verdict(worst.longTask <= GOALS.longTaskMs)} (longest ${ms(worst.longTask)}${CPU ? `; most main-thread CPU in one task ${ms(worst.taskCpu)}` : ""})`,
  );
  console.log(`  ≤ ${GOALS.domNodes} DOM nodes: ${verdict(worst.domNodes <= GOALS.domNodes)} (largest ${worst.domNodes})`);
  console.log(
    `  ≤ ${kb(GOALS.overviewJs)} compressed JS for the overview: ${verdict(Math.max(...js) <= GOALS.overviewJs)} (${kb(Math.max(...js))})`,
  );
  console.log(
    `  no response over ${kb(GOALS.response)} (API answers decoded, anything as sent): ${verdict(Math.max(worst.encoded, worst.decoded) <= GOALS.response)} (largest as sent ${kb(worst.encoded)}, largest answer decoded ${kb(worst.decoded)})`,
  );
} finally {
  await browser.close();
  await atlas.stop();
}
