import { describe, expect, it } from "vitest";
import { type RegionNode, type RevisionSummary, describeScope } from "./scope-info.ts";

describe("describeScope", () => {
  const town = (id: number, name: string, latestRevisionId: number | null): RegionNode => ({
    id, level: "town", name, towns: latestRevisionId ? 1 : 0, latestRevisionId, children: [],
  });
  const tree: RegionNode[] = [
    {
      id: 1, level: "prefecture", name: "昌吉州", towns: 2, latestRevisionId: null,
      children: [{ id: 2, level: "county", name: "玛纳斯县", towns: 2, latestRevisionId: null, children: [town(3, "兰州湾镇", 1), town(4, "乐土驿镇", 7)] }],
    },
  ];
  const revision = (id: number, townName: string, file: string): RevisionSummary => ({
    id, townId: 3, town: townName, label: "送审稿", effectiveDate: "2025-06-30", importedAt: "", sourceFile: file, contentHash: "",
    counts: { basic: 0, coordinated: 0, reclaimed: 0, links: 0, steps: 0 },
  });
  const revisions = [revision(1, "兰州湾镇", "lanzhouwan.txt"), revision(7, "乐土驿镇", "letuyi.txt"), revision(6, "乐土驿镇", "letuyi-old.txt")];

  it("names the revision and its document", () => {
    expect(describeScope({ revisionId: 6 }, tree, revisions)).toEqual({ scope: "乐土驿镇 · 送审稿（2025-06-30）", source: "letuyi-old.txt" });
  });

  it("names a region with the documents of its towns' latest revisions", () => {
    expect(describeScope({ regionId: 2 }, tree, revisions)).toEqual({
      scope: "玛纳斯县（2 个乡镇，各取最新版本）",
      source: "lanzhouwan.txt、letuyi.txt",
    });
    expect(describeScope({}, tree, revisions).source).toBe("lanzhouwan.txt、letuyi.txt");
  });
});
