import { type Cell, type DataTable, downloadBlob } from "./table.ts";

/** Excel detects UTF-8 only with a byte order mark; without it Chinese text opens as mojibake. */
export const BOM = "\uFEFF";

// Spreadsheet apps run a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/u;
// A plain decimal like -3 or -0.5 is a value, not a formula: keep it readable as a number.
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/u;

export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) || text !== text.trim() ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function toCsv(table: DataTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}

export function downloadCsv(table: DataTable, filename: string): void {
  downloadBlob(new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" }), `${filename}.csv`);
}
