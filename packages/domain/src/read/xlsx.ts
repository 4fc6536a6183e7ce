import type { Block, Cell } from "./blocks.ts";
import { ParseError } from "./parse-error.ts";
import { badFile, isRelType, mainPart, NS, openZip, readRelationships, streamXml, type OfficeZip, type Relationship } from "./ooxml.ts";

/*
 * Excel workbooks: each visible sheet in workbook order, its name first, then its rows as a person
 * sees them on screen: numbers as displayed, merged cells spread over the rows they cover, rows
 * padded to the sheet's width so the columns line up.
 */

/**
 * Cells with text in the whole workbook, and cells of the row blocks it becomes once rows are
 * padded to their sheet's width, at most (each counted on its own).
 */
export const MAX_WORKBOOK_CELLS = 2_000_000;
/** Excel's own sheet limits; a reference beyond them is a damaged or forged file. */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;

const EXCEL_NAMESPACES = { [NS.x[0]]: "x", [NS.x[1]]: "x", [NS.r[0]]: "r", [NS.r[1]]: "r", [NS.mc[0]]: "mc" };

/** mc:Choice holds what newer Excel versions read; mc:Fallback repeats it for everyone else. */
const UNSEEN = new Set(["mc:Choice", "x:extLst"]);

interface SheetRef {
  name: string;
  part: string;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Reads an .xlsx file into blocks: for each visible sheet with text, a text block with
 * `role: "sheet"` and the sheet's name, then one row block per row with text (`「sheet」第 R 行`,
 * cells `「sheet」B5`), one `table` per sheet. A merged range keeps its text in its top-left cell;
 * the rows below get a copy marked `fromAbove`, the columns to the right "". Throws ParseError for
 * a damaged file, one that is not a workbook, or one with more than MAX_WORKBOOK_CELLS cells.
 */
export function readXlsx(bytes: Uint8Array): Block[] {
  const zip = openZip(bytes, "xlsx");
  const workbook = mainPart(zip);
  const rels = readRelationships(zip, workbook);
  const sheets = readSheetList(zip, workbook, zip.read([workbook]).get(workbook)!, rels);
  const stringsPart = rels.find((r) => isRelType(r.type, "sharedStrings"))?.part;
  const stringsEntry = stringsPart ? zip.find(stringsPart) : null;
  const strings = stringsEntry ? readSharedStrings(zip, stringsEntry, zip.read([stringsEntry]).get(stringsEntry)!) : [];
  const blocks: Block[] = [];
  const budget = { stored: 0, padded: 0 };
  sheets.forEach((sheet, table) => {
    const entry = zip.find(sheet.part);
    if (!entry) throw badFile("xlsx", `已损坏：缺少工作表「${sheet.name}」（${sheet.part}）`);
    readSheet(zip, entry, zip.read([entry]).get(entry)!, sheet.name, table, strings, blocks, budget);
  });
  return blocks;
}

/** Visible worksheets in workbook order; hidden ones, chart sheets and dangling references are left out. */
function readSheetList(zip: OfficeZip, part: string, xml: Uint8Array, rels: readonly Relationship[]): SheetRef[] {
  const targets = new Map(rels.filter((r) => isRelType(r.type, "worksheet") && r.part).map((r) => [r.id, r.part!]));
  const sheets: SheetRef[] = [];
  streamXml(zip, part, xml, EXCEL_NAMESPACES, "x:workbook", {
    open(name, attr) {
      if (name !== "x:sheet") return;
      const target = targets.get(attr("r:id") ?? "");
      const state = attr("state");
      if (target && state !== "hidden" && state !== "veryHidden") sheets.push({ name: attr("name") ?? "", part: target });
    },
  });
  return sheets;
}

/** The shared string table: rich-text runs joined, phonetic guides (<rPh>) left out. */
function readSharedStrings(zip: OfficeZip, part: string, xml: Uint8Array): string[] {
  const strings: string[] = [];
  let item: string[] | null = null;
  let inText = false;
  let unseen = 0;
  streamXml(zip, part, xml, EXCEL_NAMESPACES, "x:sst", {
    open(name) {
      if (unseen > 0 || name === "x:rPh" || UNSEEN.has(name)) unseen++;
      else if (name === "x:si") item = [];
      else if (name === "x:t") inText = item !== null;
    },
    close(name) {
      if (unseen > 0) unseen--;
      else if (name === "x:t") inText = false;
      else if (name === "x:si" && item) {
        strings.push(unescapeText(item.join("")));
        item = null;
      }
    },
    text(text) {
      if (inText && unseen === 0) item!.push(text);
    },
  });
  return strings;
}

