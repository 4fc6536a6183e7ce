import { describe, expect, it } from "vitest";
import { toCsv } from "../export/csv.ts";
import type { RouterOutputs } from "../trpc.ts";
import { categoryListTable } from "./category-list-chart.tsx";
import { categoryDeltaTable } from "./category-delta-chart.tsx";
import { heatmapTable } from "./heatmap-chart.tsx";
import {
  categoryDeltaRows,
  categoryListRows,
  departmentLoadRows,
  heatmapData,
  listCountRows,
  reclaimedRetainedRows,
  referencePercent,
  shareRows,
} from "./series.ts";

type Overview = RouterOutputs["stats"]["overview"];
type Load = RouterOutputs["stats"]["departmentLoad"]["departments"][number];
type Matrix = RouterOutputs["stats"]["matrix"];
type Revision = RouterOutputs["revisions"]["list"]["items"][number];

// The seed (兰州湾镇) as stats.overview reports it.
const seed: Overview = {
  towns: 1, basic: 109, coordinated: 100, reclaimed: 37, total: 246, categories: 20,
  delegatedShare: 137 / 246, nationalDelegatedShare: 0.656, departments: 38, leadLinks: 150, receiverLinks: 37,
};

function load(partial: Partial<Load> & Pick<Load, "departmentId" | "name" | "shortName">): Load {
  return {
    kind: "government", countyId: 2, county: "玛纳斯县",
    coordinatedLed: 0, reclaimedReceived: 0, townSteps: 0, departmentSteps: 0, ...partial,
  };
}

function revision(id: number, town: string, counts: { basic: number; coordinated: number; reclaimed: number }): Revision {
  return {
    id, townId: id + 10, town, label: `${town}.txt`, effectiveDate: "2025-06-30", importedAt: "2025-07-01T00:00:00.000Z",
    sourceFile: `${town}.txt`, contentHash: "x", counts: { ...counts, links: 0, steps: 0 },
  };
}

describe("listCountRows", () => {
  it("gives the three lists in document order with their Chinese names", () => {
    expect(listCountRows(seed)).toEqual([
      { list: "basic", label: "基本履职事项", count: 109 },
      { list: "coordinated", label: "配合履职事项", count: 100 },
      { list: "reclaimed", label: "上级部门收回事项", count: 37 },
    ]);
  });
});

describe("shareRows", () => {
  it("draws the seed's 55.7% as 40.7% coordinated plus 15.0% reclaimed against 65.6%", () => {
    expect(referencePercent(seed)).toBe(65.6);
    expect(shareRows(seed, "兰州湾镇")).toEqual([
      {
        revisionId: null, label: "兰州湾镇", total: 246, coordinated: 100, reclaimed: 37,
        coordinatedPercent: 40.7, reclaimedPercent: 15, sharePercent: 55.7,
      },
    ]);
  });

  it("puts one bar per town before the total when a region holds several towns", () => {
    const towns = [revision(2, "乐土驿镇", { basic: 10, coordinated: 5, reclaimed: 5 }), revision(1, "兰州湾镇", { basic: 109, coordinated: 100, reclaimed: 37 })];
    const total: Overview = { ...seed, towns: 2, basic: 119, coordinated: 105, reclaimed: 42, total: 266 };
    const rows = shareRows(total, "玛纳斯县", towns);
    expect(rows.map((r) => [r.label, r.revisionId, r.sharePercent])).toEqual([
      ["兰州湾镇", 1, 55.7],
      ["乐土驿镇", 2, 50],
      ["合计", null, 55.3],
    ]);
  });

  it("draws an empty scope as 0% rather than NaN", () => {
    const empty: Overview = { ...seed, basic: 0, coordinated: 0, reclaimed: 0, total: 0, delegatedShare: 0 };
    expect(shareRows(empty, "空")[0]).toMatchObject({ sharePercent: 0, coordinatedPercent: 0, reclaimedPercent: 0 });
  });
});

describe("categoryListRows", () => {
  it("keeps the API's document order and exports exactly the drawn numbers", () => {
    const rows = categoryListRows([
      { categoryId: 1, category: "党的建设", basic: 22, coordinated: 11, reclaimed: 0, total: 33 },
      { categoryId: 9, category: "社会保障", basic: 9, coordinated: 8, reclaimed: 9, total: 26 },
    ]);
    expect(rows.map((r) => r.category)).toEqual(["党的建设", "社会保障"]);
    expect(toCsv(categoryListTable(rows))).toBe(
      "\uFEFF事项类别,基本履职事项,配合履职事项,上级部门收回事项,合计\r\n党的建设,22,11,0,33\r\n社会保障,9,8,9,26\r\n",
    );
  });

  it("passes reclaimed and retained through per category", () => {
    expect(reclaimedRetainedRows([{ categoryId: 9, category: "社会保障", retained: 17, reclaimed: 9 }])).toEqual([
      { categoryId: 9, category: "社会保障", retained: 17, reclaimed: 9 },
    ]);
  });
});

