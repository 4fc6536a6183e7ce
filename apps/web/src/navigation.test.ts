import { describe, expect, it } from "vitest";
import { parseLists } from "./duty-search.ts";
import { scopeFromParams, scopePatch } from "./scope.ts";
import { type RegionNode, type RevisionSummary, describeScope } from "./scope-info.ts";
import { buildSearch } from "./url-state.ts";

describe("scope in the URL", () => {
  it("reads a revision, else a region, else everything, and ignores garbage", () => {
    expect(scopeFromParams(new URLSearchParams("revision=3&region=2"))).toEqual({ revisionId: 3 });
    expect(scopeFromParams(new URLSearchParams("region=2"))).toEqual({ regionId: 2 });
    expect(scopeFromParams(new URLSearchParams("revision=-1&region=abc"))).toEqual({});
    expect(scopeFromParams(new URLSearchParams("revision=0"))).toEqual({});
  });

  it("writes one scope and clears the other", () => {
    expect(buildSearch("?page=duties&region=2&q=低保", scopePatch({ revisionId: 5 }))).toBe(
      `?page=duties&q=${encodeURIComponent("低保")}&revision=5`,
    );
    expect(buildSearch("?revision=5", scopePatch({}))).toBe("");
  });
});

describe("buildSearch", () => {
  it("keeps other parameters, drops empty ones, and can start afresh", () => {
    expect(buildSearch("?page=duties&list=basic", { list: null, category: "9" })).toBe("?page=duties&category=9");
    expect(buildSearch("?page=duties&list=basic", { page: "departments" }, true)).toBe("?page=departments");
  });
});

describe("parseLists", () => {
  it("accepts known lists in document order and drops the rest", () => {
    expect(parseLists("coordinated,basic")).toEqual(["basic", "coordinated"]);
    expect(parseLists("reclaimed,<script>")).toEqual(["reclaimed"]);
    expect(parseLists(null)).toEqual([]);
  });
});

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
