import type { RouterOutputs } from "@duty/api";
import { CHANGE_KIND_LABELS, CHANGE_KINDS, type ChangeKind, LIST_KINDS, LIST_LABELS, type ListKind, changeNotes } from "@duty/domain";
import { COLOURS } from "../../charts/colours.ts";
import type { BarsSpec } from "../../charts/stacked-bars.tsx";
import type { DataTable } from "../../export/table.ts";
import type { SearchPatch } from "../../url-state.ts";

export type RevisionDiff = RouterOutputs["diff"]["compare"];
export type DutyChange = RevisionDiff["changes"][number];
type Side = NonNullable<DutyChange["before"]>;
type CategoryCount = RevisionDiff["summary"]["categories"][number];

/** "changed": every kind but unchanged, what a reviewer reads first; "all": unchanged duties too. */
export type KindFilter = ChangeKind | "changed" | "all";

export interface ChangeFilter {
  kind: KindFilter;
  /** A change is in a list when either side is. */
  list: ListKind | null;
  /** A change is in a category when either side is. */
  category: string | null;
}

const KIND_FILTERS: readonly string[] = ["changed", "all", ...CHANGE_KINDS];

/** `?kind=reworded&list=basic&category=社会保障`; unknown values fall back to the default. */
export function changeFilterFromParams(params: URLSearchParams): ChangeFilter {
  const kind = params.get("kind") ?? "changed";
  const list = params.get("list");
  return {
    kind: KIND_FILTERS.includes(kind) ? (kind as KindFilter) : "changed",
    list: LIST_KINDS.includes(list as ListKind) ? (list as ListKind) : null,
    category: params.get("category") || null,
  };
}

export function changeFilterParams(filter: ChangeFilter): SearchPatch {
  return { kind: filter.kind === "changed" ? null : filter.kind, list: filter.list, category: filter.category };
}

export function filterChanges(changes: readonly DutyChange[], filter: ChangeFilter): DutyChange[] {
  const sides = (c: DutyChange) => [c.before, c.after].filter((s): s is Side => s !== null);
  return changes.filter(
    (c) =>
      (filter.kind === "all" || (filter.kind === "changed" ? !c.kinds.includes("unchanged") : c.kinds.includes(filter.kind))) &&
      (filter.list === null || sides(c).some((s) => s.list === filter.list)) &&
      (filter.category === null || sides(c).some((s) => s.category === filter.category)),
  );
}

export interface KindCard {
  kind: ChangeKind;
  label: string;
  count: number;
}

/** One summary card per change kind, in the differ's order; a pair with two edits counts under both. */
export function kindCards(diff: RevisionDiff): KindCard[] {
  return CHANGE_KINDS.map((kind) => ({ kind, label: CHANGE_KIND_LABELS[kind], count: diff.summary.kinds[kind] }));
}

/** The change list as exported: what the filters show, each side's place and name, and the notes. */
export function changesTable(changes: readonly DutyChange[]): DataTable {
  const side = (s: Side | null) => (s ? [LIST_LABELS[s.list], s.seq, s.category, s.name] : [null, null, null, null]);
  return {
    columns: [
      "变化",
      "修订前清单",
      "修订前序号",
      "修订前类别",
      "修订前事项名称",
      "修订后清单",
      "修订后序号",
      "修订后类别",
      "修订后事项名称",
      "说明",
    ],
    rows: changes.map((c) => [
      c.kinds.map((k) => CHANGE_KIND_LABELS[k]).join("、"),
      ...side(c.before),
      ...side(c.after),
      changeNotes(c).join("；") || null,
    ]),
  };
}

/** Categories either revision uses, in the summary's order (before revision first), for the filter. */
export function categoryOptions(diff: RevisionDiff): string[] {
  return diff.summary.categories.map((c) => c.category);
}

/**
 * Duties per category in the two revisions (all three lists), the earlier bar above the later one,
 * in the diff's order; `before`/`after` name the sides (修订前/修订后, or the two towns).
 */
export function categoryDeltaBars(before: string, after: string): BarsSpec<CategoryCount, "before" | "after"> {
  return {
    nameColumn: "事项类别",
    nameKey: "category",
    series: [
      { id: "before", key: "before", label: before, colour: COLOURS.revisionBefore },
      { id: "after", key: "after", label: after, colour: COLOURS.revisionAfter },
    ],
    stacked: false,
    extraColumns: [{ label: "增减", key: "delta" }],
    rowHeight: 40,
  };
}
