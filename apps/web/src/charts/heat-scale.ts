/** Bucket 0 is "no duties"; 1…HEAT_BUCKETS split 1…max into equal ranges. */
export const HEAT_BUCKETS = 5;

/**
 * Which colour step a count falls in. Integer arithmetic (v·k / max) keeps range edges exact:
 * with max 10, 2 is the top of bucket 1 and 3 the bottom of bucket 2.
 */
export function heatBucket(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.min(HEAT_BUCKETS, Math.max(1, Math.ceil((value * HEAT_BUCKETS) / max)));
}

export function heatColour(bucket: number): string {
  return `var(--heat-${bucket})`;
}

/** Dark cells need light digits to stay readable on a washed-out projector. */
export function heatInk(bucket: number): string {
  return bucket >= 3 ? "var(--heat-ink-dark)" : "var(--heat-ink-light)";
}

export interface HeatLegendStep {
  bucket: number;
  from: number;
  to: number;
  label: string;
  colour: string;
}

/** The value range each colour stands for; buckets no integer can fall in are left out. */
export function heatLegend(max: number): HeatLegendStep[] {
  const steps: HeatLegendStep[] = [{ bucket: 0, from: 0, to: 0, label: "0", colour: heatColour(0) }];
  if (!(max > 0)) return steps;
  for (let b = 1; b <= HEAT_BUCKETS; b++) {
    const from = Math.floor((max * (b - 1)) / HEAT_BUCKETS) + 1;
    const to = Math.floor((max * b) / HEAT_BUCKETS);
    if (from > to) continue;
    steps.push({ bucket: b, from, to, label: from === to ? String(from) : `${from}–${to}`, colour: heatColour(b) });
  }
  return steps;
}
