import type { Workbook } from "exceljs";
import type { ExportContext } from "./context.ts";
import { type ExportedTable, contextLines, downloadBlob, isShare } from "./table.ts";

// exceljs is ~250 kB gzip: loaded on the first export, never with a page.
async function newWorkbook(): Promise<Workbook> {
  const mod = (await import("exceljs")) as unknown as { Workbook?: typeof Workbook; default?: { Workbook: typeof Workbook } };
  const Ctor = mod.Workbook ?? mod.default?.Workbook;
  if (!Ctor) throw new Error("exceljs did not load: no Workbook export");
  return new Ctor();
}

/** Excel rejects sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(title: string): string {
  return (
    title
      .replace(/[[\]:*?/\\]/gu, " ")
      .trim()
      .slice(0, 31) || "Sheet1"
  );
}

/** Sheet names unique within a workbook (Excel refuses two alike, case-insensitively). */
function uniqueSheetNames(titles: readonly string[]): string[] {
  const used = new Set<string>(["说明"]);
  return titles.map((title) => {
    const base = sheetName(title);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

export const CONTEXT_SHEET = "说明";

/**
 * One workbook: a 说明 sheet first (scope, revisions, date, source, and what each sheet counts),
 * then a sheet per table. Numbers stay numbers, shares are fractions shown as 0.0%, and cells
 * are written as values, never as formulas, so text such as "=1+1" stays text.
 */
export async function toXlsx(tables: readonly ExportedTable[], context: ExportContext, date: string): Promise<ArrayBuffer> {
  const workbook = await newWorkbook();
  workbook.creator = "履职图谱";
  const names = uniqueSheetNames(tables.map((t) => t.title));

  const about = workbook.addWorksheet(CONTEXT_SHEET);
  for (const [label, value] of contextLines(context, date)) about.addRow([label, value]);
  about.addRow([]);
  about.addRow(["工作表", "内容"]).font = { bold: true };
  for (const [i, t] of tables.entries()) about.addRow([names[i], t.note ? `${t.title}：${t.note}` : t.title]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 16;
  about.getColumn(2).width = 100;
  about.getColumn(2).alignment = { wrapText: true, vertical: "top" };

  tables.forEach(({ table }, i) => {
    const sheet = workbook.addWorksheet(names[i]!, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(row.map((cell) => (cell === null ? undefined : isShare(cell) ? cell.share : cell)));
      row.forEach((cell, c) => {
        if (isShare(cell)) added.getCell(c + 1).numFmt = "0.0%";
      });
    }
    table.columns.forEach((column, c) => {
      const widest = Math.max(column.length, ...table.rows.map((r) => String(isShare(r[c] ?? null) ? "00.0%" : (r[c] ?? "")).length));
      // CJK characters are about two Latin widths wide.
      sheet.getColumn(c + 1).width = Math.min(60, Math.max(8, widest * 2 + 2));
    });
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return buffer as unknown as ArrayBuffer;
}

export async function downloadXlsx(
  tables: readonly ExportedTable[],
  context: ExportContext,
  date: string,
  filename: string,
): Promise<void> {
  const data = await toXlsx(tables, context, date);
  downloadBlob(new Blob([data], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), `${filename}.xlsx`);
}
