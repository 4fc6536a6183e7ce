import { memo, useMemo } from "react";
import { Bar, BarChart, type BarShapeProps, CartesianGrid, XAxis, YAxis } from "recharts";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { PLAIN_TICK } from "./plain-tick.tsx";
import { labelAxisWidth, roundTicks, rowsHeight } from "./axis.ts";
import { countAxis, gridAtTicks } from "./count-axis.ts";
import { useLazyTooltip } from "./chart-tooltip.tsx";
import type { LegendItem } from "./legend.tsx";
import { taggedBar } from "./tagged-bar.tsx";
import { endLabel, insideLabel } from "./value-label.tsx";

type KeyOf<Row, Value> = { [K in keyof Row]: Row[K] extends Value ? K : never }[keyof Row] & string;

export interface BarSeries<Row, Id extends string> {
  /** What the bar stands for (a list, a side, a revision): the drawn bar's data-series, and what a click reports. */
  id: Id;
  /** The row field the bar draws. */
  key: KeyOf<Row, number>;
  label: string;
  colour: string;
  /** Colour of the value printed inside the bar: dark on light fills; white when not given. */
  ink?: string;
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
  /** The server's total of a stacked row (合计), printed at the end of its bar. */
  totalKey?: KeyOf<Row, number>;
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

const VALUE_FONT = 12;
const count = (value: unknown) => formatCount(Number(value));
// Made once per style; the bars' shapes call them (taggedBar's `labels`).
const END_VALUE = endLabel({ format: count, fill: "var(--fg)", fontSize: VALUE_FONT, className: "bar-value" });
const END_TOTAL = endLabel({ format: count, fill: "var(--fg)", fontSize: VALUE_FONT, className: "bar-total" });
const INSIDE = new Map<string, ReturnType<typeof insideLabel>>();
const inside = (ink: string) => {
  const made = INSIDE.get(ink);
  if (made) return made;
  const label = insideLabel({ format: count, fill: ink, fontSize: VALUE_FONT, className: "bar-value" });
  INSIDE.set(ink, label);
  return label;
};

/** The axis reaches the largest bar: a stacked row's total, or the largest single bar side by side. */
function axisMax<Row>(spec: BarsSpec<Row>, rows: readonly Row[]): number {
  const values = rows.map((r) =>
    spec.stacked
      ? spec.totalKey
        ? Number(r[spec.totalKey])
        : spec.series.reduce((sum, s) => sum + Number(r[s.key]), 0)
      : Math.max(0, ...spec.series.map((s) => Number(r[s.key]))),
  );
  return Math.max(0, ...values);
}

/**
 * Horizontal bars, a row per category or department, a bar (or a segment of one) per series. Values
 * are printed inside segments that fit them and at the end of each row (its server total, or each
 * bar side by side); the axis steps round and names its unit. A click, or Enter on a focused bar,
 * picks row and series.
 */
function StackedBarsChart<Row, Id extends string>({
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
  const ticks = roundTicks(axisMax(spec, rows));
  const tooltip = useLazyTooltip();
  // Each series' bar shape, printing its values: inside a stacked segment where it fits, at the end
  // of a bar side by side, and the server's total at the end of a stacked row (with its last
  // segment). The same functions while spec and onSelect stay: a new shape makes recharts draw every
  // bar anew, as new DOM nodes.
  const shapes = useMemo(
    () =>
      spec.series.map((s, i) =>
        taggedBar({
          labelKey: spec.nameKey,
          dataKey: s.key,
          seriesName: s.label,
          unit,
          series: s.id,
          onActivate: (payload) => onSelect(payload as Row, s.id),
          labels: (bar: BarShapeProps) => {
            const row = bar.payload as Row;
            const box = { x: bar.x, y: bar.y, width: bar.width, height: bar.height };
            if (!spec.stacked) return END_VALUE({ ...box, value: row[s.key] });
            return (
              <>
                {inside(s.ink ?? "#fff")({ ...box, value: row[s.key] })}
                {spec.totalKey && i === spec.series.length - 1 && END_TOTAL({ ...box, value: row[spec.totalKey] })}
              </>
            );
          },
        }),
      ),
    [spec, unit, onSelect],
  );
  return (
    <div {...tooltip.area}>
      <BarChart
        responsive
        layout="vertical"
        style={{ width: "100%", height: rowsHeight(rows.length, spec.rowHeight) + 20 }}
        data={rows}
        margin={{ top: 4, right: 44, bottom: 4, left: 0 }}
        barGap={2}
      >
        <CartesianGrid {...gridAtTicks("x")} />
        <XAxis type="number" {...countAxis(ticks, unit, { position: "right", offset: 6 })} />
        <YAxis
          type="category"
          dataKey={axisKey}
          tick={PLAIN_TICK}
          interval={0}
          width={labelAxisWidth(rows.map((r) => String(r[axisKey])))}
        />
        <tooltip.Tooltip unit={unit} />
        {spec.series.map((s, i) => (
          <Bar
            key={s.id}
            dataKey={s.key}
            name={s.label}
            stackId={spec.stacked ? "bars" : undefined}
            fill={s.colour}
            shape={shapes[i]}
            isAnimationActive={false}
            onClick={(item) => onSelect(item.payload as Row, s.id)}
          />
        ))}
      </BarChart>
    </div>
  );
}

/**
 * Drawn again only when spec, rows or onSelect change (give it a stable onSelect: BarsCard does): a
 * page re-renders on every answer that arrives, and redrawing each chart it holds cost 100–350 ms.
 */
export const StackedBars = memo(StackedBarsChart) as typeof StackedBarsChart;
