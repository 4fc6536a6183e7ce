import type { RouterOutputs } from "@duty/api";
import { LIST_LABELS, type ListKind, type Presence } from "@duty/domain";
import type { DataTable } from "../../export/table.ts";

export type TownComparison = RouterOutputs["diff"]["townsInRegion"];

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

/** Duties only one town has (个性化事项), in the server's order (town by town, each in list order), named. */
export function townSpecificRows(comparison: TownComparison): TownSpecificRow[] {
  return comparison.specific.map((d) => ({
    town: comparison.towns[d.town]!.town,
    revisionId: comparison.revisionIds[d.town]!,
    list: d.list,
    seq: d.seq,
    category: d.category,
    name: d.name,
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
