import type { RouterOutputs } from "@duty/api";
import type { Scope } from "@duty/domain";
import { findRegion, latestRevisionIds, type RegionNode, type RevisionSummary } from "./scope-info.ts";

/*
 * STOPGAP: the statistics the browser still computes, here and nowhere else. The server owns every
 * statistic (issue 11, item 6); each function below names the field that replaces it. When that
 * field arrives, delete the function and read the field where it was called.
 */

type DepartmentLoadStat = RouterOutputs["stats"]["departmentLoad"]["departments"][number];
type MatrixStat = RouterOutputs["stats"]["matrix"][number];

export interface ListShares {
  total: number;
  /** Fractions of the total (0.407), 0 for an empty scope: what stats.overview's delegatedShare already is. */
  coordinatedShare: number;
  reclaimedShare: number;
  delegatedShare: number;
}

/**
 * The delegated share (配合＋收回 占比) and its two parts. To come from the server as
 * stats.overview `coordinatedShare` / `reclaimedShare` beside `delegatedShare`, and per town as the
 * rows of stats.townShares (see townRevisionsInScope).
 */
export function listShares(counts: { basic: number; coordinated: number; reclaimed: number }): ListShares {
  const total = counts.basic + counts.coordinated + counts.reclaimed;
  const of = (part: number) => (total > 0 ? part / total : 0);
  return {
    total,
    coordinatedShare: of(counts.coordinated),
    reclaimedShare: of(counts.reclaimed),
    delegatedShare: of(counts.coordinated + counts.reclaimed),
  };
}

/**
 * The revisions a scope's statistics read, one per town (each town's latest), for the per-town share
 * bars. This is the scope rule again, and it misses towns beyond the revisions list's first page. To
 * come from the server as stats.townShares(scope): per town its standing revision with the counts and
 * the shares of listShares, decided by the database's one scope rule.
 */
export function townRevisionsInScope(scope: Scope, tree: readonly RegionNode[], revisions: readonly RevisionSummary[]): RevisionSummary[] {
  if ("revisionId" in scope) return [];
  const nodes = "regionId" in scope ? [findRegion(tree, scope.regionId)].filter((n) => n !== null) : tree;
  const ids = new Set(latestRevisionIds(nodes));
  return revisions.filter((r) => ids.has(r.id));
}

/** A department's load, led + received. To come from stats.departmentLoad as each department's `total`. */
export function loadTotal(department: DepartmentLoadStat): number {
  return department.coordinatedLed + department.reclaimedReceived;
}

/**
 * Departments heaviest first by total load; ties keep the server's order (led, then received), the
 * sort being stable. To go when stats.departmentLoad orders its departments by `total`.
 */
export function byLoad(departments: readonly DepartmentLoadStat[]): DepartmentLoadStat[] {
  return [...departments].sort((a, b) => loadTotal(b) - loadTotal(a));
}

/** Duties in one department × category cell, coordinated + reclaimed. To come from stats.matrix as each cell's `total`. */
export function cellTotal(cell: MatrixStat): number {
  return cell.coordinated + cell.reclaimed;
}

/**
 * The matrix's county departments, heaviest first by the sum of their cells; ties in the order they
 * first appear (a Map keeps it, the sort is stable). To go when stats.matrix returns its departments
 * heaviest first, by the same `total` as stats.departmentLoad.
 */
export function heaviestDepartments(cells: readonly MatrixStat[]): number[] {
  const totals = new Map<number, number>();
  for (const c of cells) if (c.departmentId !== null) totals.set(c.departmentId, (totals.get(c.departmentId) ?? 0) + cellTotal(c));
  return [...totals.entries()].sort(([, a], [, b]) => b - a).map(([id]) => id);
}
