/**
 * The national-scale benchmark: loads N synthetic towns into PostgreSQL twice, batch by batch
 * (a plain COPY of finished rows, and bulkImport with its lookups and rollups), then times every
 * dashboard statistic from the rollups against the same statistic as a GROUP BY over the duties,
 * then one more town through the ordinary import.
 * Run: pnpm bench [--towns 2000] [--json] [--batch 250] [--seed 1] [--runs 5] [--plain-runs 5]
 * Without DATABASE_URL it starts a throwaway PostgreSQL 15 of its own and removes it afterwards;
 * with DATABASE_URL it creates a database there and drops it. See docs/scale.md for the figures.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual, parseArgs } from "node:util";
import {
  type AtlasDatabase,
  analyzeAfterLoad,
  bulkImport,
  copyRows,
  databaseBytes,
  deleteRevision,
  departmentCategoryMatrix,
  departmentLoad,
  departmentLoadByShortName,
  dutiesByCategory,
  importDocument,
  openDatabase,
  overview,
  type ResolvedScope,
  reclaimedVsRetained,
  regionChildren,
  resolveScope,
} from "@duty/db";
import { createTestDatabaseUrl, openTestDatabase, recount } from "@duty/db/test";
import type { SyntheticTown } from "./generate.ts";
import { loadBatches } from "./load.ts";
import { renderDocument } from "./render.ts";

const USAGE = "usage: bench [--towns N] [--json] [--batch B] [--seed S] [--runs R] [--plain-runs P]";

interface Options {
  towns: number;
  json: boolean;
  batch: number;
  seed: number;
  runs: number;
  plainRuns: number;
}

export interface StatFigure {
  name: string;
  /** Median over `runs` warm calls, answered from the rollups. */
  medianMs: number;
  /** The same statistic as a GROUP BY over duties, links and steps (stats-recount.ts), median too. */
  plainGroupByMs: number;
  /** Both gave the same rows. */
  same: boolean;
}

