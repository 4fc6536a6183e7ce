import { LIST_KINDS, LIST_LABELS, type ListKind } from "@duty/domain";
import type { RouterOutputs } from "../trpc.ts";

type Overview = RouterOutputs["stats"]["overview"];
type CategoryStat = RouterOutputs["stats"]["byCategory"][number];
type ReclaimedRetainedStat = RouterOutputs["stats"]["reclaimedVsRetained"][number];
type DepartmentLoadStat = RouterOutputs["stats"]["departmentLoad"]["departments"][number];
type MatrixStat = RouterOutputs["stats"]["matrix"][number];
type RevisionSummary = RouterOutputs["revisions"]["list"]["items"][number];
type CategoryCount = RouterOutputs["diff"]["compare"]["summary"]["categories"][number];

/*
 * Chart rows: what each chart component draws, already counted and labelled. The functions
 * below turn API rows into these; charts never compute.
 */

export interface ListCountRow {
  list: ListKind;
  label: string;
  count: number;
}

export interface ShareRow {
  /** Scope value to drill into (a revision id), null for the whole scope. */
  revisionId: number | null;
  label: string;
  total: number;
  coordinated: number;
  reclaimed: number;
  /** Percentages rounded to one decimal: what the bars draw and the labels print. */
  coordinatedPercent: number;
  reclaimedPercent: number;
  sharePercent: number;
}

export interface CategoryListRow {
  categoryId: number;
  category: string;
  basic: number;
  coordinated: number;
  reclaimed: number;
  total: number;
}

export interface ReclaimedRetainedRow {
  categoryId: number;
  category: string;
  retained: number;
  reclaimed: number;
}

export interface DepartmentLoadRow {
  departmentId: number;
  /** Full formal name (玛纳斯县农业农村局), for tooltips and exports. */
  name: string;
  /** Short label for the axis (县农业农村局). */
  label: string;
  coordinated: number;
  reclaimed: number;
  townSteps: number;
  departmentSteps: number;
}

export interface CategoryDeltaRow {
  category: string;
  before: number;
  after: number;
  /** after − before */
  delta: number;
}

export interface HeatmapCell {
  departmentId: number;
  categoryId: number;
  value: number;
}

export interface HeatmapData {
  departments: { id: number; name: string; label: string }[];
  categories: { id: number; name: string }[];
  cells: HeatmapCell[];
  max: number;
}

/** Percent with one decimal; 0 when there is nothing to divide. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** Per county department rows of a load answer (the per-short-name rows are for cross-county views). */
export function departmentStats(output: RouterOutputs["stats"]["departmentLoad"] | undefined): DepartmentLoadStat[] {
  return output?.departments ?? [];
}

export function listCountRows(overview: Overview): ListCountRow[] {
  return LIST_KINDS.map((list) => ({ list, label: LIST_LABELS[list], count: overview[list] }));
}

/** The national benchmark as the share chart draws it, in percent. */
export function referencePercent(overview: Overview): number {
  return percent(overview.nationalDelegatedShare, 1);
}

function shareRow(revisionId: number | null, label: string, counts: { basic: number; coordinated: number; reclaimed: number }): ShareRow {
  const total = counts.basic + counts.coordinated + counts.reclaimed;
  return {
    revisionId,
    label,
    total,
    coordinated: counts.coordinated,
    reclaimed: counts.reclaimed,
    coordinatedPercent: percent(counts.coordinated, total),
    reclaimedPercent: percent(counts.reclaimed, total),
    sharePercent: percent(counts.coordinated + counts.reclaimed, total),
  };
}

/**
 * One bar for the whole scope; with several towns in scope, one bar per town first (their
 * latest revisions, as the statistics count them) so towns compare against each other and the
 * national line.
 */
export function shareRows(overview: Overview, scopeLabel: string, towns: readonly RevisionSummary[] = []): ShareRow[] {
  const total = shareRow(null, towns.length > 1 ? "合计" : scopeLabel, overview);
  if (towns.length <= 1) return [total];
  const perTown = [...towns]
    .sort((a, b) => a.town.localeCompare(b.town, "zh-CN") || a.id - b.id)
    .map((r) => shareRow(r.id, r.town, r.counts));
  return [...perTown, total];
}

export function categoryListRows(stats: readonly CategoryStat[]): CategoryListRow[] {
  return stats.map((r) => ({
    categoryId: r.categoryId,
    category: r.category,
    basic: r.basic,
    coordinated: r.coordinated,
    reclaimed: r.reclaimed,
    total: r.total,
  }));
}

export function reclaimedRetainedRows(stats: readonly ReclaimedRetainedStat[]): ReclaimedRetainedRow[] {
  return stats.map((r) => ({ categoryId: r.categoryId, category: r.category, retained: r.retained, reclaimed: r.reclaimed }));
}

/**
 * Departments by total load (led + received), heaviest first; ties keep the API's order.
 * Short names (民政局) read better on an axis; the county is added only when several counties
 * share the scope, where 民政局 alone would be ambiguous.
 */
export function departmentLoadRows(stats: readonly DepartmentLoadStat[], limit = Infinity): DepartmentLoadRow[] {
  const counties = new Set(stats.map((r) => r.countyId));
  return stats
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.coordinatedLed + b.r.reclaimedReceived - (a.r.coordinatedLed + a.r.reclaimedReceived) || a.i - b.i)
    .slice(0, limit)
    .map(({ r }) => ({
      departmentId: r.departmentId,
      name: r.name,
      label: counties.size > 1 ? `${r.county}·${r.shortName}` : r.shortName,
      coordinated: r.coordinatedLed,
      reclaimed: r.reclaimedReceived,
      townSteps: r.townSteps,
      departmentSteps: r.departmentSteps,
    }));
}

/**
 * The department × category grid: a cell counts the coordinated duties the department leads
 * plus the reclaimed duties it received in that category. Departments run heaviest first
 * (labels as in the load chart), categories in document order; every pair is a cell, zeros included.
 */
export function heatmapData(cells: readonly MatrixStat[], load: readonly DepartmentLoadStat[]): HeatmapData {
  const labels = new Map(departmentLoadRows(load).map((r) => [r.departmentId, r.label]));
  const totals = new Map<number, { name: string; total: number; first: number }>();
  const categories = new Map<number, string>();
  const out: HeatmapCell[] = [];
  cells.forEach((c, i) => {
    if (c.departmentId === null) return;
    const value = c.coordinated + c.reclaimed;
    const t = totals.get(c.departmentId) ?? { name: c.department, total: 0, first: i };
    t.total += value;
    totals.set(c.departmentId, t);
    categories.set(c.categoryId, c.category);
    out.push({ departmentId: c.departmentId, categoryId: c.categoryId, value });
  });
  const departments = [...totals.entries()]
    .sort(([, a], [, b]) => b.total - a.total || a.first - b.first)
    .map(([id, t]) => ({ id, name: t.name, label: labels.get(id) ?? t.name }));
  return {
    departments,
    categories: [...categories.entries()].sort(([a], [b]) => a - b).map(([id, name]) => ({ id, name })),
    cells: out,
    max: Math.max(0, ...out.map((c) => c.value)),
  };
}

/** Duties per category before and after a revision (all three lists), in the diff's order: before revision's categories first. */
export function categoryDeltaRows(categories: readonly CategoryCount[]): CategoryDeltaRow[] {
  return categories.map((c) => ({ category: c.category, before: c.before, after: c.after, delta: c.delta }));
}