describe("departmentLoadRows", () => {
  const stats = [
    load({ departmentId: 1, name: "玛纳斯县委组织部", shortName: "组织部", coordinatedLed: 8 }),
    load({ departmentId: 2, name: "玛纳斯县农业农村局", shortName: "农业农村局", coordinatedLed: 13, reclaimedReceived: 6, townSteps: 40, departmentSteps: 38 }),
    load({ departmentId: 3, name: "玛纳斯县水利局", shortName: "水利局", coordinatedLed: 8 }),
    load({ departmentId: 4, name: "玛纳斯县人力资源和社会保障局", shortName: "人力资源和社会保障局", coordinatedLed: 4, reclaimedReceived: 6 }),
  ];

  it("orders by led + received, keeping the API order on ties, and cuts to the top N", () => {
    expect(departmentLoadRows(stats).map((r) => r.departmentId)).toEqual([2, 4, 1, 3]);
    expect(departmentLoadRows(stats, 2).map((r) => [r.label, r.coordinated, r.reclaimed])).toEqual([
      ["农业农村局", 13, 6],
      ["人力资源和社会保障局", 4, 6],
    ]);
    expect(departmentLoadRows(stats)[0]).toMatchObject({ name: "玛纳斯县农业农村局", townSteps: 40, departmentSteps: 38 });
  });

  it("names the county only when several counties share the scope", () => {
    const two = [...stats, load({ departmentId: 9, name: "呼图壁县农业农村局", shortName: "农业农村局", countyId: 5, county: "呼图壁县", coordinatedLed: 1 })];
    expect(departmentLoadRows(two).map((r) => r.label)).toContain("呼图壁县·农业农村局");
    expect(departmentLoadRows(two).map((r) => r.label)).toContain("玛纳斯县·农业农村局");
  });
});

describe("heatmapData", () => {
  const matrix: Matrix = [
    { departmentId: 2, department: "玛纳斯县农业农村局", categoryId: 5, category: "乡村振兴", coordinated: 9, reclaimed: 6 },
    { departmentId: 1, department: "玛纳斯县委组织部", categoryId: 1, category: "党的建设", coordinated: 8, reclaimed: 0 },
    { departmentId: 2, department: "玛纳斯县农业农村局", categoryId: 1, category: "党的建设", coordinated: 1, reclaimed: 0 },
    { departmentId: null, department: "农业农村局", categoryId: 5, category: "乡村振兴", coordinated: 99, reclaimed: 0 },
  ];

  it("adds coordinated and reclaimed per cell, orders departments by total and categories by document order", () => {
    const data = heatmapData(matrix, []);
    expect(data.departments.map((d) => d.id)).toEqual([2, 1]);
    expect(data.categories).toEqual([{ id: 1, name: "党的建设" }, { id: 5, name: "乡村振兴" }]);
    expect(data.max).toBe(15);
    expect(data.cells).toHaveLength(3);
  });

  it("exports the full grid as drawn, zeros included", () => {
    expect(heatmapTable(heatmapData(matrix, []))).toEqual({
      columns: ["部门", "党的建设", "乡村振兴"],
      rows: [
        ["玛纳斯县农业农村局", 1, 15],
        ["玛纳斯县委组织部", 8, 0],
      ],
    });
  });

  it("labels departments as the load chart does", () => {
    const data = heatmapData(matrix, [load({ departmentId: 2, name: "玛纳斯县农业农村局", shortName: "农业农村局" })]);
    expect(data.departments[0]).toEqual({ id: 2, name: "玛纳斯县农业农村局", label: "农业农村局" });
    expect(data.departments[1]?.label).toBe("玛纳斯县委组织部");
  });
});

describe("categoryDeltaRows", () => {
  // diff.compare of the seed and its synthetic revision, two of its twenty categories: 党的建设 gains the added
  // coordinated 12 (11 → 12 coordinated); 自然资源 loses basic 80 to 生态环保 (7 → 6 basic).
  const categories: RouterOutputs["diff"]["compare"]["summary"]["categories"] = [
    {
      category: "党的建设", before: 33, after: 34, delta: 1,
      lists: { basic: { before: 22, after: 22, delta: 0 }, coordinated: { before: 11, after: 12, delta: 1 }, reclaimed: { before: 0, after: 0, delta: 0 } },
    },
    {
      category: "自然资源", before: 25, after: 24, delta: -1,
      lists: { basic: { before: 7, after: 6, delta: -1 }, coordinated: { before: 12, after: 12, delta: 0 }, reclaimed: { before: 6, after: 6, delta: 0 } },
    },
  ];

  it("gives each category's totals before and after, in the diff's order", () => {
    const rows = categoryDeltaRows(categories);
    expect(rows).toEqual([
      { category: "党的建设", before: 33, after: 34, delta: 1 },
      { category: "自然资源", before: 25, after: 24, delta: -1 },
    ]);
    expect(toCsv(categoryDeltaTable(rows, "修订前", "修订后")).slice(1)).toBe("事项类别,修订前,修订后,增减\r\n党的建设,33,34,1\r\n自然资源,25,24,-1\r\n");
  });
});
