import { describe, expect, it } from "vitest";
import type { Revision } from "../types.ts";
import { compareTowns } from "./compare-towns.ts";
import { inlineRevision, parseText, readRevision, readText, SEED_URL } from "./fixtures/documents.ts";

const seedText = readText(SEED_URL);
const seed = readRevision(SEED_URL);

/** The seed moved to another town of the county, without some basic rows and with extra ones. */
function town(name: string, drop: readonly number[], extra: readonly string[] = []): Revision {
  const revision = parseText(seedText.replaceAll("兰州湾", name));
  const kept = revision.lists.basic.filter((d) => !drop.includes(d.seq));
  const added = extra.map((name) => ({ list: "basic" as const, seq: 0, category: "经济发展", name, line: 0 }));
  // Renumbered as a published list would be.
  const basic = [...kept, ...added].map((d, i) => ({ ...d, seq: i + 1 }));
  return { ...revision, lists: { ...revision.lists, basic } };
}

describe("compareTowns", () => {
  // Basic 28 (王家庄村土豆) and 29 (玛禾生态农庄茶产业) are the seed's town-specific rows (DOMAIN.md §10).
  const letuyi = town("乐土驿", [28], ["发展乐土驿镇葡萄种植和葡萄酒加工产业"]);
  const beiwucha = town("北五岔", [28, 29]);
  const result = compareTowns([seed, letuyi, beiwucha]);
  const group = (name: string) => result.groups.filter((g) => g.name.startsWith(name));

  it("finds a duty only the first town has town-specific", () => {
    const potato = group("发展王家庄村土豆");
    expect(potato.map((g) => [g.presence, g.towns, g.members.map((m) => m?.seq ?? null)])).toEqual([["specific", 1, [28, null, null]]]);
  });

  it("matches a row naming each town by its own name, and finds it in some towns", () => {
    // 「…带得走的兰州湾礼物…」 and 「…带得走的乐土驿礼物…」 are one duty once each town's name is folded.
    const tea = group("联合玛禾生态农庄");
    expect(tea.map((g) => [g.presence, g.towns, g.members.map((m) => m?.seq ?? null)])).toEqual([["some", 2, [29, 28, null]]]);
    expect(tea[0]!.members[1]!.name).toContain("乐土驿礼物");
  });

  it("finds a later town's own duty town-specific", () => {
    const grapes = group("发展乐土驿镇葡萄");
    expect(grapes.map((g) => [g.presence, g.members.map((m) => m?.seq ?? null)])).toEqual([["specific", [null, 109, null]]]);
  });

  it("finds every other duty in all towns", () => {
    // 246 seed duties and 乐土驿's one extra; 244 seed duties (all but basic 28 and 29) in all three.
    expect(result.groups).toHaveLength(247);
    expect(result.summary).toMatchObject({ all: 244, some: 1, specific: 2 });
    expect(result.summary.towns.map((t) => [t.town.town, t.duties, t.all, t.some, t.specific])).toEqual([
      ["兰州湾镇", 246, 244, 1, 1],
      ["乐土驿镇", 246, 244, 1, 1],
      ["北五岔镇", 244, 244, 0, 0],
    ]);
    for (const g of result.groups.filter((g) => g.presence === "all")) {
      expect(new Set(g.members.map((m) => `${m!.list} ${m!.category}`)).size, g.name).toBe(1);
    }
  });

  it("never puts two duties of one town in one group", () => {
    // Both of the second town's rows resemble the first town's one (10/12 = 0.833 and 6/10 = 0.6); only the closer joins it.
    const result = compareTowns([
      inlineRevision({ basic: [{ name: "湿地保护修复工作" }] }),
      inlineRevision({ basic: [{ name: "湿地保护" }, { name: "湿地保护修复" }] }, "昌吉州玛纳斯县乐土驿镇"),
    ]);
    expect(result.groups.map((g) => [g.presence, g.members.map((m) => m?.name ?? null)])).toEqual([
      ["all", ["湿地保护修复工作", "湿地保护修复"]],
      ["specific", [null, "湿地保护"]],
    ]);
  });
});
