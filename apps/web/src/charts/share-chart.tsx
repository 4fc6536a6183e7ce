import { nationalSourceText } from "@duty/domain";
import { Bar, BarChart, CartesianGrid, ReferenceLine, XAxis, YAxis } from "recharts";
import { taggedBar } from "./tagged-bar.tsx";
import { topLabel } from "./value-label.tsx";
import type { DataTable } from "../export/table.ts";
import { formatNumber } from "../format.ts";
import { PLAIN_LABEL, PLAIN_TICK } from "./plain-tick.tsx";
import { gridAtTicks } from "./count-axis.ts";
import { useLazyTooltip } from "./chart-tooltip.tsx";
import { COLOURS, LIST_COLOURS } from "./colours.ts";
import type { LegendItem } from "./legend.tsx";

export interface ShareRow {
  /** Scope value to drill into (a revision id), null for the whole scope. */
  revisionId: number | null;
  label: string;
  total: number;
  coordinated: number;
  reclaimed: number;
  /** Percentages rounded to one decimal: what the bars draw and the labels print. */
  coordinatedPercent: number;
  reclaimedPercent: number;
  sharePercent: number;
}

/** Shares as fractions (exported as percentages), rounded as the bars draw them. */
export function shareTable(rows: ShareRow[], reference: number): DataTable {
  const share = (percent: number) => ({ share: percent / 100 });
  return {
    columns: ["范围", "事项总数", "配合事项", "收回事项", "配合占比", "收回占比", "配合＋收回占比", "全国平均"],
    rows: rows.map((r) => [
      r.label,
      r.total,
      r.coordinated,
      r.reclaimed,
      share(r.coordinatedPercent),
      share(r.reclaimedPercent),
      share(r.sharePercent),
      share(reference),
    ]),
  };
}

/** The two parts of the delegated share, stacked bottom to top; the top one carries the total's label. */
const SERIES = [
  { list: "coordinated", key: "coordinatedPercent", label: "配合履职事项占比" },
  { list: "reclaimed", key: "reclaimedPercent", label: "上级部门收回事项占比" },
] as const;

export function shareLegend(reference: number): LegendItem[] {
  return [
    ...SERIES.map((s) => ({ label: s.label, colour: LIST_COLOURS[s.list] })),
    { label: `全国平均 ${formatNumber(reference)}%（虚线；${nationalSourceText()}）`, colour: COLOURS.reference },
  ];
}

const pct = (v: unknown) => `${formatNumber(Number(v))}%`;
const SHARE_LABEL = topLabel({ format: pct, fill: "var(--fg)", fontSize: 16 });

/** Coordinated + reclaimed share per town (stacked), against the national average as a dashed line. */
export function ShareChart({
  rows,
  reference,
  onSelect,
}: {
  rows: ShareRow[];
  /** National average, in percent. */
  reference: number;
  onSelect: (row: ShareRow, list: "coordinated" | "reclaimed") => void;
}) {
  const tooltip = useLazyTooltip();
  return (
    <div {...tooltip.area}>
      <BarChart responsive style={{ width: "100%", height: 300 }} data={rows} margin={{ top: 28, right: 120, bottom: 4, left: 0 }}>
        <CartesianGrid {...gridAtTicks("y")} />
        <XAxis dataKey="label" tick={PLAIN_TICK} interval={0} />
        <YAxis tick={PLAIN_TICK} domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} interval={0} tickFormatter={pct} />
        <tooltip.Tooltip unit="%" />
        {SERIES.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="share"
            fill={LIST_COLOURS[s.list]}
            shape={taggedBar({
              labelKey: "label",
              dataKey: s.key,
              seriesName: s.label,
              unit: "%",
              onActivate: (payload) => onSelect(payload as ShareRow, s.list),
              // The town's whole share above its stack, drawn with the stack's top segment.
              labels: i === SERIES.length - 1 ? (bar) => SHARE_LABEL({ ...bar, value: (bar.payload as ShareRow).sharePercent }) : undefined,
            })}
            maxBarSize={120}
            isAnimationActive={false}
            onClick={(item) => onSelect(item.payload as ShareRow, s.list)}
          />
        ))}
        <ReferenceLine
          y={reference}
          stroke={COLOURS.reference}
          strokeDasharray="6 4"
          strokeWidth={2}
          label={{
            value: `全国平均 ${formatNumber(reference)}%`,
            position: "right",
            fill: "var(--fg)",
            fontSize: 14,
            content: PLAIN_LABEL,
          }}
        />
      </BarChart>
    </div>
  );
}
