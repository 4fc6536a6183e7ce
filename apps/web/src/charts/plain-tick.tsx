import type { ReactNode } from "react";
import { TICK } from "./axis.ts";

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  /** Recharts' own placement for the axis's side. */
  textAnchor?: "start" | "middle" | "end" | "inherit";
  verticalAnchor?: "start" | "middle" | "end";
  tickFormatter?: (value: never, index: number) => ReactNode;
  index?: number;
}

// Where the text's first line sits against y, as recharts' Text puts one line: its top (cap height
// below y), its middle, or its baseline.
const DY = { start: "0.71em", middle: "0.355em", end: "0" } as const;

/**
 * An axis label drawn as plain SVG text, where recharts put it. Recharts' own tick is a Text given
 * the axis's width, which measures every label in the page (a forced layout per label) in order to
 * wrap it; an axis label here never wraps (a category axis is as wide as its longest label,
 * labelAxisWidth; a count or a town name is one line). Recharts' measuring took about 180 ms of the
 * overview's first draw at national scope, 105 ms with category labels plain (the rest was the
 * other axes); scripts/profile-overview.ts on 2,000 towns.
 */
export function PlainTick({ x, y, payload, textAnchor = "middle", verticalAnchor = "start", tickFormatter, index = 0 }: TickProps) {
  const value = payload?.value;
  const text = tickFormatter ? tickFormatter(value as never, index) : value;
  return (
    <text
      x={Number(x)}
      y={Number(y)}
      dy={DY[verticalAnchor]}
      textAnchor={textAnchor}
      fill={TICK.fill}
      fontSize={TICK.fontSize}
      className="recharts-cartesian-axis-tick-value"
    >
      {String(text ?? "")}
    </text>
  );
}

/** The tick every axis is given: one element, so a chart drawn again hands recharts the same prop. */
export const PLAIN_TICK = <PlainTick />;

/** Where recharts' Label anchors its text at each position these charts use. */
const LABEL_ANCHOR = {
  right: { textAnchor: "start", verticalAnchor: "middle" },
  top: { textAnchor: "middle", verticalAnchor: "end" },
} as const;

/**
 * An axis's unit or a reference line's name as plain SVG text, given as the label's `content`:
 * recharts' Label still places it (x, y for `position` and `offset`); drawn by recharts, it was a Text
 * working out its line offset with CSS calc() arithmetic in decimal numbers, the costliest part of
 * a first chart's axis (scripts/long-tasks.ts).
 */
export function PlainLabel({
  x,
  y,
  value,
  position = "right",
  fill,
  fontSize,
}: {
  x?: number | string;
  y?: number | string;
  value?: unknown;
  position?: keyof typeof LABEL_ANCHOR;
  fill?: string;
  fontSize?: number;
}) {
  const anchor = LABEL_ANCHOR[position];
  return (
    <text
      x={Number(x)}
      y={Number(y)}
      dy={DY[anchor.verticalAnchor]}
      textAnchor={anchor.textAnchor}
      fill={fill}
      fontSize={fontSize}
      className="recharts-label"
    >
      {String(value ?? "")}
    </text>
  );
}

/** A label's `content`: one element, so a chart drawn again hands recharts the same prop. */
export const PLAIN_LABEL = <PlainLabel />;
