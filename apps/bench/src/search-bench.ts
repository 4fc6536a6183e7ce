/**
 * National search and province totals at scale, on the PostgreSQL of DATABASE_URL (a database of its
 * own, dropped afterwards): `pnpm -s bench:search [--towns N] [--runs R] [--json]`.
 *
 * Loads N generated towns through bulkImport (the generator leaves the province out of some
 * documents, as real titles do), then
 *  - times duties.search over every town for a common, a rare and an absent word (p50/p95 of R runs,
 *    first page of 50 and the total), and prints each one's plan;
 *  - checks that every province's and the country's overview counts equal the sum of their towns
 *    (stats.townShares of the same scope, every page), the rule place repair exists for.
 * Figures are printed, never asserted: speed lives here, not in tests.
 */
import { parseArgs } from "node:util";
import {
  type AtlasDatabase,
  analyzeAfterLoad,
  bulkImport,
  explainSearch,
  openDatabase,
  overview,
  regionChildren,
  resolveScope,
  searchDuties,
  townShares,
} from "@duty/db";
import { createTestDatabaseUrl, keptTestDatabaseUrl } from "@duty/db/test";
import { loadBatches } from "./load.ts";

const USAGE = "usage: bench:search [--towns N] [--runs R] [--keep NAME] [--json]";

/** A word in most towns' lists, one in few, one in none (the generator's lexicon never writes it). */
const WORDS = { common: "安全", rare: "器官捐献", absent: "量子计算" } as const;

interface SearchFigure {
  word: string;
  kind: keyof typeof WORDS;
  total: number;
  totalCapped: boolean;
  p50Ms: number;
  p95Ms: number;
}

function options() {
  const { values } = parseArgs({
    options: {
      towns: { type: "string", default: "2000" },
      runs: { type: "string", default: "40" },
      keep: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (values.keep !== undefined && !/^[a-z][a-z0-9_]{0,62}$/u.test(values.keep))
    throw new Error(`${USAGE}: --keep takes a database name (a-z, 0-9, _)`);
  const towns = Number(values.towns);
  const runs = Number(values.runs);
  if (!Number.isInteger(towns) || towns < 1 || !Number.isInteger(runs) || runs < 1)
    throw new Error(`${USAGE}: --towns and --runs take whole numbers`);
  return { towns, runs, keep: values.keep, json: values.json };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function timeSearches(db: AtlasDatabase, runs: number): Promise<SearchFigure[]> {
  const scope = await resolveScope(db.db, {});
  const out: SearchFigure[] = [];
  for (const [kind, word] of Object.entries(WORDS) as [keyof typeof WORDS, string][]) {
    const times: number[] = [];
    let last = await searchDuties(db.db, { scope, q: word, limit: 50 });
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      last = await searchDuties(db.db, { scope, q: word, limit: 50 });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    out.push({
      word,
      kind,
      total: last.total,
      totalCapped: last.totalCapped,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
    });
  }
  return out;
}

async function plans(db: AtlasDatabase): Promise<string> {
  const scope = await resolveScope(db.db, {});
  const out: string[] = [];
  for (const word of Object.values(WORDS)) out.push(await explainSearch(db.db, scope, word));
  return out.join("\n");
}

/** Every province and the country: overview counts against the sum of their towns' counts. */
async function checkTotals(db: AtlasDatabase): Promise<{ scopes: number; mismatches: string[]; provinces: number }> {
  const mismatches: string[] = [];
  const tops = await regionChildren(db.db, null, 500);
  const scopes = [{ name: "全国", input: {} }, ...tops.map((r) => ({ name: r.name, input: { regionId: r.id } }))];
  for (const { name, input } of scopes) {
    const scope = await resolveScope(db.db, input);
    const counted = await overview(db.db, scope);
    const sum = { towns: 0, basic: 0, coordinated: 0, reclaimed: 0 };
    let cursor: number | undefined;
    do {
      const page = await townShares(db.db, scope, { limit: 200, cursor });
      for (const t of page.items) {
        sum.towns++;
        sum.basic += t.basic;
        sum.coordinated += t.coordinated;
        sum.reclaimed += t.reclaimed;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    for (const key of ["towns", "basic", "coordinated", "reclaimed"] as const) {
      if (counted[key] !== sum[key]) mismatches.push(`${name} ${key}: overview ${counted[key]}, towns add up to ${sum[key]}`);
    }
  }
  return { scopes: scopes.length, mismatches, provinces: tops.filter((r) => r.level === "province").length };
}

async function main(): Promise<void> {
  const opts = options();
  const target = opts.keep === undefined ? await createTestDatabaseUrl() : await keptTestDatabaseUrl(opts.keep);
  let db: AtlasDatabase | undefined;
  try {
    db = await openDatabase({ databaseUrl: target.url });
    const stored = Number(
      (
        await db.db
          .selectFrom("revisions")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (stored === 0) {
      const started = performance.now();
      for (const batch of loadBatches(1, opts.towns, 250)) {
        await bulkImport(db, batch.documents);
        process.stderr.write(".");
      }
      await analyzeAfterLoad(db);
      const loadSeconds = (performance.now() - started) / 1000;
      process.stderr.write(`\nloaded ${opts.towns} towns in ${loadSeconds.toFixed(1)} s\n`);
    } else {
      // Searched as it is (a server started on it may have added the seed's documents): the figures say how many towns.
      process.stderr.write(`database ${opts.keep} already holds ${stored} revisions: searching it as it is\n`);
    }
    const towns = Number(
      (
        await db.db
          .selectFrom("revisions")
          .select((eb) => eb.fn.count("town_id").distinct().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const duties = Number(
      (
        await db.db
          .selectFrom("duties")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const searches = await timeSearches(db, opts.runs);
    const totals = await checkTotals(db);
    const report = { towns, duties, runs: opts.runs, searches, totals };
    if (opts.json) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    console.log(`${towns} towns, ${duties} duties; national duties.search, first page of 50, ${opts.runs} runs each:`);
    for (const s of searches) {
      console.log(
        `  ${s.kind.padEnd(6)} ${s.word}: ${s.totalCapped ? `${s.total}+` : s.total} matches, p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms`,
      );
    }
    console.log(`\nplans:\n${await plans(db)}`);
    console.log(
      `\ntotals: ${totals.scopes} scopes (the country and ${totals.scopes - 1} top-level regions, ${totals.provinces} of them provinces); ` +
        (totals.mismatches.length === 0 ? "every one equals the sum of its towns" : `MISMATCHES:\n  ${totals.mismatches.join("\n  ")}`),
    );
  } finally {
    await db?.close();
    await target.drop();
  }
}

await main();
