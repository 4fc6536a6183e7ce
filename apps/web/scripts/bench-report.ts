/*
 * Time to build the Word report (导出报告) in the browser, from the click to the saved file, and
 * its size: for the seed (one town, embedded database) and for a province of 2,000 generated towns
 * on a throwaway PostgreSQL 15 (apps/bench's generator, loaded with bulkImport, as docs/scale.md
 * does). Goal: under 5 s. The build is what a reader waits for: fetching report.overview, drawing
 * the seven charts off screen, capturing them at 2× and writing the document. The figures printed
 * go to the README's 测得的数字 table.
 *
 *   pnpm -s bench:report [--towns 2000] [--runs 3]
 */
import { spawnSync } from "node:child_process";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { RouterOutputs } from "@duty/api";
import { generateTowns, townFileName } from "@duty/bench";
import { type BulkDocument, analyzeAfterLoad, bulkImport, openDatabase } from "@duty/db";
import type { Browser } from "playwright-core";
import { query } from "../src/e2e/api.ts";
import { downloadBytes, launchBrowser } from "../src/e2e/browser.ts";
import { buildIfStale, startAtlas } from "../src/e2e/server.ts";

const GOAL_MS = 5000;
const PROVINCE = "基准省";
const { values } = parseArgs({ options: { towns: { type: "string", default: "2000" }, runs: { type: "string", default: "3" } } });
const TOWNS = Number(values.towns);
const RUNS = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const progress = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Opens the overview of `path` and clicks 导出报告, `RUNS` times, each on a freshly loaded page as
 * a reader would click it: the figures (report.overview) are fetched anew, the report module is
 * parsed anew, only the browser's HTTP cache is warm. The time from the click to the saved file,
 * and the bytes.
 */
async function timeReport(browser: Browser, base: string, path: string): Promise<{ ms: number[]; bytes: number; name: string }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: "zh-CN" });
  const page = await context.newPage();
  const ms: number[] = [];
  let bytes = 0;
  let name = "";
  // One untimed run first: it fills the HTTP cache with the report module, as a reader's first report would once.
  for (let run = 0; run <= RUNS; run++) {
    await page.goto(`${base}${path}`);
    await page.locator('[data-chart="category-list"] g.bar').first().waitFor({ timeout: 120_000 });
    // The page in front of the reader: its own queries answered, so the report does not race the page's drawing.
    await page.waitForLoadState("networkidle");
    const started = performance.now();
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      page.locator('button[data-export="docx"]').click(),
    ]);
    const file = await downloadBytes(download);
    const elapsed = performance.now() - started;
    if (run > 0) ms.push(elapsed);
    bytes = file.length;
    name = download.suggestedFilename();
  }
  await context.close();
  return { ms, bytes, name };
}

function report(label: string, result: { ms: number[]; bytes: number; name: string }): boolean {
  const ok = median(result.ms) < GOAL_MS;
  console.log(
    `${label}: median ${median(result.ms).toFixed(0)} ms (runs: ${result.ms.map((m) => m.toFixed(0)).join(", ")}), ` +
      `${(result.bytes / 1024).toFixed(0)} kB, ${result.name}, load average ${loadavg()[0]!.toFixed(1)}${ok ? "" : `  OVER the ${GOAL_MS} ms goal`}`,
  );
  return ok;
}

/** A throwaway PostgreSQL 15 of this run's own (packages/db/scripts/pg-throwaway.sh), removed at the end. */
function startPostgres(): { url: string; stop(): void } {
  const script = fileURLToPath(new URL("../../../packages/db/scripts/pg-throwaway.sh", import.meta.url));
  const env = { ...process.env, PG_THROWAWAY_DIR: join(tmpdir(), `atlas-bench-report-pg-${process.pid}`) };
  const started = spawnSync("bash", [script, "start"], { env, encoding: "utf8" });
  const url = /^DATABASE_URL=(.+)$/mu.exec(started.stdout)?.[1];
  if (started.status !== 0 || !url) throw new Error(`${script} start failed:\n${started.stderr}`);
  const stop = () => void spawnSync("bash", [script, "stop"], { env, stdio: "ignore" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  return { url, stop };
}

/** `count` generated towns, all filed under one province, loaded with bulkImport in batches of 250. */
async function loadProvince(url: string, count: number): Promise<number> {
  function* documents(): Generator<BulkDocument> {
    for (const town of generateTowns(1, count)) {
      if (town.number % 250 === 0) progress(`generated ${town.number} towns …`);
      yield {
        revision: { ...town.revision, region: { ...town.revision.region, province: PROVINCE } },
        options: {
          label: "公布稿",
          sourceFile: townFileName(town),
          contentHash: `bench-report:${town.number}`,
          effectiveDate: town.publishedOn,
        },
      };
    }
  }
  const db = await openDatabase({ databaseUrl: url });
  try {
    const { duties } = await bulkImport(db, documents(), { batchSize: 250 });
    await analyzeAfterLoad(db);
    return duties;
  } finally {
    await db.close();
  }
}

buildIfStale();
const browser = await launchBrowser();
let ok = true;
try {
  {
    const atlas = await startAtlas();
    try {
      const revisions = await query<RouterOutputs["revisions"]["list"]>(atlas.url, "revisions.list", { limit: 10 });
      ok =
        report("seed (兰州湾镇, 246 duties, PGlite)", await timeReport(browser, atlas.url, `/?revision=${revisions.items[0]!.id}`)) && ok;
    } finally {
      await atlas.stop();
    }
  }
  const postgres = startPostgres();
  try {
    progress(`generating and loading ${TOWNS} towns into ${PROVINCE} …`);
    const started = performance.now();
    const duties = await loadProvince(postgres.url, TOWNS);
    progress(`loaded ${duties.toLocaleString("en-US")} duties in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const atlas = await startAtlas({ databaseUrl: postgres.url });
    try {
      const top = await query<RouterOutputs["regions"]["children"]>(atlas.url, "regions.children", {});
      const province = top.find((r) => r.name === PROVINCE)!;
      const answer = performance.now();
      await query(atlas.url, "report.overview", { regionId: province.id });
      progress(`report.overview of the province answered in ${(performance.now() - answer).toFixed(0)} ms`);
      ok =
        report(
          `province of ${province.towns.toLocaleString("en-US")} towns (${duties.toLocaleString("en-US")} duties, PostgreSQL 15)`,
          await timeReport(browser, atlas.url, `/?region=${province.id}`),
        ) && ok;
    } finally {
      await atlas.stop();
    }
  } finally {
    postgres.stop();
  }
} finally {
  await browser.close();
}
if (!ok) process.exitCode = 1;
