import type { RouterOutputs } from "@duty/api";
import { COLOURS, LIST_COLOURS, LIST_INK } from "../../charts/colours.ts";
import type { HeatmapCell, HeatmapData } from "../../charts/heatmap-chart.tsx";
import type { BarsSpec } from "../../charts/stacked-bars.tsx";
type DepartmentLoadStat = RouterOutputs["stats"]["departmentLoad"]["items"][number];
type MatrixStat = RouterOutputs["stats"]["matrix"]["cells"][number];

/** A county department as its bars draw it: the server's row (in the server's order) with the axis label. */
export type DepartmentRow = DepartmentLoadStat & {
  /** Short label for the axis (农业农村局; 玛纳斯县·农业农村局 when several counties share the page). */
  label: string;
};

/**
 * A page of departments as the server ordered it. Short names (民政局) read better on an axis; the
 * county is added only when several counties share the page, where 民政局 alone would be ambiguous.
 */
export function departmentLoadRows(stats: readonly DepartmentLoadStat[]): DepartmentRow[] {
  const counties = new Set(stats.map((r) => r.countyId));
  return stats.map((r) => ({ ...r, label: counties.size > 1 ? `${r.county}·${r.shortName}` : r.shortName }));
}

/** Work each county department carries for the town: coordinated items it leads plus reclaimed items it took back. */
export const DEPARTMENT_LOAD_BARS: BarsSpec<DepartmentRow, "coordinated" | "reclaimed"> = {
  nameColumn: "部门",
  nameKey: "name",
  axisKey: "label",
  series: [
    { id: "coordinated", key: "coordinatedLed", label: "牵头配合事项", colour: LIST_COLOURS.coordinated, ink: LIST_INK.coordinated },
    { id: "reclaimed", key: "reclaimedReceived", label: "承接收回事项", colour: LIST_COLOURS.reclaimed },
  ],
  stacked: true,
  totalKey: "total",
  extraColumns: [{ label: "合计", key: "total" }],
  rowHeight: 28,
};

/**
 * How a coordinated item's work is split: numbered steps on the department's side against
 * the town's side. A town bar longer than the department's flags an unbalanced split.
 */
export const STEP_BALANCE_BARS: BarsSpec<DepartmentRow, "departmentSteps" | "townSteps"> = {
  nameColumn: "部门",
  nameKey: "name",
  axisKey: "label",
  series: [
    { id: "departmentSteps", key: "departmentSteps", label: "部门职责步骤", colour: COLOURS.departmentSide },
    { id: "townSteps", key: "townSteps", label: "乡镇配合步骤", colour: COLOURS.townSide },
  ],
  stacked: false,
  rowHeight: 34,
  unit: "步",
};

/**
 * The department × category grid: a cell counts the coordinated duties the department leads
 * plus the reclaimed duties it received in that category (the server's total). Departments run in
 * the server's order (heaviest first), categories in document order; every pair is a cell, zeros included.
 */
export function heatmapData(cells: readonly MatrixStat[]): HeatmapData {
  const departments = new Map<number, string>();
  const categories = new Map<number, string>();
  const out: HeatmapCell[] = [];
  for (const c of cells) {
    if (c.departmentId === null) continue;
    departments.set(c.departmentId, c.department);
    categories.set(c.categoryId, c.category);
    out.push({ departmentId: c.departmentId, categoryId: c.categoryId, value: c.total });
  }
  return {
    departments: [...departments.entries()].map(([id, name]) => ({ id, name, label: name })),
    categories: [...categories.entries()].sort(([a], [b]) => a - b).map(([id, name]) => ({ id, name })),
    cells: out,
    max: Math.max(0, ...out.map((c) => c.value)),
  };
}
