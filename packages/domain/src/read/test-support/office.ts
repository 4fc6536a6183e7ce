import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, WidthType, type FileChild } from "docx";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { cellToText } from "../../recognise/cell-text.ts";

/*
 * Office files for tests and benchmarks, written with the same libraries offices' tools resemble
 * (docx, exceljs) rather than by hand, so the readers meet files shaped like real ones.
 */

/** A .docx of `children`, as Word would save it. */
export async function docxOf(
  children: FileChild[],
  options: Omit<ConstructorParameters<typeof Document>[0], "sections"> = {},
): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ ...options, sections: [{ children }] })));
}

/** A .xlsx built by `fill` on a fresh workbook. */
export async function xlsxOf(fill: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A Word table cell holding one paragraph per line ("" gives the empty paragraph Word requires). */
export function wordCell(text: string, options: Omit<ConstructorParameters<typeof TableCell>[0], "children"> = {}): TableCell {
  return new TableCell({ ...options, children: text.split("\n").map((line) => new Paragraph(line)) });
}

/** `zip` with its part `name` replaced (or added), to put hand-made XML in an otherwise real file. */
export function withPart(zip: Uint8Array, name: string, content: string | Uint8Array): Uint8Array {
  const files = unzipSync(zip);
  files[name] = typeof content === "string" ? strToU8(content) : new Uint8Array(content);
  return zipSync(files);
}

/** A minimal Word body: `body` is the XML inside <w:body>. */
export function wordDocumentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>${body}</w:body></w:document>`;
}

/**
 * `zip` with the uncompressed size its central directory records for `name` set to `size`: the
 * forged header of a zip bomb. Only the 4-byte field is rewritten; the data stays as it was.
 */
export function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const wanted = strToU8(name);
  for (let at = out.length - 46; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== wanted.length) continue;
    if (wanted.every((b, i) => out[at + 46 + i] === b)) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}

/** A document in the seed's text layout: paragraphs (titles) and tables of rows, in order. */
type SeedItem = { kind: "title"; text: string } | { kind: "table"; rows: string[][] };

/** Titles and tables of a seed-layout text: a line with tabs is a row, rows between titles are one table. */
export function seedItems(text: string): SeedItem[] {
  const items: SeedItem[] = [];
  for (const line of text.split(/\r?\n/u)) {
    if (line.includes("\t")) {
      const last = items.at(-1);
      const cells = line.split("\t").map(cellToText);
      if (last?.kind === "table") last.rows.push(cells);
      else items.push({ kind: "table", rows: [cells] });
    } else if (line.trim()) {
      items.push({ kind: "title", text: line.trim() });
    }
  }
  return items;
}

/**
 * The seed (or any text in its layout) as a Word document: each title a Heading 1 paragraph, each
 * list one table whose header row repeats on every page, each cell's lines (`cellToText`) separate
 * paragraphs.
 */
export async function seedAsDocx(text: string): Promise<Uint8Array> {
  const children: FileChild[] = seedItems(text).map((item) => {
    if (item.kind === "title") return new Paragraph({ text: item.text, heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER });
    const width = Math.max(...item.rows.map((r) => r.length));
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: item.rows.map(
        (cells, i) =>
          new TableRow({
            tableHeader: i === 0,
            children: Array.from({ length: width }, (_, c) => wordCell(cells[c] ?? "")),
          }),
      ),
    });
  });
  return docxOf(children);
}

export interface SeedXlsxOptions {
  /** Merge runs of equal 事项类别 cells of a list vertically, the text in the top cell only. */
  mergeCategories?: boolean;
  /** All lists on one sheet, a blank row between them, instead of one sheet per list. */
  oneSheet?: boolean;
}

/**
 * The seed (or any text in its layout) as an Excel workbook: one sheet per list named after its
 * title (or all on one sheet), the title in a row merged across the list's columns, each cell's
 * lines (`cellToText`) one cell with line breaks, 序号 written as numbers.
 */
export async function seedAsXlsx(text: string, options: SeedXlsxOptions = {}): Promise<Uint8Array> {
  const lists: { title: string | null; rows: string[][] }[] = [];
  for (const item of seedItems(text)) {
    if (item.kind === "title") lists.push({ title: item.text, rows: [] });
    else if (lists.length === 0) lists.push({ title: null, rows: item.rows });
    else lists.at(-1)!.rows.push(...item.rows);
  }
  return xlsxOf((workbook) => {
    const names = new Set<string>();
    const sheetFor = (title: string | null): ExcelJS.Worksheet => {
      let name = (title ?? `Sheet${names.size + 1}`).replace(/[[\]:*?/\\]/gu, "_").slice(0, 31);
      for (let n = 2; names.has(name); n++) name = `${name.slice(0, 27)} (${n})`;
      names.add(name);
      return workbook.addWorksheet(name);
    };
    const shared = options.oneSheet ? sheetFor("履职事项清单") : null;
    const nextRow = new Map<ExcelJS.Worksheet, number>();
    const addRow = (sheet: ExcelJS.Worksheet, values: (string | number | null)[]): ExcelJS.Row => {
      const n = nextRow.get(sheet) ?? 1;
      nextRow.set(sheet, n + 1);
      const row = sheet.getRow(n);
      row.values = values;
      return row;
    };
    for (const list of lists) {
      const sheet = shared ?? sheetFor(list.title);
      if (shared && nextRow.has(sheet)) addRow(sheet, []);
      const width = Math.max(1, ...list.rows.map((r) => r.length));
      if (list.title) {
        const row = addRow(sheet, [list.title]);
        if (width > 1) sheet.mergeCells(row.number, 1, row.number, width);
      }
      const category = list.rows.find((r) => r.includes("事项类别"))?.indexOf("事项类别") ?? -1;
      let run: { text: string; top: number; bottom: number } | null = null;
      const endRun = () => {
        if (run && run.bottom > run.top) sheet.mergeCells(run.top, category + 1, run.bottom, category + 1);
      };
      for (const cells of list.rows) {
        const text = cells[category] ?? "";
        const merged = options.mergeCategories && category >= 0 && run !== null && text !== "" && text === run.text;
        // Excel keeps a merged cell's text in its top cell only.
        const values = cells.map((c, i) => (merged && i === category ? null : /^\d+$/u.test(c) ? Number(c) : c || null));
        const row = addRow(sheet, values);
        row.eachCell((cell) => {
          if (typeof cell.value === "string" && cell.value.includes("\n")) cell.alignment = { wrapText: true, vertical: "top" };
        });
        if (!options.mergeCategories || category < 0) continue;
        if (merged) {
          run!.bottom = row.number;
        } else {
          endRun();
          run = text ? { text, top: row.number, bottom: row.number } : null;
        }
      }
      endRun();
    }
  });
}
