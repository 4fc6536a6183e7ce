import type { Block, Cell } from "./blocks.ts";
import { ParseError } from "./parse-error.ts";
import { isRelType, mainPart, NS, openZip, readRelationships, streamXml, type AttrLookup, type OfficeZip } from "./ooxml.ts";

/*
 * Word documents: the body of word/document.xml in reading order. Paragraphs become text blocks,
 * table rows become row blocks laid out on the table's grid, so that a cell merged across columns
 * or down rows sits where a person sees it. Automatic list numbers (a 序号 column numbered by
 * Word, 1. 2. 3. steps in a cell) are not in the text of the file; they are worked out from
 * word/numbering.xml, since a person reading the page sees them.
 */

/** A table row may have at most this many grid columns (Word itself allows 63). */
export const MAX_TABLE_COLUMNS = 1000;
/** Cells of all table rows of a document, empty rows included, at most (the seed has about 1 000). */
export const MAX_TABLE_CELLS = 2_000_000;

const WORD_NAMESPACES = { [NS.w[0]]: "w", [NS.w[1]]: "w", [NS.mc[0]]: "mc" };

/**
 * Content a reader of the page does not see in the body text: tracked deletions and text moved
 * away, drawings and text boxes (mc:Fallback is read in place of mc:Choice, so each appears once),
 * ruby text above the characters, and the earlier formatting kept by tracked changes (an old
 * w:tblGrid or w:gridSpan must not reshape the table).
 */
const UNSEEN = new Set([
  "w:del",
  "w:moveFrom",
  "w:drawing",
  "w:pict",
  "w:object",
  "w:txbxContent",
  "mc:Choice",
  "w:rt",
  "w:pPrChange",
  "w:rPrChange",
  "w:tcPrChange",
  "w:trPrChange",
  "w:tblPrChange",
  "w:tblGridChange",
  "w:sectPrChange",
  "w:numberingChange",
]);

interface CellDraft {
  lines: string[];
  span: number;
  merge: "restart" | "continue" | null;
}

interface TableDraft {
  /** Number of w:gridCol, the columns every row is laid out on. */
  grid: number;
  /** Rows seen so far, empty ones included, so 第 R 行 is the row a person counts. */
  rows: number;
  row: { cells: CellDraft[]; before: number } | null;
  cell: CellDraft | null;
  /** The previous row on the grid, where a w:vMerge continuation finds its text. */
  above: Cell[];
  /** A nested table's rows as lines, for the cell that holds it. */
  lines: string[];
}

/**
 * Reads a .docx file into blocks: each non-empty body paragraph a text block (`第 N 段`), each
 * table row with text a row block (`表格 T 第 R 行`) with one cell per grid column. A table nested
 * in a cell is folded into that cell's text. Headers, footers, footnotes and text boxes are not read.
 * Throws ParseError("bad-file") for a damaged file or one that is not a Word document.
 */
export function readDocx(bytes: Uint8Array): Block[] {
  const zip = openZip(bytes, "docx");
  const main = mainPart(zip);
  const numberingPart = readRelationships(zip, main).find((r) => isRelType(r.type, "numbering"))?.part;
  const numberingEntry = numberingPart ? zip.find(numberingPart) : null;
  const parts = zip.read(numberingEntry ? [main, numberingEntry] : [main]);
  const numbering = numberingEntry ? readNumbering(zip, numberingEntry, parts.get(numberingEntry)!) : new Numbering();
  return readBody(zip, main, parts.get(main)!, numbering);
}

