import type { KeyboardEvent } from "react";
import { type BarShapeProps, Rectangle } from "recharts";
import { formatNumber } from "../format.ts";

/**
 * A bar that says what it draws: data-label/series/value for tests and tools reading the DOM
 * or an exported SVG, and a <title> a screen reader (and a hovering mouse) can read. With
 * `onActivate` it is a button: Tab reaches it, Enter or Space drills down as a click does.
 */
export function taggedBar(
  labelKey: string,
  dataKey: string,
  seriesName: string,
  unit = "项",
  series = dataKey,
  onActivate?: (payload: unknown) => void,
) {
  return function TaggedBar(props: BarShapeProps) {
    const payload = (props.payload ?? {}) as Record<string, unknown>;
    const label = String(payload[labelKey] ?? "");
    const value = Number(payload[dataKey] ?? 0);
    const text = `${label} · ${seriesName}：${formatNumber(value)}${unit}`;
    const tags = { className: "bar", "data-label": label, "data-series": series, "data-value": value };
    // Empty segments of a stack are not stops on the keyboard's way through the chart.
    if (onActivate === undefined || !(value > 0)) {
      return (
        <g {...tags}>
          <title>{text}</title>
          <Rectangle {...props} />
        </g>
      );
    }
    return (
      // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; a focusable <g> with role="button" and Enter/Space is how a drawn bar becomes one
      <g
        {...tags}
        tabIndex={0}
        role="button"
        aria-label={`${text}，按回车查看这些事项`}
        onKeyDown={(e: KeyboardEvent) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            onActivate(props.payload);
          }
        }}
      >
        <title>{text}</title>
        <Rectangle {...props} />
      </g>
    );
  };
}
