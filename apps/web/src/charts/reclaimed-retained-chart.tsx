import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { taggedBar } from "./tagged-bar.tsx";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { TICK, labelAxisWidth, rowsHeight } from "./axis.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";
import { COLOURS } from "./colours.ts";
import type { LegendItem } from "./legend.tsx";
import type { ReclaimedRetainedRow } from "./series.ts";

export type ReclaimedRetainedSide = "retained" | "reclaimed";

export const RETAINED_LABEL = "乡镇保留（基本＋配合）";
export const RECLAIMED_LABEL = "上级部门收回";

export function reclaimedRetainedTable(rows: ReclaimedRetainedRow[]): DataTable {
  return {
    columns: ["事项类别", RETAINED_LABEL, RECLAIMED_LABEL],
    rows: rows.map((r) => [r.category, r.retained, r.reclaimed]),
  };
}

export const RECLAIMED_RETAINED_LEGEND: LegendItem[] = [
  { label: RETAINED_LABEL, colour: COLOURS.retained },
  { label: RECLAIMED_LABEL, colour: COLOURS.reclaimed },
];

export function ReclaimedRetainedChart({
  rows,
  onSelect,
}: {
  rows: ReclaimedRetainedRow[];
  onSelect: (categoryId: number, side: ReclaimedRetainedSide) => void;
}) {
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: "100%", height: rowsHeight(rows.length) }}
      data={rows}
      margin={{ top: 4, right: 24, bottom: 4, left: 0 }}
    >
      <CartesianGrid horizontal={false} stroke="var(--grid)" />
      <XAxis type="number" tick={TICK} allowDecimals={false} tickFormatter={formatCount} />
      <YAxis type="category" dataKey="category" tick={TICK} interval={0} width={labelAxisWidth(rows.map((r) => r.category))} />
      <Tooltip content={<ChartTooltip />} cursor={{ fill: "var(--surface)" }} />
      <Bar
        dataKey="retained"
        name={RETAINED_LABEL}
        stackId="side"
        fill={COLOURS.retained}
        shape={taggedBar("category", "retained", RETAINED_LABEL)}
        isAnimationActive={false}
        onClick={(item) => onSelect((item.payload as ReclaimedRetainedRow).categoryId, "retained")}
      />
      <Bar
        dataKey="reclaimed"
        name={RECLAIMED_LABEL}
        stackId="side"
        fill={COLOURS.reclaimed}
        shape={taggedBar("category", "reclaimed", RECLAIMED_LABEL)}
        isAnimationActive={false}
        onClick={(item) => onSelect((item.payload as ReclaimedRetainedRow).categoryId, "reclaimed")}
      />
    </BarChart>
  );
}