function readBody(zip: OfficeZip, part: string, xml: Uint8Array, numbering: Numbering): Block[] {
  const blocks: Block[] = [];
  const tables: TableDraft[] = [];
  let paragraphs = 0;
  let tableNo = 0;
  let tableCells = 0;
  let unseen = 0;
  let paragraph: string | null = null;
  let listItem = { numId: "", level: 0 };
  let inText = false;
  let hiddenRun = false;
  let inRun = false;

  const rowAt = (t: TableDraft) => `表格 ${tableNo} 第 ${t.rows} 行`;
  const tooWide = (at: string) =>
    new ParseError("bad-file", { line: blocks.length + 1, at }, null, null, "", `表格超过 ${MAX_TABLE_COLUMNS} 列，不是一份履职事项清单`);
  const count = (attr: AttrLookup, fallback: number) => {
    const n = Number.parseInt(attr("w:val") ?? "", 10);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };

  const endParagraph = () => {
    const own = paragraph!;
    const number = numbering.label(listItem.numId, listItem.level);
    // The tab after a list number only separates it from text; a 序号 cell holds the number alone.
    const text = own ? number + own : number.trimEnd();
    paragraph = null;
    const table = tables.at(-1);
    if (!text.trim()) return;
    if (table) table.cell?.lines.push(text);
    else blocks.push({ kind: "text", text, loc: { line: blocks.length + 1, at: `第 ${++paragraphs} 段` } });
  };

  const endRow = (t: TableDraft) => {
    const row = t.row!;
    t.row = null;
    if (tables.length > 1) {
      const text = row.cells
        .map((c) => c.lines.join("\n"))
        .filter((s) => s.trim())
        .join(" ");
      if (text) t.lines.push(text);
      return;
    }
    const width = row.before + row.cells.reduce((n, c) => n + c.span, 0);
    if (width > MAX_TABLE_COLUMNS) throw tooWide(rowAt(t));
    const rowAtText = rowAt(t);
    tableCells += Math.max(width, t.grid);
    if (tableCells > MAX_TABLE_CELLS) {
      throw new ParseError(
        "too-large",
        { line: blocks.length + 1, at: rowAtText },
        null,
        null,
        "",
        `表格单元格超过 ${MAX_TABLE_CELLS} 个，不是一份履职事项清单`,
      );
    }
    // An empty row outside any merge is neither read nor continued from, so it is not laid out.
    if (row.cells.every((c) => c.lines.length === 0 && c.merge === null)) {
      t.above = [];
      return;
    }
    const cells: Cell[] = [];
    const pad = () => cells.push({ text: "", at: `${rowAtText}第 ${cells.length + 1} 列` });
    for (let i = 0; i < row.before; i++) pad();
    for (const c of row.cells) {
      const at = `${rowAtText}第 ${cells.length + 1} 列`;
      const above = t.above[cells.length];
      if (c.merge === "continue" && above) cells.push(above.text ? { text: above.text, fromAbove: true, at } : { text: "", at });
      else cells.push({ text: c.lines.join("\n"), at });
      for (let k = 1; k < c.span; k++) pad();
    }
    while (cells.length < t.grid) pad();
    t.above = cells;
    // A row whose only text runs down from merged cells above adds nothing a person reads anew.
    if (cells.some((c) => !c.fromAbove && c.text.trim())) {
      blocks.push({ kind: "row", cells, table: tableNo - 1, loc: { line: blocks.length + 1, at: rowAtText } });
    }
  };

  const endTable = () => {
    const t = tables.pop()!;
    const outer = tables.at(-1);
    if (outer && t.lines.length > 0) outer.cell?.lines.push(t.lines.join("\n"));
  };

  streamXml(zip, part, xml, WORD_NAMESPACES, "w:document", {
    open(name, attr) {
      if (unseen > 0 || UNSEEN.has(name)) {
        unseen++;
        return;
      }
      const t = tables.at(-1);
      switch (name) {
        case "w:p":
          paragraph = "";
          listItem = { numId: "", level: 0 };
          break;
        case "w:numId":
          if (paragraph !== null) listItem.numId = attr("w:val") ?? "";
          break;
        case "w:ilvl":
          if (paragraph !== null) listItem.level = Math.min(count(attr, 0), 8);
          break;
        case "w:r":
          inRun = true;
          hiddenRun = false;
          break;
        case "w:vanish":
          if (inRun) hiddenRun = isOn(attr("w:val"));
          break;
        case "w:t":
          inText = paragraph !== null && !hiddenRun;
          break;
        case "w:tab":
        case "w:ptab":
          if (paragraph !== null && inRun && !hiddenRun) paragraph += "\t";
          break;
        case "w:br":
        case "w:cr":
          if (paragraph !== null && inRun && !hiddenRun) paragraph += "\n";
          break;
        case "w:noBreakHyphen":
          if (paragraph !== null && inRun && !hiddenRun) paragraph += "-";
          break;
        case "w:tbl":
          if (tables.length === 0) tableNo++;
          tables.push({ grid: 0, rows: 0, row: null, cell: null, above: [], lines: [] });
          break;
        case "w:gridCol":
          if (t && ++t.grid > MAX_TABLE_COLUMNS) throw tooWide(`表格 ${tableNo}`);
          break;
        case "w:tr":
          if (!t) break;
          t.rows++;
          t.row = { cells: [], before: 0 };
          break;
        case "w:gridBefore":
          if (t?.row && !t.cell) t.row.before = count(attr, 0);
          break;
        case "w:tc":
          if (!t?.row) break;
          t.cell = { lines: [], span: 1, merge: null };
          t.row.cells.push(t.cell);
          break;
        case "w:gridSpan":
          if (t?.cell) t.cell.span = Math.max(1, count(attr, 1));
          break;
        case "w:vMerge":
          if (t?.cell) t.cell.merge = attr("w:val") === "restart" ? "restart" : "continue";
          break;
        case "w:altChunk":
          throw new ParseError(
            "unsupported-format",
            { line: blocks.length + 1, at: `第 ${paragraphs + 1} 段` },
            null,
            null,
            "",
            "文档中嵌入了外部内容（altChunk），无法读取；请用 Word 打开后另存为 .docx 再上传",
          );
      }
    },
    close(name) {
      if (unseen > 0) {
        unseen--;
        return;
      }
      const t = tables.at(-1);
      switch (name) {
        case "w:t":
          inText = false;
          break;
        case "w:r":
          inRun = false;
          hiddenRun = false;
          break;
        case "w:p":
          if (paragraph !== null) endParagraph();
          break;
        case "w:tc":
          if (t) t.cell = null;
          break;
        case "w:tr":
          if (t?.row) endRow(t);
          break;
        case "w:tbl":
          endTable();
          break;
      }
    },
    text(text) {
      if (inText && unseen === 0 && paragraph !== null) paragraph += text;
    },
  });
  return blocks;
}

