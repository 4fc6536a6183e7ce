import type { RouterOutputs } from "@duty/api";
import { describe, expect, it } from "vitest";
import { heatmapTable } from "../../charts/heatmap-chart.tsx";
import { barsTable } from "../../charts/stacked-bars.tsx";
import { DEPARTMENT_LOAD_BARS, departmentLoadRows, heatmapData } from "./department-series.ts";

type Load = RouterOutputs["stats"]["departmentLoad"]["items"][number];
type Cell = RouterOutputs["stats"]["matrix"]["cells"][number];

function load(partial: Partial<Load> & Pick<Load, "departmentId" | "name" | "shortName">): Load {
  const row = {
    kind: "government" as const,
    countyId: 2,
    county: "玛纳斯县",
    coordinatedLed: 0,
    reclaimedReceived: 0,
    townSteps: 0,
    departmentSteps: 0,
    ...partial,
  };
  return { ...row, total: row.coordinatedLed + row.reclaimedReceived };
}

describe("departmentLoadRows", () => {
  // In the server's order (heaviest first): the page draws what it is given.
  const stats = [
    load({
      departmentId: 2,
      name: "玛纳斯县农业农村局",
      shortName: "农业农村局",
      coordinatedLed: 13,
      reclaimedReceived: 6,
      townSteps: 40,
      departmentSteps: 38,
    }),
    load({
      departmentId: 4,
      name: "玛纳斯县人力资源和社会保障局",
      shortName: "人力资源和社会保障局",
      coordinatedLed: 4,
      reclaimedReceived: 6,
    }),
  ];

  it("keeps the server's order and total, labelled by short name", () => {
    expect(departmentLoadRows(stats).map((r) => [r.label, r.coordinatedLed, r.reclaimedReceived])).toEqual([
      ["农业农村局", 13, 6],
      ["人力资源和社会保障局", 4, 6],
    ]);
    expect(barsTable(DEPARTMENT_LOAD_BARS, departmentLoadRows(stats.slice(0, 1)))).toEqual({
      columns: ["部门", "牵头配合事项", "承接收回事项", "合计"],
      rows: [["玛纳斯县农业农村局", 13, 6, 19]],
    });
  });

  it("names the county only when several counties share the page", () => {
    const two = [
      ...stats,
      load({ departmentId: 9, name: "呼图壁县农业农村局", shortName: "农业农村局", countyId: 5, county: "呼图壁县", coordinatedLed: 1 }),
    ];
    expect(departmentLoadRows(two).map((r) => r.label)).toContain("呼图壁县·农业农村局");
    expect(departmentLoadRows(two).map((r) => r.label)).toContain("玛纳斯县·农业农村局");
    expect(departmentLoadRows(stats).map((r) => r.label)).not.toContain("玛纳斯县·农业农村局");
  });
});

describe("heatmapData", () => {
  // As stats.matrix sends a page: departments heaviest first, each with its cells in category order.
  const cells: Cell[] = [
    { departmentId: 2, department: "玛纳斯县农业农村局", categoryId: 1, category: "党的建设", coordinated: 1, reclaimed: 0, total: 1 },
    { departmentId: 2, department: "玛纳斯县农业农村局", categoryId: 5, category: "乡村振兴", coordinated: 9, reclaimed: 6, total: 15 },
    { departmentId: 1, department: "玛纳斯县委组织部", categoryId: 1, category: "党的建设", coordinated: 8, reclaimed: 0, total: 8 },
  ];

  it("draws the server's cell totals, departments in its order, categories by document order", () => {
    const data = heatmapData(cells);
    expect(data.departments.map((d) => d.id)).toEqual([2, 1]);
    expect(data.categories).toEqual([
      { id: 1, name: "党的建设" },
      { id: 5, name: "乡村振兴" },
    ]);
    expect(data.max).toBe(15);
    expect(data.cells).toHaveLength(3);
  });

  it("exports the full grid as drawn, zeros included", () => {
    expect(heatmapTable(heatmapData(cells))).toEqual({
      columns: ["部门", "党的建设", "乡村振兴"],
      rows: [
        ["玛纳斯县农业农村局", 1, 15],
        ["玛纳斯县委组织部", 8, 0],
      ],
    });
  });
});
