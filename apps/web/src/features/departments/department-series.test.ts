import type { RouterOutputs } from "@duty/api";
import { describe, expect, it } from "vitest";
import { heatmapTable } from "../../charts/heatmap-chart.tsx";
import { barsTable } from "../../charts/stacked-bars.tsx";
import { DEPARTMENT_LOAD_BARS, departmentLoadRows, heatmapData } from "./department-series.ts";

type Load = RouterOutputs["stats"]["departmentLoad"]["departments"][number];
type Matrix = RouterOutputs["stats"]["matrix"];

function load(partial: Partial<Load> & Pick<Load, "departmentId" | "name" | "shortName">): Load {
  return {
    kind: "government", countyId: 2, county: "玛纳斯县",
    coordinatedLed: 0, reclaimedReceived: 0, townSteps: 0, departmentSteps: 0, ...partial,
  };
}

describe("departmentLoadRows", () => {
  const stats = [
    load({ departmentId: 1, name: "玛纳斯县委组织部", shortName: "组织部", coordinatedLed: 8 }),
    load({ departmentId: 2, name: "玛纳斯县农业农村局", shortName: "农业农村局", coordinatedLed: 13, reclaimedReceived: 6, townSteps: 40, departmentSteps: 38 }),
    load({ departmentId: 3, name: "玛纳斯县水利局", shortName: "水利局", coordinatedLed: 8 }),
    load({ departmentId: 4, name: "玛纳斯县人力资源和社会保障局", shortName: "人力资源和社会保障局", coordinatedLed: 4, reclaimedReceived: 6 }),
  ];

  it("orders by led + received, keeping the API order on ties, and cuts to the top N", () => {
    expect(departmentLoadRows(stats).map((r) => r.departmentId)).toEqual([2, 4, 1, 3]);
    expect(departmentLoadRows(stats, 2).map((r) => [r.label, r.coordinatedLed, r.reclaimedReceived])).toEqual([
      ["农业农村局", 13, 6],
      ["人力资源和社会保障局", 4, 6],
    ]);
    expect(departmentLoadRows(stats)[0]).toMatchObject({ name: "玛纳斯县农业农村局", townSteps: 40, departmentSteps: 38 });
    expect(barsTable(DEPARTMENT_LOAD_BARS, departmentLoadRows(stats, 1))).toEqual({
      columns: ["部门", "牵头配合事项", "承接收回事项", "合计"],
      rows: [["玛纳斯县农业农村局", 13, 6, 19]],
    });
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
