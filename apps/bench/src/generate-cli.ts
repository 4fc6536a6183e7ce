/**
 * Writes synthetic duty-list documents, one .txt per town in the official format.
 * Run: pnpm --filter @duty/bench generate --towns 500 --seed 1 --out /tmp/lists
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LIST_KINDS, type ListKind } from "@duty/domain";
import { generateTowns } from "./generate.ts";
import { renderDocument, townFileName } from "./render.ts";

const USAGE = "usage: generate-cli --towns N --seed S --out DIR";

function main(): number {
  let values: { towns?: string; seed?: string; out?: string };
  try {
    ({ values } = parseArgs({ options: { towns: { type: "string" }, seed: { type: "string" }, out: { type: "string" } }, strict: true }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const towns = Number(values.towns);
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(towns) || towns < 1 || !Number.isInteger(seed) || !values.out) {
    console.error(USAGE);
    return 2;
  }
  const out = values.out;
  mkdirSync(out, { recursive: true });

  const started = performance.now();
  let writing = 0;
  let bytes = 0;
  const items: Record<ListKind, number> = { basic: 0, coordinated: 0, reclaimed: 0 };
  const places = { provinces: new Set<number>(), prefectures: new Set<number>(), counties: new Set<number>() };
  for (const town of generateTowns(seed, towns)) {
    const text = renderDocument(town);
    const writeStart = performance.now();
    writeFileSync(join(out, townFileName(town)), text);
    writing += performance.now() - writeStart;
    bytes += Buffer.byteLength(text);
    for (const list of LIST_KINDS) items[list] += town.revision.lists[list].length;
    places.provinces.add(town.county.province.id);
    places.prefectures.add(town.county.prefecture.id);
    places.counties.add(town.county.id);
  }
  const seconds = (performance.now() - started) / 1000;

  const average = (n: number) => (n / towns).toFixed(1);
  console.log(
    `${towns} towns in ${places.counties.size} counties, ${places.prefectures.size} prefectures, ${places.provinces.size} provinces (seed ${seed}) → ${out}`,
  );
  console.log(
    `items: basic ${items.basic} (avg ${average(items.basic)}), coordinated ${items.coordinated} (avg ${average(items.coordinated)}), reclaimed ${items.reclaimed} (avg ${average(items.reclaimed)})`,
  );
  console.log(`text: ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / towns / 1e3).toFixed(1)} kB per town`);
  console.log(`elapsed ${seconds.toFixed(2)} s (writing files ${(writing / 1000).toFixed(2)} s): ${(towns / seconds).toFixed(0)} towns/s`);
  return 0;
}

process.exitCode = main();
