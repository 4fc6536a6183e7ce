/** Tick style shared by every chart: large enough to read on a projector. */
export const TICK = { fill: "var(--fg-muted)", fontSize: 14 } as const;

/** Width a category axis needs for its longest Chinese label (CJK glyphs are about 1 em wide). */
export function labelAxisWidth(labels: readonly string[], fontSize: number = TICK.fontSize): number {
  let widest = 0;
  for (const label of labels) {
    let w = 0;
    for (const ch of label) w += /[\u2e80-\uffff]/u.test(ch) ? fontSize : fontSize * 0.6;
    widest = Math.max(widest, w);
  }
  return Math.min(260, Math.ceil(widest) + 12);
}

/** Bars per category axis row, in px: keeps 20 categories readable without scrolling a laptop screen twice. */
export function rowsHeight(count: number, perRow = 30, chrome = 60): number {
  return Math.max(160, count * perRow + chrome);
}
