import type { CartesianGridProps } from "recharts";
/** Tick style shared by every chart: large enough to read on a projector. */
export const TICK = { fill: "var(--fg-muted)", fontSize: 14 } as const;

/** Width a category axis needs for its longest Chinese label (CJK glyphs are about 1 em wide). */
export function labelAxisWidth(labels: readonly string[], fontSize: number = TICK.fontSize): number {
  const widest = Math.max(0, ...labels.map((label) => textWidth(label, fontSize)));
  return Math.min(260, Math.ceil(widest) + 12);
}

/** Bars per category axis row, in px: keeps 20 categories readable without scrolling a laptop screen twice. */
export function rowsHeight(count: number, perRow = 30, chrome = 60): number {
  return Math.max(160, count * perRow + chrome);
}

/**
 * Round axis steps for counts: 0 up to the largest value in steps of 1, 2 or 5 × 10ⁿ, about `target`
 * of them, the last tick at or above the largest value. A ruler reads 0, 5, 10 … rather than 0, 9, 18.
 */
export function roundTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}

/** Width in px a label of this text takes at `fontSize` (CJK glyphs about 1 em, others about 0.6 em). */
export function textWidth(text: string, fontSize: number = TICK.fontSize): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/u.test(ch) ? fontSize : fontSize * 0.6;
  return w;
}

type VerticalCoordinatesGenerator = NonNullable<CartesianGridProps["verticalCoordinatesGenerator"]>;
type HorizontalCoordinatesGenerator = NonNullable<CartesianGridProps["horizontalCoordinatesGenerator"]>;
type GridAxis = Parameters<VerticalCoordinatesGenerator>[0]["xAxis"];

/** Pixel positions of an axis's own ticks (set by roundTicks), for grid lines. */
function tickPositions(axis: GridAxis): number[] {
  const scale = axis?.scale;
  if (!scale) return [];
  return (axis.ticks ?? []).flatMap((tick) => {
    const at = scale.map(tick);
    return typeof at === "number" && Number.isFinite(at) ? [at] : [];
  });
}

/*
 * Grid lines at the ticks. Recharts' default generators first thin the ticks out as the axis does,
 * measuring every tick label in the page: the category axis's Chinese names, even when that
 * direction draws no lines at all (~30 ms per chart nationally, scripts/profile-overview.ts).
 */
export const gridAtXTicks: VerticalCoordinatesGenerator = ({ xAxis }) => tickPositions(xAxis);
export const gridAtYTicks: HorizontalCoordinatesGenerator = ({ yAxis }) => tickPositions(yAxis);
/** For the direction a chart draws no grid lines in. */
export const noGridLines = (): number[] => [];
