import type { ListKind } from "@duty/domain";
import { Bar, BarChart, CartesianGrid, Cell, XAxis, YAxis } from "recharts";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { PLAIN_TICK } from "./plain-tick.tsx";
import { roundTicks } from "./axis.ts";
import { countAxis, gridAtTicks } from "./count-axis.ts";
import { useLazyTooltip } from "./chart-tooltip.tsx";
import { COLOURS, LIST_COLOURS } from "./colours.ts";
import type { LegendItem } from "./legend.tsx";
import { taggedBar } from "./tagged-bar.tsx";
import { topLabel } from "./value-label.tsx";

const count = (value: unknown) => formatCount(Number(value));
const COUNT_LABEL = topLabel({ format: count, fill: "var(--fg)", fontSize: 16 });
const NATIONAL_LABEL = topLabel({ format: count, fill: "var(--fg-muted)", fontSize: 14 });

export interface ListCountRow {
  list: ListKind;
  label: string;
  count: number;
  /** The national average per town for this list (reference data, not a statistic of the scope). */
  national: number;
}

/** The three counts, the server's total of them, and the national averages per town beside them. */
export function listCountsTable(rows: ListCountRow[], total: number, nationalTotal: number): DataTable {
  return {
    columns: ["清单", "事项数", "全国平均每乡镇"],
    rows: [...rows.map((r) => [r.label, r.count, r.national]), ["合计", total, nationalTotal]],
  };
}

export function listCountsLegend(rows: ListCountRow[], withNational: boolean): LegendItem[] {
  return [
    ...rows.map((r) => ({ label: r.label, colour: LIST_COLOURS[r.list] })),
    ...(withNational ? [{ label: "全国平均（每个乡镇）", colour: COLOURS.national }] : []),
  ];
}

/**
 * One bar per list with its count on top. `withNational` sets the national average per town beside
 * each: only a single town compares with it directly (a county's counts are sums of its towns).
 */
export function ListCountsChart({
  rows,
  withNational,
  onSelect,
}: {
  rows: ListCountRow[];
  withNational: boolean;
  onSelect: (list: ListKind) => void;
}) {
  const ticks = roundTicks(Math.max(0, ...rows.map((r) => r.count), ...(withNational ? rows.map((r) => r.national) : [])));
  const select = (payload: unknown) => onSelect((payload as ListCountRow).list);
  const tooltip = useLazyTooltip();
  return (
    <div {...tooltip.area}>
      <BarChart responsive style={{ width: "100%", height: 300 }} data={rows} margin={{ top: 28, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid {...gridAtTicks("y")} />
        <XAxis dataKey="label" tick={PLAIN_TICK} interval={0} />
        <YAxis {...countAxis(ticks, "项", { position: "top", offset: 12 })} />
        <tooltip.Tooltip />
        <Bar
          dataKey="count"
          name="事项数"
          shape={taggedBar({
            labelKey: "label",
            dataKey: "count",
            seriesName: "事项数",
            onActivate: select,
            labels: (bar) => COUNT_LABEL({ ...bar, value: (bar.payload as ListCountRow).count }),
          })}
          isAnimationActive={false}
          onClick={(item) => select(item.payload)}
        >
          {rows.map((r) => (
            <Cell key={r.list} fill={LIST_COLOURS[r.list]} />
          ))}
        </Bar>
        {withNational && (
          <Bar
            dataKey="national"
            name="全国平均（每个乡镇）"
            fill={COLOURS.national}
            shape={taggedBar({
              labelKey: "label",
              dataKey: "national",
              seriesName: "全国平均",
              labels: (bar) => NATIONAL_LABEL({ ...bar, value: (bar.payload as ListCountRow).national }),
            })}
            isAnimationActive={false}
          />
        )}
      </BarChart>
    </div>
  );
}