/** w:val of an on/off property: absent means on. */
function isOn(value: string | undefined): boolean {
  return value === undefined || !["0", "false", "off"].includes(value);
}

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
}

/**
 * Word's automatic numbering. Lists that share a definition (w:abstractNum) count on from each
 * other, as Word shows them; a w:num that overrides a level's start restarts the count the first
 * time a paragraph uses it. Numbering a level restarts the levels below it.
 */
class Numbering {
  readonly abstracts = new Map<string, Level[]>();
  readonly nums = new Map<string, { abstract: string; starts: Map<number, number> }>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly used = new Set<string>();

  /** The number a paragraph of list `numId` at `level` shows before its text ("" when none). */
  label(numId: string, level: number): string {
    const num = this.nums.get(numId);
    const levels = num && this.abstracts.get(num.abstract);
    const lvl = levels?.[level];
    if (!num || !levels || !lvl) return "";
    const counters = this.counters.get(num.abstract) ?? [];
    this.counters.set(num.abstract, counters);
    if (!this.used.has(numId)) {
      this.used.add(numId);
      for (const [l, start] of num.starts) counters[l] = start - 1;
    }
    counters[level] = (counters[level] ?? lvl.start - 1) + 1;
    counters.fill(undefined, level + 1);
    if (lvl.format === "bullet" || !lvl.text) return "";
    const label = lvl.text.replace(/%([1-9])/gu, (_, n: string) => {
      const l = Number(n) - 1;
      const of = levels[l];
      return of ? formatNumber(counters[l] ?? of.start, of.format) : "";
    });
    return label + lvl.suffix;
  }
}