function readSheet(
  zip: OfficeZip,
  part: string,
  xml: Uint8Array,
  sheet: string,
  table: number,
  strings: readonly string[],
  blocks: Block[],
  budget: { stored: number; padded: number },
): void {
  // Rows are kept sparse: a cell at XFD1048576 is one entry, not a million-row array.
  const rows = new Map<number, string[]>();
  const merges: Merge[] = [];
  let width = 0;
  let widest = "";
  let rowNo = 0;
  let colNo = 0;
  let inSheetData = false;
  // The cell being read; its <v> and inline <t> text arrive in pieces (entities, chunk ends).
  let cellType: string | null = null;
  let value = "";
  let inline = "";
  let into: "value" | "inline" | null = null;
  let unseen = 0;
  const where = (at: string) => ({ line: blocks.length + 1, at: `「${sheet}」${at}` });
  const broken = (at: string, detail: string) => new ParseError("bad-file", where(at), null, null, "", detail);

  streamXml(zip, part, xml, EXCEL_NAMESPACES, "x:worksheet", {
    open(name, attr) {
      if (unseen > 0 || name === "x:rPh" || UNSEEN.has(name)) {
        unseen++;
        return;
      }
      switch (name) {
        case "x:sheetData":
          inSheetData = true;
          break;
        case "x:row": {
          if (!inSheetData) break;
          const r = attr("r");
          rowNo = r === undefined ? rowNo + 1 : Number(r);
          if (!Number.isInteger(rowNo) || rowNo < 1 || rowNo > MAX_SHEET_ROWS) throw broken(`第 ${r} 行`, `行号无效：${r}`);
          colNo = 0;
          break;
        }
        case "x:c": {
          if (!inSheetData || rowNo === 0) break;
          const r = attr("r");
          const ref = r === undefined ? null : parseRef(r);
          if (r !== undefined && !ref) throw broken(`第 ${rowNo} 行`, `单元格位置无效：${r}`);
          colNo = ref ? ref.col : colNo + 1;
          if (colNo > MAX_SHEET_COLUMNS) throw broken(`第 ${rowNo} 行`, `一行超过 ${MAX_SHEET_COLUMNS} 列`);
          cellType = attr("t") ?? "n";
          value = inline = "";
          break;
        }
        case "x:v":
          into = cellType === null ? null : "value";
          break;
        case "x:t":
          into = cellType === null ? null : "inline";
          break;
        case "x:mergeCell": {
          const [from, to = from] = (attr("ref") ?? "").split(":").map(parseRef);
          if (from && to) {
            merges.push({
              top: Math.min(from.row, to.row),
              left: Math.min(from.col, to.col),
              bottom: Math.max(from.row, to.row),
              right: Math.max(from.col, to.col),
            });
          }
          break;
        }
      }
    },
    close(name) {
      if (unseen > 0) {
        unseen--;
        return;
      }
      switch (name) {
        case "x:sheetData":
          inSheetData = false;
          break;
        case "x:v":
        case "x:t":
          into = null;
          break;
        case "x:c": {
          if (cellType === null) break;
          const text = cellText(cellType, value, inline, strings);
          cellType = null;
          if (text === null) throw broken(`${columnName(colNo)}${rowNo}`, `共享字符串编号无效：${value}`);
          if (!text.trim()) break;
          if (++budget.stored > MAX_WORKBOOK_CELLS) throw tooMany(where(`${columnName(colNo)}${rowNo}`));
          const row = rows.get(rowNo) ?? [];
          rows.set(rowNo, row);
          row[colNo - 1] = text;
          if (colNo > width) [width, widest] = [colNo, `${columnName(colNo)}${rowNo}`];
          break;
        }
      }
    },
    text(text) {
      if (unseen > 0 || into === null) return;
      if (into === "value") value += text;
      else inline += text;
    },
  });

  const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
  const copied = new Map<number, Set<number>>();
  let spread = 0;
  for (const m of merges) {
    const anchor = rows.get(m.top)?.[m.left - 1];
    if (!anchor) continue;
    if (m.right > width) [width, widest] = [m.right, `${columnName(m.right)}${m.top}`];
    for (let i = firstAtLeast(rowNumbers, m.top); i < rowNumbers.length && rowNumbers[i]! <= m.bottom; i++) {
      const r = rowNumbers[i]!;
      const row = rows.get(r)!;
      const right = Math.min(m.right, row.length);
      // Overlapping merges (which Excel never writes) could otherwise walk the rows again and again.
      spread += 1 + Math.max(0, right - m.left);
      if (spread > MAX_WORKBOOK_CELLS) throw tooMany(where(`${columnName(m.left)}${m.top}`));
      // Excel shows nothing of the cells a merge covers, even when a file still holds their values.
      for (let c = m.left; c <= right; c++) {
        if (r !== m.top || c !== m.left) delete row[c - 1];
      }
      if (r !== m.top) {
        row[m.left - 1] = anchor;
        const marks = copied.get(r) ?? new Set();
        copied.set(r, marks.add(m.left));
      }
    }
  }

  const emitted = rowNumbers.filter((r) => rows.get(r)!.some((text, i) => text.trim() && !copied.get(r)?.has(i + 1)));
  if (emitted.length === 0) return;
  budget.padded += emitted.length * width;
  if (budget.padded > MAX_WORKBOOK_CELLS) throw tooMany(where(widest), `（${emitted.length} 行 × ${width} 列）`);
  blocks.push({ kind: "text", text: sheet, role: "sheet", loc: { line: blocks.length + 1, at: `「${sheet}」` } });
  const columns = Array.from({ length: width }, (_, i) => columnName(i + 1));
  for (const r of emitted) {
    const row = rows.get(r)!;
    const marks = copied.get(r);
    const cells = columns.map((name, i): Cell => {
      const at = `「${sheet}」${name}${r}`;
      const text = row[i] ?? "";
      return marks?.has(i + 1) ? { text, fromAbove: true, at } : { text, at };
    });
    blocks.push({ kind: "row", cells, table, loc: { line: blocks.length + 1, at: `「${sheet}」第 ${r} 行` } });
  }
}

