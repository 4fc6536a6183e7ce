/** The three lists every township publishes. */
export type ListKind = "basic" | "coordinated" | "reclaimed";

export const LIST_KINDS: readonly ListKind[] = ["basic", "coordinated", "reclaimed"];

/** Chinese names as the dashboard and reports print them. */
export const LIST_LABELS: Record<ListKind, string> = {
  basic: "基本履职事项",
  coordinated: "配合履职事项",
  reclaimed: "上级部门收回事项",
};

/** The canonical title suffix of each list, used to flag title typos. */
export const LIST_TITLES: Record<ListKind, string> = {
  basic: "基本履职事项清单",
  coordinated: "配合履职事项清单",
  reclaimed: "上级部门收回事项清单",
};

/**
 * A place as the document title writes it, e.g. 昌吉州 / 玛纳斯县 / 兰州湾镇.
 * Levels the title leaves out are null (the seed names no province).
 */
export interface Region {
  province: string | null;
  prefecture: string | null;
  county: string | null;
  town: string;
}

/** Level marker that replaces a county/district/city name in short forms (县民政局, 区委编办). */
export type LevelMarker = "县" | "区" | "市" | "州" | "旗";

export type DepartmentKind =
  | "party" // 县委组织部, 县委编办, 县委政法委
  | "government" // 县民政局, 县卫生健康委员会, 县人民政府办公室
  | "branch" // vertical or branch bodies: 昌吉州生态环境局玛纳斯县分局, 县税务局, 县消防救援局
  | "congress" // 县人大, 县政协
  | "mass"; // 县残联, 县红十字会, 县总工会

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  party: "党委部门",
  government: "政府部门",
  branch: "垂直/派驻机构",
  congress: "人大政协",
  mass: "群团组织",
};

/** A county-level (or higher) unit as named in a department column. */
export interface Department {
  /** Full formal name, e.g. 玛纳斯县民政局. */
  name: string;
  /** Name without the place, aliases folded, comparable across counties: 民政局, 组织部, 市场监督管理局. */
  shortName: string;
  /** How duty text abbreviates it: 县民政局, 县委组织部, 州生态环境局玛纳斯县分局. */
  abbreviation: string;
  level: LevelMarker | null;
  kind: DepartmentKind;
}

/** A department named in one row, with whatever the cell added after the name. */
export interface DepartmentRef {
  /** Canonical full name (a key into Revision.departments). */
  name: string;
  /** A vague tail kept verbatim, e.g. 及其他负有安全生产监督管理职责的部门. */
  note: string | null;
}

/** One numbered responsibility inside a cell. */
export interface Step {
  /** 1-based position in the cell. */
  order: number;
  text: string;
  /** Canonical name of the department this step belongs to, where the cell divides work per department. */
  department: string | null;
  /** Sub-heading the step sits under (一、农药使用指导、服务工作), if any. */
  heading: string | null;
}

/** A column the list does not define (备注, 编号, 法律依据 …), kept with its header. */
export interface DutyNote {
  column: string;
  text: string;
}

interface DutyBase {
  /**
   * 序号 as printed when the list numbers its items straight through (1..N, gaps kept); the
   * position in the list when it numbers each category from 1 or not at all. Renumbered on every
   * revision either way, so never an identity.
   */
  seq: number;
  category: string;
  name: string;
  /** 1-based reading-order line of the row (the line of a text file). */
  line: number;
  /** Where the row is when a line number does not say it: "「基本履职」第 5 行", "表格 1 第 5 行", "第 3 页". */
  at?: string;
  /** Columns beyond the list's own, in document order; absent when there are none. */
  notes?: DutyNote[];
}

export interface BasicDuty extends DutyBase {
  list: "basic";
}

export interface CoordinatedDuty extends DutyBase {
  list: "coordinated";
  departments: DepartmentRef[];
  departmentDuties: Step[];
  townDuties: Step[];
}

export interface ReclaimedDuty extends DutyBase {
  list: "reclaimed";
  receivers: DepartmentRef[];
  method: Step[];
}

export type Duty = BasicDuty | CoordinatedDuty | ReclaimedDuty;

export interface Lists {
  basic: BasicDuty[];
  coordinated: CoordinatedDuty[];
  reclaimed: ReclaimedDuty[];
}

/** A town's three lists at one point in time. */
export interface Revision {
  region: Region;
  /** Titles exactly as printed (typos included), null for a list the document lacks. */
  titles: Record<ListKind, { text: string; line: number; at?: string } | null>;
  lists: Lists;
  /** Categories in order of first appearance across the document. */
  categories: string[];
  /** Every distinct department of the department and receiver columns, in order of first appearance. */
  departments: Department[];
}

/** Something the parser accepted but a reader should know about. */
export interface ParseWarning {
  code: "seq-gap" | "unresolved-abbreviation" | "unresolved-department" | "empty-department" | "skipped-table" | "missing-list";
  line: number;
  /** The place as messages print it ("12", "基本履职!D5"); the line number when absent. */
  at?: string;
  list: ListKind | null;
  column: string | null;
  text: string;
  message: string;
}

export function allDuties(revision: Revision): Duty[] {
  return [...revision.lists.basic, ...revision.lists.coordinated, ...revision.lists.reclaimed];
}
