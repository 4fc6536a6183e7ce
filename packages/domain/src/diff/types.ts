import type { ListKind, Region } from "../types.ts";
import type { MatchMethod } from "./match.ts";

/**
 * What happened to one duty between two revisions. A matched pair carries every edit that applies
 * (moved + reworded, say) and is `unchanged` only when it carries none; `added` and `removed` stand alone.
 */
export type ChangeKind =
  | "unchanged"
  | "moved"
  | "recategorized"
  | "reworded"
  | "departmentsChanged"
  | "dutiesChanged"
  | "added"
  | "removed";

export const CHANGE_KINDS: readonly ChangeKind[] = [
  "unchanged",
  "moved",
  "recategorized",
  "reworded",
  "departmentsChanged",
  "dutiesChanged",
  "added",
  "removed",
];

/** Chinese names of the change kinds, as reports and the dashboard print them. */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  unchanged: "未变",
  moved: "调整清单",
  recategorized: "调整类别",
  reworded: "名称改写",
  departmentsChanged: "部门调整",
  dutiesChanged: "职责内容调整",
  added: "新增",
  removed: "删除",
};

/** The responsibilities columns whose text `dutiesChanged` compares. */
export type DutyColumn = "departmentDuties" | "townDuties" | "method";

/** One side of a change: where the duty sits in its revision. */
export interface DutyRef {
  list: ListKind;
  /** 序号 in that revision (renumbered between revisions, so only for display). */
  seq: number;
  category: string;
  name: string;
  line: number;
  /** Canonical names of the leading departments (coordinated) or receivers (reclaimed); empty for basic. */
  departments: string[];
}

export interface DutyChange {
  kinds: ChangeKind[];
  /** null for an added duty. */
  before: DutyRef | null;
  /** null for a removed duty. */
  after: DutyRef | null;
  /** How the pair was found; null for added and removed duties. */
  match: { method: MatchMethod; similarity: number } | null;
  /**
   * Set with `departmentsChanged`: department keys (see RevisionDiff.departmentKey) found only on the
   * after side, and only on the before side.
   */
  departments: { added: string[]; removed: string[] } | null;
  /** Set with `dutiesChanged`: the responsibilities columns whose text differs. */
  duties: DutyColumn[] | null;
}

export interface CountDelta {
  before: number;
  after: number;
  /** after − before */
  delta: number;
}

export interface CategoryCount extends CountDelta {
  category: string;
  lists: Record<ListKind, CountDelta>;
}

/** A county department's share of a town's lists. */
export interface LoadCounts {
  /** Coordinated duties it leads (a row naming several departments counts for each). */
  coordinated: number;
  /** Reclaimed duties it receives. */
  reclaimed: number;
  total: number;
}

export interface DepartmentLoad {
  /** A department key, see RevisionDiff.departmentKey. */
  department: string;
  before: LoadCounts;
  after: LoadCounts;
  /** after.total − before.total */
  delta: number;
}

export interface DiffSummary {
  /** Duties per change kind; a pair with several kinds counts once under each. */
  kinds: Record<ChangeKind, number>;
  lists: Record<ListKind, CountDelta>;
  /** In order of first appearance, before revision first. */
  categories: CategoryCount[];
  /** Every department either revision names, in order of first appearance, before revision first. */
  departments: DepartmentLoad[];
}

export interface RevisionDiff {
  before: Region;
  after: Region;
  sameTown: boolean;
  /**
   * What identifies a department: the canonical full name within one town (玛纳斯县税务局), the
   * place-free short name between towns (税务局), since another county's bureau has another full name.
   */
  departmentKey: "name" | "shortName";
  /** Matched and added duties in the after revision's order, then removed duties in the before revision's order. */
  changes: DutyChange[];
  summary: DiffSummary;
}

/** all: every town has the duty; some: more than one town but not all; specific: one town only (个性化事项). */
export type Presence = "all" | "some" | "specific";

/** One duty as the towns of a comparison have it. */
export interface DutyGroup {
  /** The name in the first town that has the duty (the one the later towns were matched against). */
  name: string;
  presence: Presence;
  /** One entry per compared revision, in input order; null where that town lacks the duty. */
  members: (DutyRef | null)[];
  /** How many towns have it. */
  towns: number;
}

export interface TownSummary {
  town: Region;
  duties: number;
  all: number;
  some: number;
  specific: number;
}

export interface TownComparison {
  towns: Region[];
  /** In order of first appearance: the first town's duties, then what each later town adds. */
  groups: DutyGroup[];
  summary: { all: number; some: number; specific: number; towns: TownSummary[] };
}
