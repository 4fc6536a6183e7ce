import type { RouterOutputs } from "@duty/api";
import { LIST_KINDS, LIST_LABELS, type ListKind, NATIONAL_REFERENCE } from "@duty/domain";
import { COLOURS, LIST_COLOURS, LIST_INK } from "../../charts/colours.ts";
import type { ListCountRow } from "../../charts/list-counts-chart.tsx";
import type { ShareRow } from "../../charts/share-chart.tsx";
import type { BarsSpec } from "../../charts/stacked-bars.tsx";
import { SHARE_BARS_MAX_TOWNS } from "./overview-queries.ts";

type Overview = RouterOutputs["stats"]["overview"];
type CategoryStat = RouterOutputs["stats"]["byCategory"][number];
type ReclaimedRetainedStat = RouterOutputs["stats"]["reclaimedVsRetained"][number];
export type TownShare = RouterOutputs["stats"]["townShares"]["items"][number];
type ShareBin = RouterOutputs["stats"]["townShareHistogram"][number];

/** The counts and shares the server returns for a scope or a town: what one share bar draws. */
interface Shares {
  total: number;
  coordinated: number;
  reclaimed: number;
  coordinatedShare: number;
  reclaimedShare: number;
  delegatedShare: number;
}

export { SHARE_BARS_MAX_TOWNS };

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

function shareRow(revisionId: number | null, label: string, shares: Shares): ShareRow {
  return {
    revisionId,
    label,
    total: shares.total,
    coordinated: shares.coordinated,
    reclaimed: shares.reclaimed,
    coordinatedPercent: percent(shares.coordinatedShare),
    reclaimedPercent: percent(shares.reclaimedShare),
    sharePercent: percent(shares.delegatedShare),
  };
}

/**
 * One bar for the whole scope; with several towns in scope, one bar per town first (each town's
 * standing revision, as stats.townShares returns them in town order) so towns compare against each
 * other and the national line. Past SHARE_BARS_MAX_TOWNS, the total alone (the histogram shows the towns).
 */
export function shareRows(overview: Overview, scopeLabel: string, towns: readonly TownShare[] = []): ShareRow[] {
  const perTownBars = towns.length > 1 && overview.towns <= SHARE_BARS_MAX_TOWNS;
  const total = shareRow(null, perTownBars ? "合计" : scopeLabel, overview);
  if (!perTownBars) return [total];
  return [...towns.map((t) => shareRow(t.revisionId, t.town, t)), total];
}

/** A histogram bin as a bar: its range in percent (35–40%) and the towns in it. */
export interface ShareBinRow {
  label: string;
  /** Lower bound in percent: where a click drills. */
  fromPercent: number;
  towns: number;
}

export function shareBinRows(bins: readonly ShareBin[]): ShareBinRow[] {
  return bins.map((b) => ({
    label: `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`,
    fromPercent: Math.round(b.from * 100),
    towns: b.towns,
  }));
}

/** Towns by delegated share (配合＋收回 占比): the distribution when a scope holds too many towns for a bar each. */
export const SHARE_HISTOGRAM_BARS: BarsSpec<ShareBinRow, "towns"> = {
  nameColumn: "配合＋收回占比",
  nameKey: "label",
  series: [{ id: "towns", key: "towns", label: "乡镇数", colour: COLOURS.reclaimed }],
  stacked: false,
  rowHeight: 22,
  unit: "个",
};

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
