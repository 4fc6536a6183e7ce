import { describe, expect, it } from "vitest";
import { type RegionNode, type RevisionSummary, describeScope, listLabel } from "./scope-info.ts";

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
  const revision = (id: number, townName: string, file: string, label = "送审稿"): RevisionSummary => ({
    id, townId: 3, town: townName, label, status: "published", effectiveDate: "2025-06-30", importedAt: "", sourceFile: file, contentHash: "",
    counts: { basic: 0, coordinated: 0, reclaimed: 0, links: 0, steps: 0 },
  });
  const revisions = [revision(1, "兰州湾镇", "lanzhouwan.txt", "lanzhouwan.txt"), revision(7, "乐土驿镇", "letuyi.txt"), revision(6, "乐土驿镇", "letuyi-old.txt")];

  it("names the revision readably and keeps its document's file name for tracing", () => {
    expect(describeScope({ revisionId: 6 }, tree, revisions)).toEqual({
      scope: "乐土驿镇 送审稿",
      place: "乐土驿镇",
      revisions: "乐土驿镇 送审稿（生效日期 2025年6月30日）",
      files: "letuyi-old.txt",
    });
    // A revision labelled by its file name is named by town and date instead.
    expect(describeScope({ revisionId: 1 }, tree, revisions).scope).toBe("兰州湾镇 2025年6月30日版");
  });

  it("names a region with its towns' latest revisions and their documents", () => {
    expect(describeScope({ regionId: 2 }, tree, revisions)).toEqual({
      scope: "玛纳斯县（2 个乡镇，各取最新发布版本）",
      place: "玛纳斯县",
      revisions: "兰州湾镇 2025年6月30日版、乐土驿镇 送审稿",
      files: "lanzhouwan.txt、letuyi.txt",
    });
    expect(describeScope({}, tree, revisions)).toMatchObject({ place: "全国", files: "lanzhouwan.txt、letuyi.txt" });
  });
});

describe("listLabel", () => {
  it("names up to three and counts the rest", () => {
    expect(listLabel(["a", "b", "a"])).toBe("a、b");
    expect(listLabel(["a", "b", "c", "d"], "个版本")).toBe("a、b 等 4 个版本");
  });
});
