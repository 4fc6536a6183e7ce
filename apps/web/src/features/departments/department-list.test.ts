import { describe, expect, it } from "vitest";
import { matchDepartments } from "./department-list.tsx";
import type { DepartmentRow } from "./department-series.ts";

const row = (departmentId: number, name: string, shortName: string, county: string): DepartmentRow => ({
  departmentId, name, shortName, county, countyId: 1, kind: "government", coordinatedLed: 1, reclaimedReceived: 0,
  townSteps: 0, departmentSteps: 0, label: shortName, total: 1,
});

describe("matchDepartments", () => {
  const rows = [row(1, "玛纳斯县农业农村局", "农业农村局", "玛纳斯县"), row(2, "呼图壁县农业农村局", "农业农村局", "呼图壁县"), row(3, "玛纳斯县民政局", "民政局", "玛纳斯县")];

  it("finds departments whose names contain every word typed, in the given order", () => {
    expect(matchDepartments(rows, "农业").map((r) => r.departmentId)).toEqual([1, 2]);
    expect(matchDepartments(rows, "玛纳斯县 农业").map((r) => r.departmentId)).toEqual([1]);
    expect(matchDepartments(rows, "  ").map((r) => r.departmentId)).toEqual([1, 2, 3]);
    expect(matchDepartments(rows, "税务")).toEqual([]);
  });
});
