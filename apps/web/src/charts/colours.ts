import type { ListKind } from "@duty/domain";

/** Chart colours are CSS variables (styles.css): recharts passes them through to SVG fill. */
export const LIST_COLOURS: Record<ListKind, string> = {
  basic: "var(--list-basic)",
  coordinated: "var(--list-coordinated)",
  reclaimed: "var(--list-reclaimed)",
};

export const COLOURS = {
  retained: "var(--retained)",
  reclaimed: "var(--reclaimed)",
  townSide: "var(--town-side)",
  departmentSide: "var(--department-side)",
  reference: "var(--reference)",
  revisionBefore: "var(--revision-before)",
  revisionAfter: "var(--revision-after)",
  grid: "var(--grid)",
  axis: "var(--fg-muted)",
  text: "var(--fg)",
} as const;
