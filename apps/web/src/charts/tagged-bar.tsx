import type { KeyboardEvent, ReactNode } from "react";
import type { BarShapeProps } from "recharts";
import { formatNumber } from "../format.ts";

export interface TaggedBarOptions {
  /** Row field naming the bar's row (category, department): data-label and the spoken text. */
  labelKey: string;
  /** Row field the bar draws. */
  dataKey: string;
  seriesName: string;
  unit?: string;
  /** The bar's data-series (a list, a side); dataKey when not given. */
  series?: string;
  /** Makes the bar a button: Tab reaches it, Enter or Space does what a click does. */
  onActivate?: (payload: unknown) => void;
  /**
   * Values printed on or beside the bar (value-label.tsx), drawn with it. Recharts' LabelList would
   * add a registered component per label to every chart's mount (scripts/long-tasks.ts).
   */
  labels?: (bar: BarShapeProps) => ReactNode;
}

/**
 * The bar itself: a plain path, as recharts' Rectangle draws one without corner radius, but not its
 * component, which keeps refs, state and an effect per bar (measuring the path's length for an
 * animation our charts turn off) and re-renders every bar once after mounting. With a few dozen
 * bars that was a measurable part of a chart's first draw (scripts/long-tasks.ts). A side of zero
 * draws nothing, as there; a negative width (a bar drawn leftwards) draws leftwards.
 */
export function BarPath({ x, y, width, height, fill, stroke }: Pick<BarShapeProps, "x" | "y" | "width" | "height" | "fill" | "stroke">) {
  const [left, top, w, h] = [x, y, width, height].map((n) => Number(n ?? 0)) as [number, number, number, number];
  if (!w || !h || ![left, top, w, h].every(Number.isFinite)) return null;
  return <path className="recharts-rectangle" d={`M${left},${top}h${w}v${h}h${-w}Z`} fill={fill} stroke={stroke} />;
}

/**
 * A bar that says what it draws: data-label/series/value for tests and tools reading the DOM
 * or an exported SVG, and a <title> a screen reader (and a hovering mouse) can read. With
 * `onActivate` it is a button: Tab reaches it, Enter or Space drills down as a click does.
 */
export function taggedBar({ labelKey, dataKey, seriesName, unit = "项", series = dataKey, onActivate, labels }: TaggedBarOptions) {
  return function TaggedBar(props: BarShapeProps) {
    const payload = (props.payload ?? {}) as Record<string, unknown>;
    const label = String(payload[labelKey] ?? "");
    const value = Number(payload[dataKey] ?? 0);
    const text = `${label} · ${seriesName}：${formatNumber(value)}${unit}`;
    const tags = { className: "bar", "data-label": label, "data-series": series, "data-value": value };
    // Empty segments of a stack are not stops on the keyboard's way through the chart.
    const bar =
      onActivate === undefined || !(value > 0) ? (
        <g {...tags}>
          <title>{text}</title>
          <BarPath {...props} />
        </g>
      ) : (
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
          <BarPath {...props} />
        </g>
      );
    if (!labels) return bar;
    return (
      <>
        {bar}
        {labels(props)}
      </>
    );
  };
}
