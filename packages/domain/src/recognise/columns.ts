import type { ListKind } from "../types.ts";
import columnNames from "./column-names.json" with { type: "json" };

/** What a column of a list table holds. */
export type Column =
  | "seq"
  | "category"
  | "name"
  | "departments"
  | "departmentDuties"
  | "townDuties"
  | "receivers"
  | "receiversAndMethod"
  | "method"
  | "note"
  /** Which of the three lists the row belongs to, in one table holding them all. */
  | "list";

/** Chinese names for messages. */
export const COLUMN_LABELS: Record<Column, string> = {
  seq: "序号",
  category: "事项类别",
  name: "事项名称",
  departments: "对应上级部门",
  departmentDuties: "上级部门职责",
  townDuties: "乡镇配合职责",
  receivers: "承接部门",
  receiversAndMethod: "承接部门及工作方式",
  method: "工作方式",
  note: "备注",
  list: "清单类型",
};

const EXACT = new Map<string, Column>();
for (const [column, words] of Object.entries(columnNames)) {
  if (column.startsWith("_")) continue;
  for (const word of words as string[]) EXACT.set(normaliseHeader(word), column as Column);
}

/*
 * Wordings not in the table but built the same way: the town's own name before 配合职责
 * (兰州湾镇配合职责), any 部门/县级/区级 before 职责, a place before 职责.
 */
const PATTERNS: [RegExp, Column][] = [
  [/配合(履职)?(职责|内容)$/u, "townDuties"],
  [/(乡镇|街道|镇街|镇|乡|苏木)(（街道）)?(履职|配合)?(职责|内容)$/u, "townDuties"],
  [/(部门|县级|区级|市级|上级|单位)(主要)?(履职)?(职责|内容)$/u, "departmentDuties"],
  [/^承接(部门|单位).*(方式|方法)$/u, "receiversAndMethod"],
  [/(上级|县级|区级|市级|县直|牵头|责任|主管|职能|对应|主责)[^职]{0,6}(部门|单位)(名称)?$/u, "departments"],
  [/(类别|类型|分类|领域)$/u, "category"],
  [/事项(名称)?$/u, "name"],
];

/** Spaces (序  号), 「*」 marks and a trailing colon are how a header is typed, not what it says. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]+/gu, "")
    .replace(/[:：]$/u, "")
    .replace(/\(/gu, "（")
    .replace(/\)/gu, "）");
}

/** The column a header cell names, or null when it names none of the known ones (kept as a note). */
export function columnOf(header: string): Column | null {
  // Data cells are long: spare them the normalising (this runs on every row while looking for headers).
  if (header.length > 60) return null;
  const text = normaliseHeader(header);
  if (!text || text.length > 30) return null;
  const exact = EXACT.get(text) ?? EXACT.get(text.replace(/（[^（）]*）/gu, ""));
  if (exact) return exact;
  return PATTERNS.find(([re]) => re.test(text))?.[1] ?? null;
}

/** Columns only one list has: a header holding them says which list it heads. */
export function kindOfColumns(columns: readonly (Column | null)[]): ListKind | "ambiguous" | "mixed" | null {
  const has = (c: Column) => columns.includes(c);
  const reclaimed = has("receivers") || has("receiversAndMethod") || has("method");
  const coordinated = has("departmentDuties") || has("townDuties");
  // Both lists' columns in one table: only a title, or a column naming each row's list, can say which.
  if (reclaimed && coordinated) return "mixed";
  if (reclaimed) return "reclaimed";
  if (coordinated) return "coordinated";
  if (has("departments")) return "ambiguous";
  return null;
}

/**
 * What a list needs to be read at all. A 收回 list names who takes each duty back; a 配合 list the
 * department that leads it. Steps columns may be missing (the duties then have none): the document
 * simply does not say.
 */
export const REQUIRED: Record<ListKind, Column[][]> = {
  basic: [["name"]],
  coordinated: [["name"], ["departments"]],
  reclaimed: [["name"], ["receivers", "receiversAndMethod"]],
};
