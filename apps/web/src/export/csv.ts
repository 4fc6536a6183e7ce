import type { ExportContext } from "./context.ts";
import { type Cell, type DataTable, contextLines, downloadBlob, isShare } from "./table.ts";

/** Excel detects UTF-8 only with a byte order mark; without it Chinese text opens as mojibake. */
export const BOM = "\uFEFF";

// Spreadsheet apps run a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/u;
// A plain decimal like -3 or -0.5 is a value, not a formula: keep it readable as a number.
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/u;

export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (isShare(value)) return Number.isFinite(value.share) ? `${(value.share * 100).toFixed(1)}%` : "";
  let text = value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) || text !== text.trim() ? `"${text.replace(/"/gu, '""')}"` : text;
}

/**
 * The table as CSV. With a context, the first row says where the figures come from (范围：…, 版本：…,
 * 导出日期：…, 来源：…, one cell each) and the column headings follow on the second row.
 */
export function toCsv(table: DataTable, context?: { context: ExportContext; date: string }): string {
  const first = context ? [contextLines(context.context, context.date).map(([label, value]) => `${label}：${value}`)] : [];
  const lines = [...first, table.columns, ...table.rows].map((row) => row.map(csvCell).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

export function downloadCsv(table: DataTable, context: ExportContext, date: string, filename: string): void {
  downloadBlob(new Blob([toCsv(table, { context, date })], { type: "text/csv;charset=utf-8" }), `${filename}.csv`);
}
