import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { taggedBar } from "./tagged-bar.tsx";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { TICK, labelAxisWidth, rowsHeight } from "./axis.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";
import { LIST_COLOURS } from "./colours.ts";
import type { LegendItem } from "./legend.tsx";
import type { DepartmentLoadRow } from "./series.ts";

export const LED_LABEL = "牵头配合事项";
export const RECEIVED_LABEL = "承接收回事项";

export function departmentLoadTable(rows: DepartmentLoadRow[]): DataTable {
  return {
    columns: ["部门", LED_LABEL, RECEIVED_LABEL, "合计"],
    rows: rows.map((r) => [r.name, r.coordinated, r.reclaimed, r.coordinated + r.reclaimed]),
  };
}

export const DEPARTMENT_LOAD_LEGEND: LegendItem[] = [
  { label: LED_LABEL, colour: LIST_COLOURS.coordinated },
  { label: RECEIVED_LABEL, colour: LIST_COLOURS.reclaimed },
];

/** Work each county department carries for the town: coordinated items it leads plus reclaimed items it took back. */
export function DepartmentLoadChart({
  rows,
  onSelect,
}: {
  rows: DepartmentLoadRow[];
  onSelect: (row: DepartmentLoadRow, list: "coordinated" | "reclaimed") => void;
}) {
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: "100%", height: rowsHeight(rows.length, 28) }}
      data={rows}
      margin={{ top: 4, right: 24, bottom: 4, left: 0 }}
    >
      <CartesianGrid horizontal={false} stroke="var(--grid)" />
      <XAxis type="number" tick={TICK} allowDecimals={false} tickFormatter={formatCount} />
      <YAxis type="category" dataKey="label" tick={TICK} interval={0} width={labelAxisWidth(rows.map((r) => r.label))} />
      <Tooltip content={<ChartTooltip />} cursor={{ fill: "var(--surface)" }} />
      <Bar
        dataKey="coordinated"
        name={LED_LABEL}
        stackId="load"
        fill={LIST_COLOURS.coordinated}
        shape={taggedBar("name", "coordinated", LED_LABEL)}
        isAnimationActive={false}
        onClick={(item) => onSelect(item.payload as DepartmentLoadRow, "coordinated")}
      />
      <Bar
        dataKey="reclaimed"
        name={RECEIVED_LABEL}
        stackId="load"
        fill={LIST_COLOURS.reclaimed}
        shape={taggedBar("name", "reclaimed", RECEIVED_LABEL)}
        isAnimationActive={false}
        onClick={(item) => onSelect(item.payload as DepartmentLoadRow, "reclaimed")}
      />
    </BarChart>
  );
}
