import type { RouterOutputs } from "@duty/api";
import { LIST_KINDS, LIST_LABELS, type ListKind, NATIONAL_REFERENCE } from "@duty/domain";
import { COLOURS, LIST_COLOURS, LIST_INK } from "../../charts/colours.ts";
import type { ListCountRow } from "../../charts/list-counts-chart.tsx";
import type { ShareRow } from "../../charts/share-chart.tsx";
import type { BarsSpec } from "../../charts/stacked-bars.tsx";
import type { RevisionSummary } from "../../scope-info.ts";
import { listShares } from "../../stats-stopgap.ts";

type Overview = RouterOutputs["stats"]["overview"];
type CategoryStat = RouterOutputs["stats"]["byCategory"][number];
type ReclaimedRetainedStat = RouterOutputs["stats"]["reclaimedVsRetained"][number];

/** A share (0.557) as the share chart draws and prints it: percent with one decimal (55.7). */
function percent(share: number): number {
  return Math.round(share * 1000) / 10;
}

export function listCountRows(overview: Overview): ListCountRow[] {
  return LIST_KINDS.map((list) => ({ list, label: LIST_LABELS[list], count: overview[list], national: NATIONAL_REFERENCE.perTown[list] }));
}

/** The national benchmark as the share chart draws it, in percent. */
export function referencePercent(overview: Overview): number {
  return percent(overview.nationalDelegatedShare);
}

function shareRow(revisionId: number | null, label: string, counts: { basic: number; coordinated: number; reclaimed: number }): ShareRow {
  const shares = listShares(counts);
  return {
    revisionId,
    label,
    total: shares.total,
    coordinated: counts.coordinated,
    reclaimed: counts.reclaimed,
    coordinatedPercent: percent(shares.coordinatedShare),
    reclaimedPercent: percent(shares.reclaimedShare),
    sharePercent: percent(shares.delegatedShare),
  };
}

/** More towns than this draw the total alone: a bar per town stops being readable (and the list is incomplete). */
export const MAX_SHARE_TOWNS = 30;

/**
 * One bar for the whole scope; with several towns in scope, one bar per town first (their
 * latest revisions, as the statistics count them) so towns compare against each other and the
 * national line. Past MAX_SHARE_TOWNS, the total alone.
 */
export function shareRows(overview: Overview, scopeLabel: string, towns: readonly RevisionSummary[] = []): ShareRow[] {
  const perTownBars = towns.length > 1 && towns.length <= MAX_SHARE_TOWNS && overview.towns <= MAX_SHARE_TOWNS;
  const total = shareRow(null, perTownBars ? "合计" : scopeLabel, overview);
  if (!perTownBars) return [total];
  const perTown = [...towns]
    .sort((a, b) => a.town.localeCompare(b.town, "zh-CN") || a.id - b.id)
    .map((r) => shareRow(r.id, r.town, r.counts));
  return [...perTown, total];
}

/** Duties per category, one stacked bar per category, one segment per list. */
export const CATEGORY_LIST_BARS: BarsSpec<CategoryStat, ListKind> = {
  nameColumn: "事项类别",
  nameKey: "category",
  series: LIST_KINDS.map((list) => ({ id: list, key: list, label: LIST_LABELS[list], colour: LIST_COLOURS[list], ink: LIST_INK[list] })),
  stacked: true,
  totalKey: "total",
  extraColumns: [{ label: "合计", key: "total" }],
};

type ReclaimedRetainedSide = "retained" | "reclaimed";

/** Per category, what the town keeps (basic + coordinated) against what higher departments took back. */
export const RECLAIMED_RETAINED_BARS: BarsSpec<ReclaimedRetainedStat, ReclaimedRetainedSide> = {
  nameColumn: "事项类别",
  nameKey: "category",
  series: [
    { id: "retained", key: "retained", label: "乡镇保留（基本＋配合）", colour: COLOURS.retained },
    { id: "reclaimed", key: "reclaimed", label: "上级部门收回", colour: COLOURS.reclaimed },
  ],
  stacked: true,
};
