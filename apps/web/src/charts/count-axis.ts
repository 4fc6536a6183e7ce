import { formatCount } from "../format.ts";
import { gridAtXTicks, gridAtYTicks, noGridLines } from "./axis.ts";
import { PLAIN_LABEL, PLAIN_TICK } from "./plain-tick.tsx";

/**
 * The props of a chart's count axis (XAxis of horizontal bars, YAxis of vertical ones): the round
 * `ticks` (roundTicks) all shown, none measured (at most 6 fit any chart 360 px wide; recharts'
 * default measures each tick label in the page to drop overlapping ones), from 0 to the last tick,
 * printed zh-CN, with the unit beside the axis.
 */
export function countAxis(ticks: number[], unit: string, label: { position: "right" | "top"; offset: number }) {
  return {
    tick: PLAIN_TICK,
    ticks,
    interval: 0,
    domain: [0, ticks.at(-1)!],
    allowDecimals: false,
    tickFormatter: formatCount,
    label: {
      value: `（${unit}）`,
      position: label.position,
      offset: label.offset,
      fill: "var(--fg-muted)",
      fontSize: 13,
      content: PLAIN_LABEL,
    },
  } as const;
}

/** CartesianGrid props: lines at the count axis's ticks only, across vertical bars (along y) or horizontal ones (along x). */
export function gridAtTicks(along: "x" | "y") {
  return along === "x"
    ? { horizontal: false, stroke: "var(--grid)", verticalCoordinatesGenerator: gridAtXTicks, horizontalCoordinatesGenerator: noGridLines }
    : { vertical: false, stroke: "var(--grid)", horizontalCoordinatesGenerator: gridAtYTicks, verticalCoordinatesGenerator: noGridLines };
}
