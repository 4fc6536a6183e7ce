import type { Workbook } from "exceljs";
import { type DataTable, downloadBlob } from "./table.ts";

// exceljs is ~250 kB gzip: loaded on the first export, never with a page.
async function newWorkbook(): Promise<Workbook> {
  const mod = (await import("exceljs")) as unknown as { Workbook?: typeof Workbook; default?: { Workbook: typeof Workbook } };
  const Ctor = mod.Workbook ?? mod.default?.Workbook;
  if (!Ctor) throw new Error("exceljs did not load: no Workbook export");
  return new Ctor();
}

/** Excel rejects sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/gu, " ").trim().slice(0, 31) || "Sheet1";
}

export async function toXlsx(table: DataTable, title: string): Promise<ArrayBuffer> {
  const workbook = await newWorkbook();
  workbook.creator = "履职图谱";
  const sheet = workbook.addWorksheet(sheetName(title), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.columns).font = { bold: true };
  // Cells are written as values, never as formulas, so text such as "=1+1" stays text.
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? undefined));
  table.columns.forEach((column, i) => {
    const widest = Math.max(column.length, ...table.rows.map((r) => String(r[i] ?? "").length));
    // CJK characters are about two Latin widths wide.
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, widest * 2 + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return buffer as unknown as ArrayBuffer;
}

export async function downloadXlsx(table: DataTable, title: string, filename: string): Promise<void> {
  const data = await toXlsx(table, title);
  downloadBlob(
    new Blob([data], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
    `${filename}.xlsx`,
  );
}
