import { textWidth } from "./axis.ts";

/*
 * Values printed on bars, drawn as plain SVG text. Recharts' own labels at a bar's end are Text
 * elements given a width, and a Text with a width measures every word in the page to wrap it
 * (a forced layout per label): ~60 ms of the overview's first draw at national scope
 * (scripts/profile-overview.ts). A count never wraps, so nothing needs measuring. A bar's shape
 * draws them (taggedBar's `labels`), not a LabelList.
 */

/** The drawn bar a label belongs to, and the value it prints. */
export interface LabelBox {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  value?: unknown;
}

interface LabelStyle {
  format: (value: unknown) => string;
  fill: string;
  fontSize: number;
  className?: string;
}

const OFFSET = 5; // recharts' own distance between a bar and its label

function box(props: LabelBox) {
  return { x: Number(props.x ?? 0), y: Number(props.y ?? 0), width: Number(props.width ?? 0), height: Number(props.height ?? 0) };
}

/** The value just past the end of a horizontal bar (a bar drawn leftwards gets it on its left). */
export function endLabel({ format, fill, fontSize, className }: LabelStyle) {
  return function EndLabel(props: LabelBox) {
    if (props.value === undefined || props.value === null) return null;
    const { x, y, width, height } = box(props);
    const forwards = width >= 0;
    return (
      <text
        className={className}
        x={x + width + (forwards ? OFFSET : -OFFSET)}
        y={y + height / 2}
        textAnchor={forwards ? "start" : "end"}
        dominantBaseline="central"
        fontSize={fontSize}
        fill={fill}
      >
        {format(props.value)}
      </text>
    );
  };
}

/** The value above the top of a vertical bar. */
export function topLabel({ format, fill, fontSize, className }: LabelStyle) {
  return function TopLabel(props: LabelBox) {
    if (props.value === undefined || props.value === null) return null;
    const { x, y, width } = box(props);
    return (
      <text className={className} x={x + width / 2} y={y - OFFSET} textAnchor="middle" fontSize={fontSize} fill={fill}>
        {format(props.value)}
      </text>
    );
  };
}

/** A stacked segment's value inside it, only where it fits: a label that spills over its neighbour misleads. */
export function insideLabel({ format, fill, fontSize, className }: LabelStyle) {
  return function InsideLabel(props: LabelBox) {
    const { x, y, width, height } = box(props);
    const value = Number(props.value ?? 0);
    const text = format(value);
    if (!(value > 0) || width < textWidth(text, fontSize) + 6 || height < fontSize) return null;
    return (
      <text
        className={className}
        x={x + width / 2}
        y={y + height / 2}
        textAnchor="middle"
        dominantBaseline="central"
        fontSize={fontSize}
        fill={fill}
      >
        {text}
      </text>
    );
  };
}
