import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { taggedBar } from "./tagged-bar.tsx";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { TICK, labelAxisWidth, rowsHeight } from "./axis.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";
import { COLOURS } from "./colours.ts";
import type { LegendItem } from "./legend.tsx";
import type { DepartmentLoadRow } from "./series.ts";

export const DEPARTMENT_SIDE_LABEL = "部门职责步骤";
export const TOWN_SIDE_LABEL = "乡镇配合步骤";

export function stepBalanceTable(rows: DepartmentLoadRow[]): DataTable {
  return {
    columns: ["部门", DEPARTMENT_SIDE_LABEL, TOWN_SIDE_LABEL],
    rows: rows.map((r) => [r.name, r.departmentSteps, r.townSteps]),
  };
}

export const STEP_BALANCE_LEGEND: LegendItem[] = [
  { label: DEPARTMENT_SIDE_LABEL, colour: COLOURS.departmentSide },
  { label: TOWN_SIDE_LABEL, colour: COLOURS.townSide },
];

/**
 * How a coordinated item's work is split: numbered steps on the department's side against
 * the town's side. A town bar longer than the department's flags an unbalanced split.
 */
export function StepBalanceChart({ rows, onSelect }: { rows: DepartmentLoadRow[]; onSelect: (row: DepartmentLoadRow) => void }) {
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: "100%", height: rowsHeight(rows.length, 34) }}
      data={rows}
      margin={{ top: 4, right: 24, bottom: 4, left: 0 }}
    >
      <CartesianGrid horizontal={false} stroke="var(--grid)" />
      <XAxis type="number" tick={TICK} allowDecimals={false} tickFormatter={formatCount} />
      <YAxis type="category" dataKey="label" tick={TICK} interval={0} width={labelAxisWidth(rows.map((r) => r.label))} />
      <Tooltip content={<ChartTooltip unit="步" />} cursor={{ fill: "var(--surface)" }} />
      <Bar
        dataKey="departmentSteps"
        name={DEPARTMENT_SIDE_LABEL}
        fill={COLOURS.departmentSide}
        shape={taggedBar("name", "departmentSteps", DEPARTMENT_SIDE_LABEL, "步")}
        isAnimationActive={false}
        onClick={(item) => onSelect(item.payload as DepartmentLoadRow)}
      />
      <Bar
        dataKey="townSteps"
        name={TOWN_SIDE_LABEL}
        fill={COLOURS.townSide}
        shape={taggedBar("name", "townSteps", TOWN_SIDE_LABEL, "步")}
        isAnimationActive={false}
        onClick={(item) => onSelect(item.payload as DepartmentLoadRow)}
      />
    </BarChart>
  );
}