function readNumbering(zip: OfficeZip, part: string, xml: Uint8Array): Numbering {
  const numbering = new Numbering();
  let abstract: Level[] | null = null;
  let level: Level | null = null;
  let num: { abstract: string; starts: Map<number, number> } | null = null;
  let override = -1;
  let unseen = 0;
  const int = (attr: AttrLookup, fallback: number) => {
    const n = Number.parseInt(attr("w:val") ?? "", 10);
    return Number.isFinite(n) ? n : fallback;
  };
  streamXml(zip, part, xml, WORD_NAMESPACES, "w:numbering", {
    open(name, attr) {
      if (unseen > 0 || UNSEEN.has(name)) {
        unseen++;
        return;
      }
      switch (name) {
        case "w:abstractNum":
          abstract = [];
          numbering.abstracts.set(attr("w:abstractNumId") ?? "", abstract);
          break;
        case "w:lvl": {
          const ilvl = Number.parseInt(attr("w:ilvl") ?? "", 10);
          level = { start: 1, format: "decimal", text: "", suffix: "\t" };
          if (abstract && ilvl >= 0 && ilvl <= 8) abstract[ilvl] = level;
          break;
        }
        case "w:start":
          if (level) level.start = int(attr, 1);
          break;
        case "w:numFmt":
          if (level) level.format = attr("w:val") ?? "decimal";
          break;
        case "w:lvlText":
          if (level) level.text = attr("w:val") ?? "";
          break;
        case "w:suff":
          if (level) level.suffix = { nothing: "", space: " " }[attr("w:val") ?? ""] ?? "\t";
          break;
        case "w:num":
          num = { abstract: "", starts: new Map() };
          numbering.nums.set(attr("w:numId") ?? "", num);
          break;
        case "w:abstractNumId":
          if (num) num.abstract = attr("w:val") ?? "";
          break;
        case "w:lvlOverride":
          override = Number.parseInt(attr("w:ilvl") ?? "", 10);
          break;
        case "w:startOverride":
          if (num && override >= 0 && override <= 8) num.starts.set(override, int(attr, 1));
          break;
      }
    },
    close(name) {
      if (unseen > 0) unseen--;
      else if (name === "w:abstractNum") abstract = null;
      else if (name === "w:lvl") level = null;
      else if (name === "w:num") num = null;
      else if (name === "w:lvlOverride") override = -1;
    },
  });
  return numbering;
}

const CHINESE_DIGITS = "〇一二三四五六七八九";
const HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/** A list number as Word draws it in the formats Chinese documents use; others fall back to 1, 2, 3. */
function formatNumber(n: number, format: string): string {
  switch (format) {
    case "none":
      return "";
    case "decimalZero":
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "chineseCounting":
    case "chineseCountingThousand":
    case "ideographDigital":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return format === "ideographDigital" ? String(n).replace(/\d/gu, (d) => CHINESE_DIGITS[Number(d)]!) : chineseCount(n);
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? HEAVENLY_STEMS[n - 1]! : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? CIRCLED[n - 1]! : String(n);
    case "decimalEnclosedParen":
      return `(${n})`;
    case "decimalEnclosedFullstop":
      return `${n}.`;
    case "upperLetter":
    case "lowerLetter": {
      // Word writes 27 as AA, 53 as AAA; a forged start in the millions must not build a huge string.
      if (n < 1 || n > 26 * 26) return String(n);
      const letter = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === "upperLetter" ? letter : letter.toLowerCase();
    }
    case "upperRoman":
    case "lowerRoman": {
      const roman = toRoman(n);
      return format === "upperRoman" ? roman : roman.toLowerCase();
    }
    default:
      return String(n);
  }
}

/** 1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五 (below 10 000). */
function chineseCount(n: number): string {
  if (n < 0 || n >= 10000 || !Number.isInteger(n)) return String(n);
  if (n === 0) return "〇";
  const units = ["", "十", "百", "千"];
  const digits = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== "";
      return;
    }
    if (zero) out += "零";
    zero = false;
    out += (d === 1 && unit === "十" && out === "" ? "" : CHINESE_DIGITS[d]) + unit;
  });
  return out;
}

function toRoman(n: number): string {
  if (n < 1 || n >= 4000) return String(n);
  const marks: [number, string][] = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [value, mark] of marks) {
    while (n >= value) {
      out += mark;
      n -= value;
    }
  }
  return out;
}