export interface BenchReport {
  towns: number;
  duties: number;
  batchSize: number;
  copyDutiesPerSecond: number;
  bulkDutiesPerSecond: number;
  /** bulkImport's rate over the plain COPY's, both measured here on the same batches. */
  loadRatioVsCopy: number;
  stats: StatFigure[];
  /** A new town through importDocument (parse, write, rollups) into the largest province; median of 5. */
  singleTownImportMs: number;
  /** A new revision of a town of that province, which replaces its latest. */
  replaceRevisionMs: number;
  /** Deleting that revision again. */
  deleteRevisionMs: number;
  databaseBytes: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      towns: { type: "string", default: "2000" },
      json: { type: "boolean", default: false },
      batch: { type: "string", default: "250" },
      seed: { type: "string", default: "1" },
      runs: { type: "string", default: "5" },
      "plain-runs": { type: "string", default: "5" },
    },
    strict: true,
  });
  const int = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: "${text}" is not a positive integer\n${USAGE}`);
    return n;
  };
  return {
    towns: int("towns", values.towns),
    json: values.json,
    batch: int("batch", values.batch),
    seed: int("seed", values.seed),
    runs: int("runs", values.runs),
    plainRuns: int("plain-runs", values["plain-runs"]),
  };
}

/** Progress goes to stderr, so that --json leaves stdout to the report. */
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const opts = options();
  const server = startServer();
  try {
    process.env.DATABASE_URL = server.url;
    const report = await run(opts);
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : table(report, opts));
    if (report.stats.some((s) => !s.same)) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

/**
 * DATABASE_URL's server, or a throwaway cluster of this run's own (not the tests' one), with
 * memory for a national data set: 2 GB of shared buffers, checkpoints far apart.
 */
function startServer(): { url: string; stop(): Promise<void> } {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const script = fileURLToPath(new URL("../../../packages/db/scripts/pg-throwaway.sh", import.meta.url));
  const env = {
    ...process.env,
    PG_THROWAWAY_DIR: join(tmpdir(), `atlas-bench-pg-${process.pid}`),
    PG_THROWAWAY_OPTIONS:
      "-c shared_buffers=2GB -c max_wal_size=16GB -c checkpoint_timeout=30min -c maintenance_work_mem=512MB -c work_mem=64MB",
  };
  const started = spawnSync("bash", [script, "start"], { env, encoding: "utf8" });
  const url = /^DATABASE_URL=(.+)$/mu.exec(started.stdout)?.[1];
  if (started.status !== 0 || !url) throw new Error(`${script} start failed:\n${started.stderr}`);
  const stop = async () => void spawnSync("bash", [script, "stop"], { env, stdio: "ignore" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      spawnSync("bash", [script, "stop"], { env, stdio: "ignore" });
      process.exit(130);
    });
  }
  return { url, stop };
}

async function run(opts: Options): Promise<BenchReport> {
  // The loaded data set gets a database of its own; the plain COPY a schema beside it, dropped after the load.
  const target = await createTestDatabaseUrl();
  let copied: AtlasDatabase | undefined = await openTestDatabase("postgres");
  let loaded: AtlasDatabase | undefined;
  try {
    loaded = await openDatabase({ databaseUrl: target.url });
    const load = await loadBoth(loaded, copied, opts);
    // Its disk back before the statistics run: they read the loaded database only.
    await copied.close();
    copied = undefined;
    progress("vacuum analyze …");
    await analyzeAfterLoad(loaded);
    const stats = await timeStatistics(loaded, opts);
    const single = await timeSingleImports(loaded, load.sample);
    return {
      towns: opts.towns,
      duties: load.duties,
      batchSize: opts.batch,
      copyDutiesPerSecond: Math.round(load.duties / load.copySeconds),
      bulkDutiesPerSecond: Math.round(load.duties / load.bulkSeconds),
      loadRatioVsCopy: round(load.copySeconds / load.bulkSeconds, 3),
      stats,
      ...single,
      databaseBytes: await databaseBytes(loaded),
    };
  } finally {
    await copied?.close();
    await loaded?.close();
    await target.drop();
  }
}

interface Load {
  duties: number;
  copySeconds: number;
  bulkSeconds: number;
  /** Towns of the province with most towns, kept to import near copies of them afterwards. */
  sample: SyntheticTown[];
}

async function loadBoth(main: AtlasDatabase, copied: AtlasDatabase, opts: Options): Promise<Load> {
  const load: Load = { duties: 0, copySeconds: 0, bulkSeconds: 0, sample: [] };
  const townsPerProvince = new Map<number, number>();
  const firstTowns = new Map<number, SyntheticTown[]>();
  const started = performance.now();
  let batchNumber = 0;
  let towns = 0;
  for (const batch of loadBatches(opts.seed, opts.towns, opts.batch)) {
    const timeCopy = async () => (load.copySeconds += await seconds(() => copyRows(copied, batch.tables)));
    const timeBulk = async () => (load.bulkSeconds += await seconds(() => bulkImport(main, batch.documents, { batchSize: opts.batch })));
    // Turn about, so neither path always finds the other's pages just written or its checkpoint due.
    if (batchNumber++ % 2 === 0) {
      await timeCopy();
      await timeBulk();
    } else {
      await timeBulk();
      await timeCopy();
    }
    load.duties += batch.duties;
    towns += batch.towns.length;
    for (const town of batch.towns) {
      const province = town.county.province.id;
      townsPerProvince.set(province, (townsPerProvince.get(province) ?? 0) + 1);
      const kept = firstTowns.get(province) ?? [];
      if (kept.length < 6) firstTowns.set(province, [...kept, town]);
    }
    const done = load.copySeconds + load.bulkSeconds;
    progress(
      `loaded ${towns} towns, ${load.duties} duties ` +
        `(COPY ${Math.round(load.duties / load.copySeconds)}/s, bulkImport ${Math.round(load.duties / load.bulkSeconds)}/s; ` +
        `${Math.round(done)} s loading, ${Math.round((performance.now() - started) / 1000)} s in all)`,
    );
  }
  const largest = [...townsPerProvince].sort((a, b) => b[1] - a[1])[0]![0];
  load.sample = firstTowns.get(largest)!;
  return load;
}

interface Statistic {
  name: string;
  scope: "country" | "province";
  fromRollups: (db: AtlasDatabase["db"], scope: ResolvedScope) => Promise<unknown>;
  fromDuties: (db: AtlasDatabase["db"], scope: ResolvedScope) => Promise<unknown>;
}

/** What the dashboard asks for. Per-department lists are timed for a province: the country's has ~100,000 rows. */
const STATISTICS: Statistic[] = [
  { name: "overview", scope: "country", fromRollups: overview, fromDuties: recount.overview },
  { name: "duties per category", scope: "country", fromRollups: dutiesByCategory, fromDuties: recount.dutiesByCategory },
  { name: "reclaimed vs retained", scope: "country", fromRollups: reclaimedVsRetained, fromDuties: recount.reclaimedVsRetained },
  {
    name: "top 20 departments",
    scope: "country",
    fromRollups: (db, s) => departmentLoad(db, s, { limit: 20 }),
    fromDuties: (db, s) => recount.departmentLoad(db, s, { limit: 20 }),
  },
  {
    name: "load per bureau (short name)",
    scope: "country",
    fromRollups: departmentLoadByShortName,
    fromDuties: recount.departmentLoadByShortName,
  },
  {
    name: "bureau × category matrix",
    scope: "country",
    fromRollups: (db, s) => departmentCategoryMatrix(db, s, "shortName"),
    fromDuties: (db, s) => recount.departmentCategoryMatrix(db, s, "shortName"),
  },
  { name: "overview", scope: "province", fromRollups: overview, fromDuties: recount.overview },
  {
    name: "all departments' load",
    scope: "province",
    fromRollups: (db, s) => departmentLoad(db, s),
    fromDuties: (db, s) => recount.departmentLoad(db, s),
  },
  {
    name: "department × category matrix",
    scope: "province",
    fromRollups: (db, s) => departmentCategoryMatrix(db, s, "department"),
    fromDuties: (db, s) => recount.departmentCategoryMatrix(db, s, "department"),
  },
];

async function timeStatistics(main: AtlasDatabase, opts: Options): Promise<StatFigure[]> {
  const province = (await regionChildren(main.db, null, 500)).sort((a, b) => b.towns - a.towns)[0]!;
  const figures: StatFigure[] = [];
  for (const stat of STATISTICS) {
    const scope = await resolveScope(main.db, stat.scope === "country" ? {} : { regionId: province.id });
    const name = `${stat.name} · ${stat.scope === "country" ? "country" : `province (${province.towns} towns)`}`;
    progress(`timing ${name} …`);
    const fast = await median(() => stat.fromRollups(main.db, scope), opts.runs);
    const plain = await median(() => stat.fromDuties(main.db, scope), opts.plainRuns);
    figures.push({
      name,
      medianMs: round(fast.ms, 2),
      plainGroupByMs: round(plain.ms, 1),
      same: isDeepStrictEqual(fast.result, plain.result),
    });
  }
  return figures;
}

/** Median of `runs` calls after one warm-up call, and the warm-up's result. */
async function median<T>(call: () => Promise<T>, runs: number): Promise<{ ms: number; result: T }> {
  const result = await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await seconds(call)) * 1000);
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}

/**
 * One more town into the full database: a near copy of a town of the largest province (renamed,
 * so it is a new town of an existing county and the province's rollups are recounted), through
 * the ordinary importDocument; then a new revision replacing a town's latest, and its deletion.
 */
async function timeSingleImports(
  main: AtlasDatabase,
  sample: SyntheticTown[],
): Promise<Pick<BenchReport, "singleTownImportMs" | "replaceRevisionMs" | "deleteRevisionMs">> {
  const times: number[] = [];
  for (const town of sample.slice(1, 6)) {
    const name = town.node.name;
    const renamed = name.replace(/(镇|乡|街道)$/u, "新$1");
    const text = renderDocument(town).replaceAll(name, renamed);
    times.push((await seconds(() => importDocument(main.db, Buffer.from(text), `${renamed}.txt`))) * 1000);
  }
  times.sort((a, b) => a - b);
  const changed = renderDocument(sample[0]!).replace(/\n[^\n]*$/u, "");
  let revisionId = 0;
  const replace = await seconds(async () => {
    revisionId = (await importDocument(main.db, Buffer.from(changed), "revised.txt", { effectiveDate: "2099-01-01" })).revisionId;
  });
  const remove = await seconds(() => deleteRevision(main.db, revisionId));
  return {
    singleTownImportMs: round(times[Math.floor(times.length / 2)]!, 1),
    replaceRevisionMs: round(replace * 1000, 1),
    deleteRevisionMs: round(remove * 1000, 1),
  };
}

async function seconds(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return (performance.now() - start) / 1000;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const thousands = (n: number) => n.toLocaleString("en-US");

function table(r: BenchReport, opts: Options): string {
  const width = Math.max(46, ...r.stats.map((s) => s.name.length + 4));
  const row = (label: string, ...cells: [string, number][]) =>
    `${label.padEnd(width)}${cells.map(([text, w]) => text.padStart(w)).join("")}`;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return `${[
    `Duty Atlas bench: ${thousands(r.towns)} towns, ${thousands(r.duties)} duties (seed ${opts.seed}, ${opts.batch} towns per batch)`,
    "",
    row("load", ["duties/s", 12]),
    row("  plain COPY of finished rows", [thousands(r.copyDutiesPerSecond), 12]),
    row("  bulkImport (lookups, ids, COPY, rollups)", [thousands(r.bulkDutiesPerSecond), 12]),
    row("  ratio (goal ≥ 0.80)", [r.loadRatioVsCopy.toFixed(2), 12]),
    "",
    row(
      `statistic (median of ${opts.runs} warm / ${opts.plainRuns} plain)`,
      ["rollups ms", 12],
      ["GROUP BY ms", 14],
      ["speed-up", 10],
      ["same", 6],
    ),
    ...r.stats.map((s) =>
      row(
        `  ${s.name}`,
        [s.medianMs.toFixed(2), 12],
        [s.plainGroupByMs.toFixed(1), 14],
        [`${Math.round(s.plainGroupByMs / s.medianMs)}×`, 10],
        [s.same ? "yes" : "NO", 6],
      ),
    ),
    "",
    row("one more town, importDocument (median of 5)", [ms(r.singleTownImportMs), 12], ["   goal < 300 ms", 0]),
    row("a town's new revision replacing its latest", [ms(r.replaceRevisionMs), 12]),
    row("deleting that revision", [ms(r.deleteRevisionMs), 12]),
    row("database size", [`${(r.databaseBytes / 1e9).toFixed(2)} GB`, 12]),
  ].join("\n")}\n`;
}

await main();
