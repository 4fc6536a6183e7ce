/**
 * How long the parser takes on the seed (goal: well under 50 ms).
 * Run: pnpm bench:parse   (prints figures; the machine is shared, so read the median)
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDocument } from "./parse.ts";

const SEED = fileURLToPath(new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url));
const bytes = readFileSync(SEED);
const runs = Number(process.argv[2] ?? 200);

for (let i = 0; i < 20; i++) parseDocument(bytes); // warm-up: let the JIT settle before timing
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const result = parseDocument(bytes);
  times.push(performance.now() - start);
  if (!result.ok) throw result.error;
}
times.sort((a, b) => a - b);
const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
console.log(`parse seed (${bytes.length} bytes, ${runs} runs): median ${pick(0.5)} ms, p90 ${pick(0.9)} ms, max ${pick(1)} ms`);
