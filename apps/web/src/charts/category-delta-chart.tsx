import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { TICK, labelAxisWidth, rowsHeight } from "./axis.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";
import { COLOURS } from "./colours.ts";
import type { LegendItem } from "./legend.tsx";
import type { CategoryDeltaRow } from "./series.ts";
import { taggedBar } from "./tagged-bar.tsx";

export function categoryDeltaTable(rows: CategoryDeltaRow[], beforeLabel: string, afterLabel: string): DataTable {
  return {
    columns: ["事项类别", beforeLabel, afterLabel, "增减"],
    rows: rows.map((r) => [r.category, r.before, r.after, r.delta]),
  };
}

export function categoryDeltaLegend(beforeLabel: string, afterLabel: string): LegendItem[] {
  return [
    { label: beforeLabel, colour: COLOURS.revisionBefore },
    { label: afterLabel, colour: COLOURS.revisionAfter },
  ];
}

/** Duties per category in two revisions, the earlier bar above the later one; a click picks the category. */
export function CategoryDeltaChart({
  rows,
  beforeLabel,
  afterLabel,
  onSelect,
}: {
  rows: CategoryDeltaRow[];
  beforeLabel: string;
  afterLabel: string;
  onSelect: (category: string) => void;
}) {
  // Two bars per row need more height than the single stacked bar of the other category charts.
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: "100%", height: rowsHeight(rows.length, 40) }}
      data={rows}
      margin={{ top: 4, right: 24, bottom: 4, left: 0 }}
      barGap={2}
    >
      <CartesianGrid horizontal={false} stroke="var(--grid)" />
      <XAxis type="number" tick={TICK} allowDecimals={false} tickFormatter={formatCount} />
      <YAxis type="category" dataKey="category" tick={TICK} interval={0} width={labelAxisWidth(rows.map((r) => r.category))} />
      <Tooltip content={<ChartTooltip />} cursor={{ fill: "var(--surface)" }} />
      {(
        [
          ["before", beforeLabel, COLOURS.revisionBefore],
          ["after", afterLabel, COLOURS.revisionAfter],
        ] as const
      ).map(([key, label, colour]) => (
        <Bar
          key={key}
          dataKey={key}
          name={label}
          fill={colour}
          shape={taggedBar("category", key, label)}
          isAnimationActive={false}
          onClick={(item) => onSelect((item.payload as CategoryDeltaRow).category)}
        />
      ))}
    </BarChart>
  );
}