function tooMany(loc: { line: number; at: string }, extent = ""): ParseError {
  return new ParseError("too-large", loc, null, null, "", `工作簿的单元格超过 ${MAX_WORKBOOK_CELLS} 个${extent}，不是一份履职事项清单`);
}

/** The text Excel shows for a cell of type `type`; null for a shared string that does not exist. */
function cellText(type: string, value: string, inline: string, strings: readonly string[]): string | null {
  switch (type) {
    case "s": {
      const index = Number(value);
      return Number.isInteger(index) && index >= 0 && index < strings.length ? strings[index]! : value.trim() ? null : "";
    }
    case "inlineStr":
      return unescapeText(inline);
    case "str":
      return unescapeText(value);
    case "b":
      return value === "1" ? "TRUE" : value === "0" ? "FALSE" : value;
    case "n":
      return displayNumber(value);
    default:
      return value;
  }
}

const PLAIN_INTEGER = /^-?[1-9]\d{0,14}$|^0$/u;

/**
 * A number as Excel's General format shows it: at most 15 significant digits, so binary artefacts
 * (3.0000000000000004, 0.30000000000000004) read as the number the person typed.
 */
function displayNumber(value: string): string {
  // Most numbers in a list are 序号, written as Excel shows them already.
  if (PLAIN_INTEGER.test(value)) return value;
  const n = Number(value);
  if (!value.trim() || !Number.isFinite(n)) return value;
  return String(Number(n.toPrecision(15)));
}

/** Undoes the _xHHHH_ escapes Office writes for control characters; Windows line ends become "\n". */
function unescapeText(text: string): string {
  const unescaped = text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
  return unescaped.includes("\r") ? unescaped.replace(/\r\n?/gu, "\n") : unescaped;
}

/** "B5" → { col: 2, row: 5 }; null for anything that is not a cell reference inside Excel's limits. */
function parseRef(ref: string): { col: number; row: number } | null {
  // Read by hand rather than by regular expression: it runs for every cell of the sheet.
  let i = ref.charCodeAt(0) === 36 ? 1 : 0;
  let col = 0;
  for (let c = ref.charCodeAt(i) | 32; c >= 97 && c <= 122 && col <= MAX_SHEET_COLUMNS; c = ref.charCodeAt(++i) | 32)
    col = col * 26 + c - 96;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digits = i;
  for (let c = ref.charCodeAt(i); c >= 48 && c <= 57 && row <= MAX_SHEET_ROWS; c = ref.charCodeAt(++i)) row = row * 10 + c - 48;
  const whole = i === ref.length && i > digits && col > 0;
  return whole && col <= MAX_SHEET_COLUMNS && row >= 1 && row <= MAX_SHEET_ROWS ? { col, row } : null;
}

/** 1 → "A", 28 → "AB". */
function columnName(col: number): string {
  let name = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Index of the first element of sorted `values` that is >= `min`. */
function firstAtLeast(values: readonly number[], min: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
