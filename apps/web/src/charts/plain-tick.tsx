import { TICK } from "./axis.ts";

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/**
 * A category axis label drawn as plain SVG text, right-aligned against the bars. Recharts' own tick
 * measures each label in the page (a forced layout per label) in order to wrap it; these labels
 * never wrap, since the axis is as wide as its longest label (labelAxisWidth). Recharts' measuring
 * took about 180 ms of the overview's first draw at national scope, 105 ms with this tick (the rest
 * is other labels); scripts/profile-overview.ts on 2,000 towns.
 */
export function PlainCategoryTick({ x, y, payload }: TickProps) {
  return (
    <text
      x={Number(x)}
      y={Number(y)}
      dy="0.355em"
      textAnchor="end"
      fill={TICK.fill}
      fontSize={TICK.fontSize}
      className="recharts-cartesian-axis-tick-value"
    >
      {String(payload?.value ?? "")}
    </text>
  );
}
