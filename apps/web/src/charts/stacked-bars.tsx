import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { TICK, labelAxisWidth, rowsHeight } from "./axis.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";
import type { LegendItem } from "./legend.tsx";
import { taggedBar } from "./tagged-bar.tsx";

type KeyOf<Row, Value> = { [K in keyof Row]: Row[K] extends Value ? K : never }[keyof Row] & string;

export interface BarSeries<Row, Id extends string> {
  /** What the bar stands for (a list, a side, a revision): the drawn bar's data-series, and what a click reports. */
  id: Id;
  /** The row field the bar draws. */
  key: KeyOf<Row, number>;
  label: string;
  colour: string;
}

/** One chart drawn by StackedBars: which fields of a row it draws, and how they are named in legend and exports. */
export interface BarsSpec<Row, Id extends string = string> {
  /** Heading of the first exported column (事项类别, 部门). */
  nameColumn: string;
  /** The row's full name: the first exported column and each drawn bar's data-label. */
  nameKey: KeyOf<Row, string>;
  /** What the axis prints, when shorter than the full name. */
  axisKey?: KeyOf<Row, string>;
  series: readonly BarSeries<Row, Id>[];
  /** Parts of one whole end to end (true), or amounts set side by side to compare (false). */
  stacked: boolean;
  /** Figures the server returns with each row (合计, 增减): exported after the series, not drawn. */
  extraColumns?: readonly { label: string; key: KeyOf<Row, number> }[];
  /** Height per row in px: side-by-side bars need more than one stacked bar. */
  rowHeight?: number;
  unit?: string;
}

/** The numbers the chart draws, row by row, as CSV and XLSX export them. */
export function barsTable<Row>(spec: BarsSpec<Row>, rows: readonly Row[]): DataTable {
  const extra = spec.extraColumns ?? [];
  return {
    columns: [spec.nameColumn, ...spec.series.map((s) => s.label), ...extra.map((c) => c.label)],
    rows: rows.map((r) => [String(r[spec.nameKey]), ...[...spec.series, ...extra].map((c) => Number(r[c.key]))]),
  };
}

export function barsLegend<Row>(spec: BarsSpec<Row>): LegendItem[] {
  return spec.series.map((s) => ({ label: s.label, colour: s.colour }));
}

/** Horizontal bars, a row per category or department, a bar (or a segment of one) per series; a click picks row and series. */
export function StackedBars<Row, Id extends string>({
  spec,
  rows,
  onSelect,
}: {
  spec: BarsSpec<Row, Id>;
  rows: Row[];
  onSelect: (row: Row, series: Id) => void;
}) {
  const axisKey = spec.axisKey ?? spec.nameKey;
  const unit = spec.unit ?? "项";
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: "100%", height: rowsHeight(rows.length, spec.rowHeight) }}
      data={rows}
      margin={{ top: 4, right: 24, bottom: 4, left: 0 }}
      barGap={2}
    >
      <CartesianGrid horizontal={false} stroke="var(--grid)" />
      <XAxis type="number" tick={TICK} allowDecimals={false} tickFormatter={formatCount} />
      <YAxis type="category" dataKey={axisKey} tick={TICK} interval={0} width={labelAxisWidth(rows.map((r) => String(r[axisKey])))} />
      <Tooltip content={<ChartTooltip unit={unit} />} cursor={{ fill: "var(--surface)" }} />
      {spec.series.map((s) => (
        <Bar
          key={s.id}
          dataKey={s.key}
          name={s.label}
          stackId={spec.stacked ? "bars" : undefined}
          fill={s.colour}
          shape={taggedBar(spec.nameKey, s.key, s.label, unit, s.id)}
          isAnimationActive={false}
          onClick={(item) => onSelect(item.payload as Row, s.id)}
        />
      ))}
    </BarChart>
  );
}
