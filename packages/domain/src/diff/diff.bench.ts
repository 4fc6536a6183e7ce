/**
 * How long the differ takes (goals: two towns of ~340 duties under 50 ms, 20 towns under 1 s).
 * Run: cd packages/domain && pnpm exec tsx src/diff/diff.bench.ts [runs]
 * Prints medians; the machine is shared, so read the median, not the maximum.
 *
 * The seed has 246 duties (109 / 100 / 37), below the national average of 340 (117 / 99 / 124), so
 * towns are synthesised from it: extra basic and reclaimed rows spliced from halves of two seed names
 * of the same list (names that resemble real ones, the hard case for matching), then per town a few
 * rows reworded, removed, added and moved, with a fixed random seed so every run times the same work.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../parse/parse.ts";
import type { BasicDuty, Duty, Lists, ReclaimedDuty, Revision } from "../types.ts";
import { compareTowns } from "./compare-towns.ts";
import { diffRevisions } from "./diff.ts";

const SEED = fileURLToPath(new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url));
const parsed = parseDocument(readFileSync(SEED));
if (!parsed.ok) throw parsed.error;
const seed = parsed.revision;
const runs = Number(process.argv[2] ?? 30);

/** mulberry32: small, seedable, good enough to pick rows. */
function random(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const chars = [...new Set([...seed.lists.basic, ...seed.lists.coordinated, ...seed.lists.reclaimed].flatMap((d) => [...d.name]))];

function splice(a: string, b: string): string {
  const x = [...a];
  const y = [...b];
  return [...x.slice(0, Math.ceil(x.length / 2)), ...y.slice(Math.floor(y.length / 2))].join("");
}

function reword(name: string, rnd: () => number): string {
  const c = [...name];
  c[Math.floor(rnd() * c.length)] = chars[Math.floor(rnd() * chars.length)]!;
  return c.join("");
}

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** The seed grown to the national average: 117 basic, 99 coordinated, 124 reclaimed. */
function averageTown(): Lists {
  const rnd = random(1);
  const basic: BasicDuty[] = [...seed.lists.basic];
  while (basic.length < 117) {
    basic.push({ ...pick(seed.lists.basic, rnd), name: splice(pick(seed.lists.basic, rnd).name, pick(seed.lists.basic, rnd).name) });
  }
  const reclaimed: ReclaimedDuty[] = [...seed.lists.reclaimed];
  while (reclaimed.length < 124) {
    reclaimed.push({
      ...pick(seed.lists.reclaimed, rnd),
      name: splice(pick(seed.lists.reclaimed, rnd).name, pick(seed.lists.reclaimed, rnd).name),
    });
  }
  return { basic, coordinated: seed.lists.coordinated.slice(0, 99), reclaimed };
}

/** Town k: 5% of rows reworded, 3% removed, 3% added, 2% of basic rows moved to the reclaimed list. */
function variant(base: Lists, k: number, everyNameReworded = false): Revision {
  const rnd = random(1000 + k);
  const edit = <D extends Duty>(list: readonly D[]): D[] =>
    list.filter(() => rnd() >= 0.03).map((d) => (everyNameReworded || rnd() < 0.05 ? { ...d, name: reword(d.name, rnd) } : d));
  const basic = edit(base.basic);
  const coordinated = edit(base.coordinated);
  const reclaimed = edit(base.reclaimed);
  const moving = basic.filter(() => rnd() < 0.02);
  const source = seed.lists.reclaimed[0]!;
  for (const d of moving) reclaimed.push({ ...source, category: d.category, name: d.name });
  const kept = basic.filter((d) => !moving.includes(d));
  for (let i = 0; i < 10; i++)
    kept.push({ ...pick(base.basic, rnd), name: splice(pick(base.reclaimed, rnd).name, pick(base.basic, rnd).name) });
  const renumber = <D extends Duty>(list: D[]): D[] => list.map((d, i) => ({ ...d, seq: i + 1 }));
  return {
    ...seed,
    region: { ...seed.region, town: `试验${k}镇` },
    lists: { basic: renumber(kept), coordinated: renumber(coordinated), reclaimed: renumber(reclaimed) },
  };
}

function median(label: string, f: () => void, n = runs): void {
  for (let i = 0; i < 3; i++) f(); // warm-up: let the JIT settle before timing
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[Math.floor(n / 2)]!.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms (${n} runs)`);
}

const base = averageTown();
const towns = Array.from({ length: 20 }, (_, k) => variant(base, k));
const size = (r: Revision) => r.lists.basic.length + r.lists.coordinated.length + r.lists.reclaimed.length;
console.log(`towns of ${towns.map(size).join(", ")} duties`);

const syntheticParsed = parseDocument(readFileSync(new URL("./fixtures/lanzhouwan-synthetic-revision-2.txt", import.meta.url)));
if (!syntheticParsed.ok) throw syntheticParsed.error;
const synthetic = syntheticParsed.revision;

// Fresh copies per run: diffRevisions prepares each revision object once (match.ts), and a first
// comparison, not a cached one, is what a user waits for.
const fresh = (r: Revision): Revision => ({ ...r });

median("diff seed vs synthetic revision (246 duties)", () => diffRevisions(fresh(seed), fresh(synthetic)));
median("diff two towns (~340 duties each, typical edits)", () => diffRevisions(fresh(towns[0]!), fresh(towns[1]!)));
const allReworded = variant(base, 99, true);
median("diff two towns, every name reworded (all pairs by similarity)", () => diffRevisions(fresh(towns[0]!), fresh(allReworded)));
median("compareTowns over 20 towns", () => compareTowns(towns.map(fresh)));
median(
  "diffRevisions for all 190 pairs of 20 towns",
  () => {
    const copies = towns.map(fresh);
    for (let i = 0; i < copies.length; i++) for (let j = i + 1; j < copies.length; j++) diffRevisions(copies[i]!, copies[j]!);
  },
  Math.max(3, Math.floor(runs / 5)),
);
