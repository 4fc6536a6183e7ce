import { readTitle } from "@duty/domain";
import { describe, expect, it } from "vitest";
import { buildAtlas, ETHNIC_TAGS, FRONTIER_SYLLABLES, HAMLET_ENDINGS, HAN_SYLLABLES, SURNAMES } from "./places.ts";

const NATIONAL = 38_600;

describe("buildAtlas", () => {
  const atlas = buildAtlas(1, NATIONAL);
  const towns = atlas.counties.flatMap((c) => c.towns);

  it("has the national shape: 31 provinces, about 333 prefectures and 2,800 counties of about 14 towns", () => {
    expect(atlas.provinces).toHaveLength(31);
    expect(towns).toHaveLength(NATIONAL);
    expect(atlas.counties.length).toBeGreaterThan(2_600);
    expect(atlas.counties.length).toBeLessThan(3_000);
    expect(atlas.prefectures.length).toBeGreaterThan(280);
    expect(atlas.prefectures.length).toBeLessThan(400);
    expect(Math.min(...atlas.counties.map((c) => c.towns.length))).toBeGreaterThanOrEqual(3);
    expect(Math.max(...atlas.counties.map((c) => c.towns.length))).toBeLessThanOrEqual(30);
  });

  it("uses every level's suffixes, 旗 only in autonomous regions", () => {
    const suffix = (name: string, re: RegExp) => re.exec(name)?.[0] ?? "?";
    expect(new Set(atlas.provinces.map((p) => suffix(p.name, /(省|自治区)$/u)))).toEqual(new Set(["省", "自治区"]));
    expect(atlas.provinces.filter((p) => p.name.endsWith("自治区"))).toHaveLength(5);
    expect(new Set(atlas.prefectures.map((p) => suffix(p.name, /(市|州|地区)$/u)))).toEqual(new Set(["市", "州", "地区"]));
    expect(new Set(atlas.counties.map((c) => suffix(c.name, /(自治县|县|区|市|旗)$/u)))).toEqual(
      new Set(["县", "区", "市", "旗", "自治县"]),
    );
    expect(atlas.counties.filter((c) => c.name.endsWith("旗")).every((c) => c.autonomous)).toBe(true);
    expect(new Set(towns.map((t) => suffix(t.name, /(镇|乡|街道)$/u)))).toEqual(new Set(["镇", "乡", "街道"]));
  });

  it("numbers regions depth-first, parents before children, with unique names per level", () => {
    const all = [...atlas.provinces, ...atlas.prefectures, ...atlas.counties, ...towns];
    const ids = new Set(all.map((r) => r.id));
    expect(ids.size).toBe(all.length);
    for (const region of all) if (region.parentId !== null) expect(region.parentId).toBeLessThan(region.id);
    for (const level of [atlas.provinces, atlas.prefectures, atlas.counties])
      expect(new Set(level.map((r) => r.name)).size).toBe(level.length);
    for (const county of atlas.counties) expect(new Set(county.towns.map((t) => t.name)).size).toBe(county.towns.length);
  });

  it("spreads a small run over the provinces instead of filling one corner", () => {
    const small = buildAtlas(1, 500);
    expect(small.provinces).toHaveLength(31);
    expect(small.counties.flatMap((c) => c.towns)).toHaveLength(500);
  });

  it("writes titles the domain's title reader splits back into the same places", () => {
    for (const county of atlas.counties.slice(0, 400)) {
      for (const town of county.towns.slice(0, 2)) {
        const title = `${county.province.name}${county.prefecture.name}${county.name}${town.name}基本履职事项清单`;
        expect(readTitle(title)?.region).toEqual({
          province: county.province.name,
          prefecture: county.prefecture.name,
          county: county.name,
          town: town.name,
        });
      }
    }
  });

  it("builds stems from syllables that no title suffix can be read out of", () => {
    const reserved = /[省州市县区旗盟地镇乡街道苏木自治]/u;
    for (const table of [HAN_SYLLABLES, FRONTIER_SYLLABLES, SURNAMES, HAMLET_ENDINGS, ETHNIC_TAGS]) {
      expect(table.filter((s) => reserved.test(s))).toEqual([]);
    }
  });

  it("is the same tree for the same seed and a different one for another", () => {
    const names = (seed: number) =>
      buildAtlas(seed, 300).counties.map((c) => `${c.prefecture.name}${c.name}:${c.towns.map((t) => t.name).join(",")}`);
    expect(names(7)).toEqual(names(7));
    expect(names(8)).not.toEqual(names(7));
  });

  it("rejects a town count that is not a positive integer", () => {
    expect(() => buildAtlas(1, 0)).toThrow(RangeError);
    expect(() => buildAtlas(1, 2.5)).toThrow(RangeError);
  });
});
