import type { ExportContext } from "./context.ts";

/** A fraction (0.557) that exports as a percentage: 55.7% in CSV, 0.557 formatted 0.0% in XLSX. */
export interface ShareCell {
  share: number;
}

/** One cell of an exported table: numbers stay numbers so CSV and XLSX can keep their type. */
export type Cell = string | number | ShareCell | null;

export function isShare(cell: Cell): cell is ShareCell {
  return typeof cell === "object" && cell !== null;
}

/** Exactly what a chart drew (or what a filtered table shows), ready for CSV and XLSX. */
export interface DataTable {
  columns: string[];
  rows: Cell[][];
}

/** A table as an export carries it: its title, what it counts, and the scope it was drawn for. */
export interface ExportedTable {
  title: string;
  table: DataTable;
  /** What the figures count (a chart's ⓘ text). */
  note?: string | undefined;
}

/** Browsers save a Blob through a temporary link; the link never reaches the page. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Runs of what Windows forbids in a file name (\ / : * ? " < > | and the control characters
 * U+0000–U+001F) or a shell splits on (blanks). The control range is built from code points on
 * purpose: as \u escapes in a regex literal it reads as a mistake (lint/suspicious/noControlCharactersInRegex).
 */
const UNSAFE_IN_FILENAME = new RegExp(`[\\\\/:*?"<>|${String.fromCodePoint(0x00)}-${String.fromCodePoint(0x1f)}\\s]+`, "gu");

/** File names keep Chinese text but lose characters Windows or a shell would choke on. */
export function safeFilename(...parts: string[]): string {
  return parts.filter(Boolean).join("-").replace(UNSAFE_IN_FILENAME, "_").slice(0, 120);
}

/**
 * Short, readable file names: place, what, filters, date (兰州湾镇-各类别事项数-2026-12-01). A title's
 * bracketed qualifier (各类别事项数（按清单）) is left to the file's first row, which names everything.
 */
export function exportFilename(place: string, title: string, date: string, detail = ""): string {
  const short = title.replace(/（[^）]*）|\([^)]*\)/gu, "").trim() || title;
  return safeFilename(place, short, detail, date);
}

/** The lines an export opens with: where the figures come from, so a file found later still says it. */
export function contextLines(context: ExportContext, date: string): [label: string, value: string][] {
  return [
    ["范围", context.scope],
    ["版本", context.revisions || "—"],
    ["导出日期", date],
    ["来源", context.files ? `履职图谱，源文件 ${context.files}` : "履职图谱"],
  ];
}
