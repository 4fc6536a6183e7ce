import { describe, expect, it } from "vitest";
import { type RegionSummary, type RevisionDetail, describeScope, regionPath, sourceLabel } from "./scope-info.ts";

describe("describeScope", () => {
  const county: RegionSummary = {
    id: 2, level: "county", name: "玛纳斯县", towns: 2, latestRevisionId: null, hasChildren: true,
    path: [{ id: 9, level: "province", name: "新疆维吾尔自治区" }, { id: 1, level: "prefecture", name: "昌吉回族自治州" }],
  };
  const revision: RevisionDetail = {
    id: 6, townId: 3, town: "乐土驿镇", label: "送审稿", effectiveDate: "2025-06-30", importedAt: "", sourceFile: "letuyi-old.txt",
    contentHash: "", counts: { basic: 0, coordinated: 0, reclaimed: 0, links: 0, steps: 0 }, path: [], latest: false,
  };

  it("names the revision and its document", () => {
    expect(describeScope({ revisionId: 6 }, { revision })).toEqual({ scope: "乐土驿镇 · 送审稿（2025-06-30）", source: "letuyi-old.txt" });
  });

  it("names a region with the documents the server says it reads", () => {
    const sources = { towns: 2, files: ["lanzhouwan.txt", "letuyi.txt"] };
    expect(describeScope({ regionId: 2 }, { region: county, sources })).toEqual({
      scope: "玛纳斯县（2 个乡镇，各取最新版本）",
      source: "lanzhouwan.txt、letuyi.txt",
    });
    // 2,001 towns: the first files and the count, not 2,001 names.
    expect(describeScope({}, { sources: { towns: 2001, files: ["a.txt", "b.txt", "c.txt"] } }).source).toBe("a.txt、b.txt 等 2001 份文件");
  });

  it("writes a region's path from the top down", () => {
    expect(regionPath(county)).toBe("新疆维吾尔自治区 / 昌吉回族自治州 / 玛纳斯县");
    expect(sourceLabel(["a", "a", "b"])).toBe("a、b");
  });
});
