import { describe, expect, it } from "vitest";
import {
  type RegionSummary,
  type RevisionDetail,
  type ScopeSources,
  describeScope,
  listLabel,
  regionPath,
  sourceLabel,
} from "./scope-info.ts";

describe("describeScope", () => {
  const county: RegionSummary = {
    id: 2,
    level: "county",
    name: "玛纳斯县",
    towns: 2,
    latestRevisionId: null,
    hasChildren: true,
    path: [
      { id: 9, level: "province", name: "新疆维吾尔自治区" },
      { id: 1, level: "prefecture", name: "昌吉回族自治州" },
    ],
  };
  const revision = (id: number, town: string, sourceFile: string, label = "送审稿"): RevisionDetail => ({
    id,
    townId: 3,
    town,
    label,
    status: "published",
    effectiveDate: "2025-06-30",
    importedAt: "",
    sourceFile,
    contentHash: "",
    counts: { basic: 0, coordinated: 0, reclaimed: 0, links: 0, steps: 0 },
    path: [],
    latest: false,
    standingId: null,
    regionIds: [3],
    hasSource: true,
  });
  const named = (town: string, sourceFile: string, label = "送审稿") => ({ town, label, effectiveDate: "2025-06-30", sourceFile });

  it("names the revision readably and keeps its document's file name for tracing", () => {
    expect(describeScope({ revisionId: 6 }, { revision: revision(6, "乐土驿镇", "letuyi-old.txt") })).toEqual({
      scope: "乐土驿镇 送审稿",
      place: "乐土驿镇",
      revisions: "乐土驿镇 送审稿（生效日期 2025年6月30日）",
      files: "letuyi-old.txt",
    });
    // A revision labelled by its file name is named by town and date instead.
    const byFile = revision(1, "兰州湾镇", "lanzhouwan.txt", "lanzhouwan.txt");
    expect(describeScope({ revisionId: 1 }, { revision: byFile }).scope).toBe("兰州湾镇 2025年6月30日版");
  });

  it("names a region with the revisions and documents the server says it reads", () => {
    const sources: ScopeSources = {
      towns: 2,
      revisions: [named("兰州湾镇", "lanzhouwan.txt", "lanzhouwan.txt"), named("乐土驿镇", "letuyi.txt")],
    };
    expect(describeScope({ regionId: 2 }, { region: county, sources })).toEqual({
      scope: "玛纳斯县（2 个乡镇，各取最新发布版本）",
      place: "玛纳斯县",
      revisions: "兰州湾镇 2025年6月30日版、乐土驿镇 送审稿",
      files: "lanzhouwan.txt、letuyi.txt",
    });
    // 2,001 towns: the first revisions and the count, not 2,001 names.
    const many: ScopeSources = { towns: 2001, revisions: [named("甲镇", "a.txt"), named("乙镇", "b.txt"), named("丙镇", "c.txt")] };
    expect(describeScope({}, { sources: many })).toEqual({
      scope: "全部乡镇（各取最新发布版本）",
      place: "全国",
      revisions: "甲镇 送审稿、乙镇 送审稿 等 2001 个版本",
      files: "a.txt、b.txt 等 2001 份文件",
    });
  });

  it("writes a region's path from the top down", () => {
    expect(regionPath(county)).toBe("新疆维吾尔自治区 / 昌吉回族自治州 / 玛纳斯县");
  });
});

describe("listLabel", () => {
  it("names up to three and counts the rest", () => {
    expect(listLabel(["a", "b", "a"])).toBe("a、b");
    expect(listLabel(["a", "b", "c", "d"], "个版本")).toBe("a、b 等 4 个版本");
    expect(sourceLabel(["a", "b"], 5)).toBe("a、b 等 5 份文件");
  });
});
