import type { RouterOutputs } from "@duty/api";
import { LIST_KINDS, LIST_LABELS, type ListKind } from "@duty/domain";
import type { DataTable } from "../../export/table.ts";

export type TownComparison = RouterOutputs["diff"]["townsInRegion"];
type Presence = TownComparison["groups"][number]["presence"];

export const PRESENCE_LABELS: Record<Presence, string> = {
  all: "各乡镇共有",
  some: "部分乡镇共有",
  specific: "本镇特有",
};

export interface TownSpecificRow {
  town: string;
  revisionId: number;
  list: ListKind;
  seq: number;
  category: string;
  name: string;
}

/** Duties only one town has (个性化事项), town by town in the comparison's order, each in list order. */
export function townSpecificRows(comparison: TownComparison): TownSpecificRow[] {
  const rank = (list: ListKind) => LIST_KINDS.indexOf(list);
  return comparison.groups
    .filter((g) => g.presence === "specific")
    .map((g) => {
      const t = g.members.findIndex((m) => m !== null);
      return { t, duty: g.members[t]! };
    })
    .sort((a, b) => a.t - b.t || rank(a.duty.list) - rank(b.duty.list) || a.duty.seq - b.duty.seq)
    .map(({ t, duty }) => ({
      town: comparison.towns[t]!.town,
      revisionId: comparison.revisionIds[t]!,
      list: duty.list,
      seq: duty.seq,
      category: duty.category,
      name: duty.name,
    }));
}

export function townSpecificTable(rows: readonly TownSpecificRow[]): DataTable {
  return {
    columns: ["乡镇", "清单", "序号", "事项类别", "事项名称"],
    rows: rows.map((r) => [r.town, LIST_LABELS[r.list], r.seq, r.category, r.name]),
  };
}

export function townSummaryTable(comparison: TownComparison): DataTable {
  return {
    columns: ["乡镇", "事项数", PRESENCE_LABELS.all, PRESENCE_LABELS.some, PRESENCE_LABELS.specific],
    rows: comparison.summary.towns.map((t) => [t.town.town, t.duties, t.all, t.some, t.specific]),
  };
}
