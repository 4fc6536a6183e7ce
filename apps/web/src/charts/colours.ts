import type { ListKind } from "@duty/domain";

/** Chart colours are CSS variables (styles.css): recharts passes them through to SVG fill. */
export const LIST_COLOURS: Record<ListKind, string> = {
  basic: "var(--list-basic)",
  coordinated: "var(--list-coordinated)",
  reclaimed: "var(--list-reclaimed)",
};

/** Ink for values printed inside a list's bars: dark on the light orange, white on the others. */
export const LIST_INK: Record<ListKind, string> = {
  basic: "#ffffff",
  coordinated: "var(--fg)",
  reclaimed: "#ffffff",
};

export const COLOURS = {
  retained: "var(--retained)",
  reclaimed: "var(--reclaimed)",
  townSide: "var(--town-side)",
  departmentSide: "var(--department-side)",
  reference: "var(--reference)",
  national: "var(--national)",
  revisionBefore: "var(--revision-before)",
  revisionAfter: "var(--revision-after)",
  grid: "var(--grid)",
  axis: "var(--fg-muted)",
  text: "var(--fg)",
} as const;
