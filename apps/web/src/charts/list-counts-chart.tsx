import type { ListKind } from "@duty/domain";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { taggedBar } from "./tagged-bar.tsx";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";
import { LIST_COLOURS } from "./colours.ts";
import type { LegendItem } from "./legend.tsx";
import { TICK } from "./axis.ts";

export interface ListCountRow {
  list: ListKind;
  label: string;
  count: number;
}

/** The three counts and the server's total of them. */
export function listCountsTable(rows: ListCountRow[], total: number): DataTable {
  return {
    columns: ["清单", "事项数"],
    rows: [...rows.map((r) => [r.label, r.count]), ["合计", total]],
  };
}

export function listCountsLegend(rows: ListCountRow[]): LegendItem[] {
  return rows.map((r) => ({ label: r.label, colour: LIST_COLOURS[r.list] }));
}

export function ListCountsChart({ rows, onSelect }: { rows: ListCountRow[]; onSelect: (list: ListKind) => void }) {
  return (
    <BarChart responsive style={{ width: "100%", height: 300 }} data={rows} margin={{ top: 28, right: 16, bottom: 4, left: 0 }}>
      <CartesianGrid vertical={false} stroke="var(--grid)" />
      <XAxis dataKey="label" tick={TICK} interval={0} />
      <YAxis tick={TICK} allowDecimals={false} tickFormatter={formatCount} />
      <Tooltip content={<ChartTooltip />} cursor={{ fill: "var(--surface)" }} />
      <Bar
        dataKey="count"
        name="事项数"
        shape={taggedBar("label", "count", "事项数")}
        isAnimationActive={false}
        onClick={(item) => onSelect((item.payload as ListCountRow).list)}
      >
        {rows.map((r) => (
          <Cell key={r.list} fill={LIST_COLOURS[r.list]} />
        ))}
        <LabelList dataKey="count" position="top" formatter={(v) => formatCount(Number(v))} fill="var(--fg)" fontSize={16} />
      </Bar>
    </BarChart>
  );
}
