import { type BarShapeProps, Rectangle } from "recharts";
import { formatNumber } from "../format.ts";

/**
 * A bar that says what it draws: data-label/series/value for tests and tools reading the DOM
 * or an exported SVG, and a <title> a screen reader (and a hovering mouse) can read.
 */
export function taggedBar(labelKey: string, dataKey: string, seriesName: string, unit = "项", series = dataKey) {
  return function TaggedBar(props: BarShapeProps) {
    const payload = (props.payload ?? {}) as Record<string, unknown>;
    const label = String(payload[labelKey] ?? "");
    const value = Number(payload[dataKey] ?? 0);
    return (
      <g className="bar" data-label={label} data-series={series} data-value={value}>
        <title>{`${label} · ${seriesName}：${formatNumber(value)}${unit}`}</title>
        <Rectangle {...props} />
      </g>
    );
  };
}
