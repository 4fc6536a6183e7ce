import { LIST_KINDS, LIST_LABELS, type ListKind } from "@duty/domain";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { taggedBar } from "./tagged-bar.tsx";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { TICK, labelAxisWidth, rowsHeight } from "./axis.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";
import { LIST_COLOURS } from "./colours.ts";
import type { LegendItem } from "./legend.tsx";
import type { CategoryListRow } from "./series.ts";

export function categoryListTable(rows: CategoryListRow[]): DataTable {
  return {
    columns: ["事项类别", ...LIST_KINDS.map((k) => LIST_LABELS[k]), "合计"],
    rows: rows.map((r) => [r.category, r.basic, r.coordinated, r.reclaimed, r.total]),
  };
}

export const CATEGORY_LIST_LEGEND: LegendItem[] = LIST_KINDS.map((k) => ({ label: LIST_LABELS[k], colour: LIST_COLOURS[k] }));

/** Duties per category, one stacked bar per category, one segment per list. */
export function CategoryListChart({
  rows,
  onSelect,
}: {
  rows: CategoryListRow[];
  onSelect: (categoryId: number, list: ListKind) => void;
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
      {LIST_KINDS.map((list) => (
        <Bar
          key={list}
          dataKey={list}
          name={LIST_LABELS[list]}
          stackId="lists"
          fill={LIST_COLOURS[list]}
          shape={taggedBar("category", list, LIST_LABELS[list])}
          isAnimationActive={false}
          onClick={(item) => onSelect((item.payload as CategoryListRow).categoryId, list)}
        />
      ))}
    </BarChart>
  );
}
