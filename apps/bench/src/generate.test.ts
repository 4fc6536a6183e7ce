import { LIST_KINDS, type ListKind } from "@duty/domain";
import { describe, expect, it } from "vitest";
import { DUTY_TEXT_BOUNDS, NATIONAL_AVERAGE } from "./county-template.ts";
import { generateTowns, type SyntheticTown } from "./generate.ts";
import { LEGACY_ORDER } from "./lexicon.ts";
import { renderDocument } from "./render.ts";

const towns = [...generateTowns(1, 500)];
const coordinated = towns.flatMap((t) => t.revision.lists.coordinated);
const reclaimed = towns.flatMap((t) => t.revision.lists.reclaimed);

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sizes = (list: ListKind, of: readonly SyntheticTown[] = towns) => of.map((t) => t.revision.lists[list].length);
// Map.groupBy arrives with Node 21.
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
const byCounty = () => groupBy(towns, (t) => t.county.id);

describe("generateTowns", () => {
  it("is deterministic: the same seed gives the same documents, another seed different ones", () => {
    const documents = (seed: number) => [...generateTowns(seed, 30)].map(renderDocument);
    const first = documents(42);
    expect(documents(42)).toEqual(first);
    const other = documents(43);
    expect(other).toHaveLength(30);
    expect(other.filter((text, i) => text === first[i])).toEqual([]);
  });

  it("yields the requested number of towns, numbered in order", () => {
    expect(towns.map((t) => t.number)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(new Set(towns.map((t) => t.node.id)).size).toBe(500);
  });

  it.each([1, 2, 3])("averages within a tenth of the national 117 / 99 / 124 for 500 towns, seed %i", (seed) => {
    const run = seed === 1 ? towns : [...generateTowns(seed, 500)];
    for (const list of LIST_KINDS) {
      const average = mean(sizes(list, run));
      expect(Math.abs(average / NATIONAL_AVERAGE[list] - 1), `${list}: ${average.toFixed(1)}`).toBeLessThan(0.1);
    }
  });

  it("spreads list sizes around the average (sd about a quarter of it) and never below a few", () => {
    for (const list of LIST_KINDS) {
      const xs = sizes(list);
      const sd = Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
      expect(sd / mean(xs), list).toBeGreaterThan(0.15);
      expect(sd / mean(xs), list).toBeLessThan(0.35);
      expect(Math.min(...xs), list).toBeGreaterThanOrEqual(5);
      expect(Math.max(...xs), list).toBeLessThan(3 * NATIONAL_AVERAGE[list]);
      expect(Math.abs(median(xs) / NATIONAL_AVERAGE[list] - 1), list).toBeLessThan(0.15);
    }
    // 65.6% of items nationally are coordinated or reclaimed.
    const shared = mean(
      towns.map(
        (t) =>
          (t.revision.lists.coordinated.length + t.revision.lists.reclaimed.length) /
          LIST_KINDS.reduce((n, l) => n + t.revision.lists[l].length, 0),
      ),
    );
    expect(shared).toBeGreaterThan(0.6);
    expect(shared).toBeLessThan(0.71);
  });

  it("names 1 to 8 departments per coordinated row, one in three of four rows", () => {
    const counts = coordinated.map((d) => d.departments.length);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(8);
    const single = counts.filter((n) => n === 1).length / counts.length;
    expect(single).toBeGreaterThan(0.7);
    expect(single).toBeLessThan(0.8);
    for (const duty of coordinated) expect(new Set(duty.departments.map((d) => d.name)).size).toBe(duty.departments.length);
  });

  it("gives 农业农村局 the most coordinated rows, as in the seed", () => {
    const rows = new Map<string, number>();
    for (const town of towns) {
      const short = new Map(town.revision.departments.map((d) => [d.name, d.shortName]));
      for (const duty of town.revision.lists.coordinated)
        for (const ref of duty.departments) rows.set(short.get(ref.name)!, (rows.get(short.get(ref.name)!) ?? 0) + 1);
    }
    const ranked = [...rows].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]![0]).toBe("农业农村局");
    // Zipf-like: the top department leads far more rows than the median one.
    expect(ranked[0]![1]).toBeGreaterThan(4 * ranked[Math.floor(ranked.length / 2)]![1]);
  });

  it("keeps both duty cells of a coordinated row between 100 and 1,500 characters, mostly a few hundred", () => {
    const lengths = coordinated.map((d) => [...d.departmentDuties, ...d.townDuties].reduce((n, s) => n + s.text.length, 0));
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(DUTY_TEXT_BOUNDS.min);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(DUTY_TEXT_BOUNDS.max);
    expect(Math.max(...lengths)).toBeGreaterThan(800);
    expect(median(lengths)).toBeGreaterThan(180);
    expect(median(lengths)).toBeLessThan(450);
  });

  it("numbers steps from 1 and ends them like the seed (；, the last 。)", () => {
    const cells = [...coordinated.flatMap((d) => [d.departmentDuties, d.townDuties]), ...reclaimed.map((d) => d.method)];
    const bad = cells.filter(
      (steps) =>
        steps.length === 0 || steps.some((s, i) => s.order !== i + 1 || !/[；。]$/u.test(s.text)) || !steps.at(-1)!.text.endsWith("。"),
    );
    expect(bad).toEqual([]);
    expect(cells.filter((steps) => steps.length > 1).length).toBeGreaterThan(cells.length / 2);
  });

  it("makes about a third of reclaimed items penalties (对…的处罚), each returned to one department or two", () => {
    const penalties = reclaimed.filter((d) => /^对.+的处罚$/u.test(d.name)).length / reclaimed.length;
    expect(penalties).toBeGreaterThan(0.3);
    expect(penalties).toBeLessThan(0.4);
    for (const duty of reclaimed) expect(duty.receivers.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...reclaimed.map((d) => d.receivers.length))).toBe(2);
  });

  it("names departments after the county, or after the prefecture for its bureaus' county branches", () => {
    for (const town of towns) {
      const { county } = town;
      for (const d of town.revision.departments) {
        const branch = `${county.prefecture.name}生态环境局${county.name}分局`;
        expect(d.name === branch || d.name.startsWith(county.name), d.name).toBe(true);
        expect(d.abbreviation.startsWith(d.name === branch ? county.prefecture.name.at(-1)! : county.name.at(-1)!)).toBe(true);
      }
      expect(town.revision.departments.length).toBeGreaterThan(10);
      expect(town.revision.departments.length).toBeLessThanOrEqual(43);
    }
  });

  it("puts 党的建设 first and largest in the basic list, in contiguous category blocks", () => {
    const current = towns.filter((t) => t.revision.categories[0] === "党的建设");
    expect(current.length).toBeGreaterThan(400);
    const largest = current.filter((t) => {
      const counts = groupBy(t.revision.lists.basic, (d) => d.category);
      return Math.max(...[...counts.values()].map((c) => c.length)) === counts.get("党的建设")!.length;
    });
    expect(largest.length / current.length).toBeGreaterThan(0.8);
    for (const town of towns) {
      for (const list of LIST_KINDS) {
        const blocks = town.revision.lists[list].map((d) => d.category).filter((c, i, all) => c !== all[i - 1]);
        expect(new Set(blocks).size, `${town.node.name} ${list}`).toBe(blocks.length);
      }
    }
  });

  it("lets some counties keep the predecessor categories (基层党建 …)", () => {
    const legacy = [...byCounty().values()].filter((group) => group[0]!.revision.categories.every((c) => LEGACY_ORDER.includes(c)));
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy.length / byCounty().size).toBeLessThan(0.25);
  });

  it("has the towns of a county share most duties and add a few of their own", () => {
    const key = (town: SyntheticTown) =>
      new Set(
        LIST_KINDS.flatMap((list) =>
          town.revision.lists[list]
            .filter((d) => !town.personalised.has(d))
            .map((d) => `${list}|${d.name.replace(/本(镇|乡|街道)/gu, "本镇")}`),
        ),
      );
    for (const group of byCounty().values()) {
      const first = key(group[0]!);
      for (const town of group.slice(1)) {
        const other = key(town);
        const shared = [...other].filter((k) => first.has(k)).length;
        expect(shared / new Set([...first, ...other]).size, town.node.name).toBeGreaterThan(0.9);
      }
      for (const town of group) {
        const own = town.revision.lists.basic.filter((d) => town.personalised.has(d));
        expect(own.length).toBeGreaterThanOrEqual(1);
        expect(own.length).toBeLessThanOrEqual(3);
        const elsewhere = new Set(group.filter((t) => t !== town).flatMap((t) => t.revision.lists.basic.map((d) => d.name)));
        for (const duty of own) expect(elsewhere.has(duty.name), duty.name).toBe(false);
      }
    }
  });

  it("writes names about as long as the seed's (basic median 43, coordinated 12)", () => {
    const basicLengths = towns.flatMap((t) => t.revision.lists.basic.map((d) => d.name.length));
    expect(median(basicLengths)).toBeGreaterThan(15);
    expect(median(basicLengths)).toBeLessThan(60);
    expect(median(coordinated.map((d) => d.name.length))).toBeLessThan(20);
  });
});
