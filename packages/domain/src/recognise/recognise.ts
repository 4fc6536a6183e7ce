import { findMentions } from "../departments/mentions.ts";
import { canonicalName, departmentKey, readDepartment, type ReadDepartment } from "../departments/normalise.ts";
import { splitDepartmentCell } from "../departments/split.ts";
import { cellToText, splitSteps } from "./cell-text.ts";
import type { Block, Cell, DocumentFormat, Location, RowBlock } from "../read/blocks.ts";
import { ParseError } from "../read/parse-error.ts";
import type {
  BasicDuty,
  CoordinatedDuty,
  Department,
  DepartmentRef,
  DutyNote,
  ListKind,
  Lists,
  ParseWarning,
  ReclaimedDuty,
  Region,
  Revision,
  Step,
} from "../types.ts";
import { LIST_KINDS, LIST_TITLES } from "../types.ts";
import { type Column, COLUMN_LABELS, columnOf, kindOfColumns, normaliseHeader, REQUIRED } from "./columns.ts";
import { readSeq, type Seq, stripHeadingNumber } from "./seq.ts";
import { listOfValue, readTitle, sheetKind } from "./titles.ts";

export interface RecogniseOptions {
  /** Supplies or corrects the place when the titles name no town (`--town 省/市/县/镇`). */
  region?: Region | undefined;
  /** The format the blocks came from: text-like formats cannot tell a broken row from a paragraph. */
  format?: DocumentFormat | undefined;
}

export interface Recognised {
  revision: Revision;
  warnings: ParseWarning[];
}

/** Most duties one document may hold; real towns publish a few hundred (the national average is 340). */
export const MAX_DUTIES = 20_000;
/** Longest department part taken as one name; real ones stay under 40 characters. */
const MAX_DEPARTMENT_CHARS = 100;
/** Distinct departments one document may name; a county has well under this many (the seed: 38). */
const MAX_DEPARTMENTS = 200;

/**
 * Turns the blocks of any format into a Revision: finds the list titles (or infers a list from its
 * columns), the header of each table (by the synonyms in column-names.json), category section rows,
 * every style of 序号, rows continued in merged cells, and the place. Throws a located ParseError
 * for anything it cannot read faithfully — never returns a partial or guessed revision.
 */
export function recognise(blocks: readonly Block[], options: RecogniseOptions = {}): Recognised {
  return new Recogniser(blocks, options).run();
}

interface Header {
  loc: Location;
  /** The table the header row is in (a repeated header in a later table keeps the first one's). */
  table: number;
  signature: string;
  columns: Column[];
  labels: string[];
  width: number;
  at: Partial<Record<Column, number>>;
}

interface RawRow {
  loc: Location;
  cells: Cell[];
  seq: Seq | null;
  seqText: string;
  category: string;
  /** The category changed (or a section row stood) between the previous row and this one. */
  boundary: boolean;
  name: string;
  /** Rows below that continue this duty inside merged 序号 / 事项名称 cells. */
  parts: Cell[][];
}

interface ListState {
  kind: ListKind;
  title: { text: string; loc: Location } | null;
  header: Header | null;
  rows: RawRow[];
  /** The category a section row (一、党的建设) opened, until the next one. */
  category: string | null;
  sectionSince: boolean;
  /** The document says the list is empty (「无」). */
  empty: boolean;
  /** Read from one table holding all three lists: its 序号 numbers that table, not this list. */
  combined: boolean;
}

const TEXT_FORMATS: ReadonlySet<DocumentFormat> = new Set(["text", "csv", "markdown"]);

const FURNITURE = [
  /^第\s*[0-9０-９]+\s*页(\s*[，,/／]?\s*共\s*[0-9０-９]+\s*页)?$/u,
  /^共\s*[0-9０-９]+\s*页/u,
  /^[-—–]\s*[0-9０-９]+\s*[-—–]$/u,
  /^[0-9０-９]{1,4}$/u,
  /^[0-9]+\s*\/\s*[0-9]+$/u,
  /^page\s*\d+/iu,
  /^[（(]?(续表|接上表|续上表)[0-9０-９]*[)）]?$/u,
];
const NOTE = /^(注|备注|说明|附注|填表说明|注释|附：)\s*[0-9０-９]*\s*[:：、.．]?/u;
const NONE = /^[（(]?(无|暂无|无此类事项|本(镇|乡|街道)无)[)）]?$/u;
const SIGNATURE = /(人民政府|办事处|党委|委员会|编办|[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月(\s*[0-9０-９]{1,2}\s*日)?)$/u;
const TOTAL = /^(合\s*计|总\s*计|小\s*计|共\s*计)/u;
const COUNT_SUFFIX = /[（(]\s*(共|计)?\s*[0-9０-９]+\s*(项|条)\s*[)）]$/u;

class Recogniser {
  private readonly warnings: ParseWarning[] = [];
  private readonly lists: Partial<Record<ListKind, ListState>> = {};
  private readonly titleRegions: { region: Region; loc: Location; text: string }[] = [];
  private readonly noticeRegions: { region: Region; loc: Location; text: string }[] = [];
  private firstTitle: { text: string; loc: Location } | null = null;
  private current: ListState | null = null;
  /** A list named by an Excel sheet but not yet by a title or header. */
  private sheetHint: { kind: ListKind; name: string; loc: Location } | null = null;
  private inNote = false;
  /** The header of a table holding all three lists (a 清单类型 column), while its rows go on. */
  private combined: { header: Header; kind: ListKind | null } | null = null;
  private duties = 0;
  private readonly textLike: boolean;
  /** Tables (by index) left out as not part of a list, and tables taken as a list going on. */
  private readonly skippedTables = new Set<number>();
  private readonly continuedTables = new Set<number>();
  /** rowFollows[i]: a data row comes after block i before the next title or sheet (computed once, on demand). */
  private rowsFollow: boolean[] | null = null;

  constructor(
    private readonly blocks: readonly Block[],
    private readonly options: RecogniseOptions,
  ) {
    this.textLike = TEXT_FORMATS.has(options.format ?? "text");
  }

  run(): Recognised {
    for (let i = 0; i < this.blocks.length; i++) i = this.block(i);
    return this.finish();
  }

  /** Handles block i; returns the index of the last block it consumed. */
  private block(i: number): number {
    const block = this.blocks[i]!;
    if (block.kind === "text") {
      if (block.role === "sheet") {
        this.current = null;
        this.combined = null;
        this.inNote = false;
        const kind = sheetKind(block.text);
        this.sheetHint = kind ? { kind, name: block.text.trim(), loc: block.loc } : null;
        return i;
      }
      this.text(block.text, block.loc, block.loose === true, i);
      return i;
    }
    const texts = block.cells.map((c) => c.text.trim());
    if (texts.every((t) => t === "")) return i;
    const header = this.headerOf(block);
    if (header) return this.header(header, i);
    const filled = [...new Set(texts.filter(Boolean))];
    // A totals row (合计 109 项) counts the duties above it; it is none itself.
    if (TOTAL.test(filled[0]!)) return i;
    // A row holding one text (a title across the table, a category section row, a note) is read like a paragraph.
    if (filled.length === 1 && this.singleCellRow(filled[0]!, texts.indexOf(filled[0]!), block.loc, i)) return i;
    if (this.foreignTable(block, texts)) return i;
    this.row(block, i);
    return i;
  }

  /**
   * A table of a Word, Excel, web or PDF file that is not the list going on: it has no header of its
   * own and other columns than the list's (a contact table at the foot of a web page). It is left out
   * with a warning. A text file has no tables to tell apart, and a PDF's are rebuilt from positions,
   * so there such rows stay rows (and fail if they do not fit).
   */
  private foreignTable(block: RowBlock, texts: string[]): boolean {
    const header = this.current?.header;
    // PDF tables are rebuilt from positions: a page read with other columns is an error to show, not a table to drop.
    if (this.textLike || this.options.format === "pdf" || !header || block.table === header.table) return false;
    if (this.skippedTables.has(block.table)) return true;
    if (this.continuedTables.has(block.table)) return false;
    if (lastFilled(texts) + 1 === header.width || block.cells.length === header.width) {
      this.continuedTables.add(block.table);
      return false;
    }
    this.skippedTables.add(block.table);
    this.warnings.push({
      code: "skipped-table",
      line: block.loc.line,
      ...placeOf(block.loc),
      list: this.current!.kind,
      column: null,
      text: texts.filter(Boolean).join(" | "),
      message: `这张表格没有表头，列数（${block.cells.length}）与清单（${header.width}）不同，不是清单的一部分，已略过`,
    });
    return true;
  }

  private text(raw: string, loc: Location, loose: boolean, i: number): void {
    const text = raw.replace(/[\s\u3000]+/gu, " ").trim();
    if (!text || FURNITURE.some((re) => re.test(text))) return;
    const title = readTitle(text);
    if (title) {
      this.inNote = false;
      this.title(title.kind, text, title.region, loc);
      return;
    }
    // A notice quoting the document's title (关于印发《兰州湾镇履行职责事项清单》的通知) names the
    // place when the titles below it do not.
    for (const quoted of text.matchAll(/《([^《》]{2,60})》/gu)) {
      const region = readTitle(quoted[1]!)?.region;
      if (region) this.noticeRegions.push({ region, loc, text: quoted[1]! });
    }
    const list = this.current;
    if (NOTE.test(text)) {
      this.inNote = true;
      return;
    }
    if (list && !list.header) {
      if (NONE.test(text)) list.empty = true;
      // A category heading may stand above the table it heads (Word: one table per category).
      const section = sectionCategory(text, loose);
      if (section && list.title) this.section(list, section);
      return;
    }
    if (!list) return; // preamble: a notice, 附件1, a date
    if (this.inNote) return;
    const section = sectionCategory(text, loose);
    if (section) {
      this.section(list, section);
      return;
    }
    if (!loose) return; // a Word/HTML/PDF paragraph is not part of the table
    // A line of a text file between rows may be a row broken in two: refuse rather than guess.
    if (this.rowFollows(i) || !SIGNATURE.test(text)) {
      throw new ParseError("no-separator", loc, list.kind, null, text, "这一行没有分隔的单元格（可能是单元格内换行或缺少列）");
    }
  }

  /** A single-text row: title, note, 「无」 or section; false when it is an ordinary data row. */
  private singleCellRow(text: string, column: number, loc: Location, i: number): boolean {
    const one = text.replace(/[\s\u3000]+/gu, " ").trim();
    if (FURNITURE.some((re) => re.test(one)) || readTitle(one) || NOTE.test(one) || NONE.test(one)) {
      this.text(one, loc, false, i);
      return true;
    }
    const list = this.current;
    if (list && !list.header && columnOf(one) === "name") {
      // A list with one column: 事项名称 alone heads it (categories come as section rows).
      this.bindHeader({
        loc,
        table: this.tableOf(i),
        signature: `name:${normaliseHeader(one)}`,
        columns: ["name"],
        labels: [one],
        width: column + 1,
        at: { name: column },
      });
      return true;
    }
    if (!list?.header) {
      this.text(one, loc, false, i); // a notice or a caption in a cell above the table
      return true;
    }
    // Only a text in the first column, the 序号 or the 类别 column heads a section; alone under
    // 事项名称 it is an item whose other cells are empty.
    const at = list.header.at;
    if (column !== 0 && column !== at.category && column !== at.seq) return false;
    const section = sectionCategory(one, false);
    if (!section) return false;
    this.section(list, section);
    return true;
  }

  private tableOf(i: number): number {
    const block = this.blocks[i]!;
    return block.kind === "row" ? block.table : -1;
  }

  private section(list: ListState, category: string): void {
    list.category = category;
    list.sectionSince = true;
  }

  /** Whether a data row of the current list comes after block i, before the next title. */
  private rowFollows(i: number): boolean {
    if (!this.rowsFollow) {
      // One backward pass, so a document of many stray lines stays linear.
      const follow = new Array<boolean>(this.blocks.length).fill(false);
      let next = false;
      for (let j = this.blocks.length - 1; j >= 0; j--) {
        follow[j] = next;
        const b = this.blocks[j]!;
        if (b.kind === "text") {
          if (b.role === "sheet" || readTitle(b.text.trim())) next = false;
        } else if (b.cells.some((c) => c.text.trim()) && !this.headerOf(b)) {
          next = true;
        }
      }
      this.rowsFollow = follow;
    }
    return this.rowsFollow[i]!;
  }

  private title(kind: ListKind | null, text: string, region: Region | null, loc: Location): void {
    this.firstTitle ??= { text, loc };
    if (kind) this.combined = null;
    if (region) this.titleRegions.push({ region, loc, text });
    if (!kind) return;
    this.sheetHint = null;
    const seen = this.lists[kind];
    if (seen) {
      if (seen.rows.length === 0 && !seen.header) {
        // 一、基本履职事项清单 followed by the table's own caption: one list, the fuller title kept.
        if (region || !seen.title) seen.title = { text, loc };
        this.current = seen;
        return;
      }
      if (this.current === seen) return; // a title printed again on a new page (…清单（续）)
      throw new ParseError(
        "duplicate-list",
        loc,
        kind,
        null,
        text,
        `同一份清单出现了两次（第一次在${placeLabel(seen.title?.loc ?? seen.header!.loc)}）`,
      );
    }
    this.current = this.newList(kind, { text, loc });
  }

  private newList(kind: ListKind, title: ListState["title"]): ListState {
    const list: ListState = { kind, title, header: null, rows: [], category: null, sectionSince: false, empty: false, combined: false };
    this.lists[kind] = list;
    return list;
  }

  /** The row as a header, merged with a second header row below it; null when it is not one. */
  private headerOf(block: RowBlock): Header | null {
    // Most rows are data: a long cell or a number in front says so before any header word is looked up.
    const first = block.cells.find((c) => c.text.trim())?.text.trim() ?? "";
    if (/^[0-9０-９]/u.test(first) || block.cells.some((c) => c.text.length > 60)) return null;
    const texts = block.cells.map((c) => c.text.trim());
    const columns = texts.map((t) => (t ? columnOf(t) : null));
    const known = columns.filter((c) => c !== null && c !== "note").length;
    const filled = texts.filter(Boolean);
    const looksLikeData = filled.some((t) => normaliseHeader(t).length > 30 || /^[0-9０-９]+[.、．]?$/u.test(t));
    if (looksLikeData || known < 2 || !(columns.includes("seq") || columns.includes("name"))) return null;
    if (filled.length - columns.filter((c) => c !== null).length > known) return null;
    const width = lastFilled(texts) + 1;
    const header: Header = { loc: block.loc, table: block.table, signature: "", columns: [], labels: [], width, at: {} };
    for (let i = 0; i < width; i++) {
      header.labels.push(texts[i] ?? "");
      header.columns.push(columns[i] ?? "note");
    }
    return header;
  }

  private header(first: Header, i: number): number {
    let header = first;
    let last = i;
    // A header over two rows (职责分工 above 上级部门职责 | 乡镇配合职责): the lower row names the columns.
    const next = this.blocks[i + 1];
    if (next?.kind === "row" && incomplete(first, next)) {
      const lower = this.subHeaderOf(next, first) ?? this.headerOf(next);
      if (lower && agree(first, lower)) {
        header = mergeHeaders(first, lower);
        last = i + 1;
      }
    }
    const listAt = this.listColumn(header, last);
    if (listAt !== null) header.columns[listAt] = "list";
    header.signature = header.columns.map((c, k) => `${c}:${normaliseHeader(header.labels[k]!)}`).join("|");
    for (const [k, column] of header.columns.entries()) {
      if (column === "note") continue;
      if (header.at[column] === undefined) header.at[column] = k;
      else header.columns[k] = "note"; // a second 事项名称-like column is kept as a note, the first one counts
    }
    this.bindHeader(header);
    return last;
  }

  /** A row of sub-headings below a header: every filled cell either repeats the one above (merged) or names a column. */
  private subHeaderOf(block: RowBlock, upper: Header): Header | null {
    const texts = block.cells.map((c) => c.text.trim());
    let named = 0;
    // A sub-heading says what it is under its group: 名称 and 职责 under 对应县级部门 are the
    // department and its duties, not the duty's name.
    const sub = texts.map((t, k) => {
      if (!t || block.cells[k]!.fromAbove || t === upper.labels[k]) return null;
      const group = groupLabel(upper, texts, k);
      const joined = group ? columnOf(group + t) : null;
      return joined && joined !== "note" ? { label: group + t, column: joined } : { label: t, column: columnOf(t) };
    });
    for (const s of sub) {
      if (!s) continue;
      if (!s.column || s.column === "note") return null;
      named++;
    }
    if (named === 0) return null;
    const width = Math.max(upper.width, lastFilled(texts) + 1);
    const header: Header = { loc: block.loc, table: block.table, signature: "", columns: [], labels: [], width, at: {} };
    for (let k = 0; k < width; k++) {
      const t = texts[k] ?? "";
      header.labels.push(sub[k]?.label ?? t);
      header.columns.push(sub[k]?.column ?? (t ? (columnOf(t) ?? "note") : "note"));
    }
    return header;
  }

  /**
   * The column saying which list each row belongs to, when one table holds all three: a 清单类型
   * header, or a 类型/类别 column whose first cells all name a list (事项类型: 基本履职事项 / 配合 / 收回).
   */
  private listColumn(header: Header, last: number): number | null {
    const named = header.columns.indexOf("list");
    if (named >= 0) return named;
    const candidates = header.columns.flatMap((c, k) =>
      (c === "category" || c === "note") && /类型|类别|清单|性质|属性/u.test(header.labels[k] ?? "") ? [k] : [],
    );
    if (candidates.length === 0) return null;
    const values: string[][] = candidates.map(() => []);
    for (let j = last + 1, rows = 0; j < this.blocks.length && rows < 30; j++) {
      const b = this.blocks[j]!;
      if (b.kind !== "row") break;
      if (b.cells.every((c) => !c.text.trim())) continue;
      rows++;
      for (const [n, k] of candidates.entries()) {
        const text = b.cells[k]?.text.trim();
        if (text) values[n]!.push(text);
      }
    }
    // Most cells naming a list is enough: a row that names none is then refused where it stands.
    const found = candidates.findIndex((_, n) => {
      const named = values[n]!.filter((v) => listOfValue(v) !== null).length;
      return named > 0 && named * 2 >= values[n]!.length;
    });
    return found < 0 ? null : candidates[found]!;
  }

  /** Binds a table holding all three lists: each row then goes to the list its 清单类型 cell names. */
  private bindCombined(header: Header): void {
    this.combined = { header, kind: null };
    this.current = null;
    this.sheetHint = null;
    this.inNote = false;
  }

  /** The list a row of a combined table belongs to, its header being the table's columns that list has. */
  private combinedList(block: RowBlock): ListState {
    const combined = this.combined!;
    const at = combined.header.at.list!;
    const cell = block.cells[at];
    const written = cell?.text.trim() ?? "";
    const kind = written ? listOfValue(written) : combined.kind;
    if (!kind) {
      const loc = cell?.at ? { line: block.loc.line, at: cell.at } : block.loc;
      throw new ParseError(
        "bad-list-kind",
        loc,
        null,
        combined.header.labels[at] || COLUMN_LABELS.list,
        written,
        written ? "这一格应写明属于哪一份清单（基本履职事项、配合履职事项或上级部门收回事项）" : "这一格为空，看不出这一行属于哪一份清单",
      );
    }
    combined.kind = kind;
    let list = this.lists[kind];
    if (list && !list.combined) {
      throw new ParseError(
        "duplicate-list",
        block.loc,
        kind,
        null,
        written,
        `同一份清单出现了两次（第一次在${placeLabel(list.title?.loc ?? list.header?.loc ?? block.loc)}）`,
      );
    }
    if (!list) {
      const header = headerFor(combined.header, kind);
      for (const options of REQUIRED[kind]) {
        if (!options.some((c) => header.at[c] !== undefined)) {
          const label = COLUMN_LABELS[options[0]!];
          throw new ParseError(
            "bad-header",
            combined.header.loc,
            kind,
            label,
            quoteOf(combined.header),
            `表头缺少「${label}」列（${LIST_TITLES[kind]}的事项需要它）`,
          );
        }
      }
      list = this.newList(kind, null);
      list.combined = true;
      list.header = header;
    }
    return list;
  }

  private bindHeader(header: Header): void {
    if (header.at.list !== undefined) {
      if (this.combined?.header.signature === header.signature) return; // repeated on a new page
      this.bindCombined(header);
      return;
    }
    this.combined = null;
    const fromColumns = kindOfColumns(header.columns);
    const current = this.current;
    if (current?.header) {
      if (current.header.signature === header.signature) {
        this.continuedTables.add(header.table); // repeated on every page, or at the top of the next table
        return;
      }
      const sameColumns = current.header.columns.join() === header.columns.join() && current.header.width === header.width;
      if (sameColumns && compatible(current.kind, fromColumns)) return; // same columns, worded again
      if (current.rows.length > 0 && (fromColumns === null || fromColumns === current.kind || fromColumns === "ambiguous")) {
        throw new ParseError(
          "bad-header",
          header.loc,
          current.kind,
          null,
          quoteOf(header),
          `重复表头与${placeLabel(current.header.loc)}的表头不一致`,
        );
      }
    }
    let kind: ListKind | null = null;
    if (current && !current.header) kind = current.kind;
    else if (this.sheetHint) kind = this.sheetHint.kind;
    // Without a title only the columns of a 配合 or 收回 list say which list it is; 序号 and 事项名称 alone could head any.
    else if (fromColumns === "coordinated" || fromColumns === "reclaimed") kind = fromColumns;
    if (!kind && fromColumns === "mixed") {
      throw new ParseError(
        "bad-header",
        header.loc,
        null,
        null,
        quoteOf(header),
        "这张表同时有配合履职事项和上级部门收回事项的列，却没有清单标题，也没有写明每行属于哪份清单的列（如「事项类型」）",
      );
    }
    if (!kind) {
      if (!this.firstTitle && !this.sheetHint && fromColumns !== "ambiguous") {
        throw new ParseError(
          "not-a-duty-list",
          header.loc,
          null,
          null,
          quoteOf(header),
          "表头出现在任何清单标题之前，无法判断是哪一份清单",
        );
      }
      throw new ParseError("bad-header", header.loc, null, null, quoteOf(header), "看不出这张表是哪一份清单（缺少清单标题）");
    }
    if (!compatible(kind, fromColumns)) {
      throw new ParseError(
        "bad-header",
        header.loc,
        kind,
        null,
        quoteOf(header),
        `标题是「${LIST_TITLES[kind]}」，但表头是${fromColumns === "mixed" ? "配合履职事项和上级部门收回事项" : LIST_TITLES[fromColumns as ListKind]}的列`,
      );
    }
    // In a 收回 list a department column names who takes the duty back.
    if (
      kind === "reclaimed" &&
      header.at.departments !== undefined &&
      header.at.receivers === undefined &&
      header.at.receiversAndMethod === undefined
    ) {
      const at = header.at.departments;
      header.columns[at] = header.at.method !== undefined ? "receivers" : "receiversAndMethod";
      header.at[header.columns[at]!] = at;
      delete header.at.departments;
    }
    if (kind === "basic") {
      for (const column of ["departments", "departmentDuties", "townDuties"] as const) {
        if (header.at[column] !== undefined) {
          header.columns[header.at[column]] = "note";
          delete header.at[column];
        }
      }
    }
    for (const options of REQUIRED[kind]) {
      if (!options.some((c) => header.at[c] !== undefined)) {
        const label = COLUMN_LABELS[options[0]!];
        throw new ParseError("bad-header", header.loc, kind, label, quoteOf(header), `表头缺少「${label}」列`);
      }
    }
    let list = this.lists[kind];
    if (list && list !== current) {
      if (list.header || list.rows.length > 0) {
        throw new ParseError(
          "duplicate-list",
          header.loc,
          kind,
          null,
          quoteOf(header),
          `同一份清单出现了两次（第一次在${placeLabel(list.title?.loc ?? list.header!.loc)}）`,
        );
      }
    }
    list ??= this.newList(kind, null);
    if (list.title === null && this.sheetHint?.kind === kind) this.sheetHint = null;
    list.header = header;
    this.current = list;
    this.inNote = false;
  }

  private row(block: RowBlock, i: number): void {
    if (this.combined) this.current = this.combinedList(block);
    const list = this.current;
    const text = block.cells.map((c) => c.text.trim()).join(" | ");
    if (!list) throw new ParseError("not-a-duty-list", block.loc, null, null, text, "表格行出现在任何清单标题之前");
    const header = list.header;
    if (!header) throw new ParseError("row-before-header", block.loc, list.kind, null, text, "事项行出现在表头（序号…）之前");
    this.inNote = false;
    const cells = [...block.cells];
    const width = lastFilled(cells.map((c) => c.text.trim())) + 1;
    if (width > header.width || (this.textLike && cells.length < header.width && width < header.width)) {
      const count = Math.max(width, this.textLike ? cells.length : width);
      throw new ParseError(
        "column-count",
        block.loc,
        list.kind,
        null,
        block.cells.map((c) => c.text).join(" | "),
        `应有 ${header.width} 列，实有 ${count} 列`,
      );
    }
    while (cells.length < header.width) cells.push({ text: "" });
    const cell = (column: Column): Cell | null => (header.at[column] === undefined ? null : cells[header.at[column]!]!);
    const textOf = (column: Column) => cell(column)?.text.trim() ?? "";

    const seqCell = cell("seq");
    const nameCell = cell("name")!;
    const previous = list.rows.at(-1);
    const continued = (c: Cell | null) => c === null || c.text.trim() === "" || c.fromAbove === true;
    // A duty over several rows (one per department) inside merged 序号 and 事项名称 cells.
    if (
      previous &&
      continued(seqCell) &&
      continued(nameCell) &&
      !list.sectionSince &&
      (seqCell?.fromAbove || nameCell.fromAbove || list.kind !== "basic")
    ) {
      previous.parts.push(cells);
      return;
    }

    const seqText = textOf("seq");
    let seq: Seq | null = null;
    if (seqText) {
      seq = readSeq(seqText);
      if (seq?.style === "chinese" && this.sectionRow(list, header, cells, seqText, i)) return;
      if (!seq)
        throw new ParseError(
          "bad-seq",
          seqCell?.at ? { line: block.loc.line, at: seqCell.at } : block.loc,
          list.kind,
          "序号",
          seqText,
          "序号不是数字",
        );
    }
    const name = joinLines(nameCell.text);
    if (!name) {
      throw new ParseError(
        "empty-cell",
        nameCell.at ? { line: block.loc.line, at: nameCell.at } : block.loc,
        list.kind,
        "事项名称",
        text,
        "事项名称为空",
      );
    }
    let category: string;
    const categoryCell = cell("category");
    const written = categoryCell ? cleanCategory(categoryCell.text) : "";
    // A blank 类别 below a filled one is the same category (a merge drawn by hand), unless a section
    // heading stood between them.
    if (written) category = written;
    else if (list.category && (list.sectionSince || !categoryCell || !previous)) category = list.category;
    else if (categoryCell && previous) category = previous.category;
    else if (categoryCell) throw new ParseError("empty-cell", block.loc, list.kind, "事项类别", text, "事项类别为空");
    else category = "未分类";
    const boundary = !previous || previous.category !== category || list.sectionSince;
    list.rows.push({ loc: block.loc, cells, seq, seqText, category, boundary, name, parts: [] });
    list.sectionSince = false;
    if (++this.duties > MAX_DUTIES) {
      throw new ParseError("too-large", block.loc, list.kind, null, "", `事项超过 ${MAX_DUTIES} 项，不像一个乡镇的清单`);
    }
  }

  /**
   * A category heading written as a row of the table: 「一 | 党的建设（5项）」 in the 序号 and 事项名称
   * (or 类别) columns, every other cell empty. It is told from an item numbered （一） by the rows
   * after it: they number their items 1, 2, 3, or the heading counts its items.
   */
  private sectionRow(list: ListState, header: Header, cells: Cell[], seqText: string, i: number): boolean {
    const at = header.at;
    const own = cells.flatMap((c, k) => (c.text.trim() && !c.fromAbove && k !== at.seq ? [k] : []));
    if (own.length !== 1 || (own[0] !== at.name && own[0] !== at.category)) return false;
    const heading = sectionCategory(`${seqText.replace(/^[（(]|[)）]?[、.．]?$/gu, "")}、${cells[own[0]!]!.text.trim()}`, false);
    if (!heading) return false;
    const next = this.nextSeqStyle(header, i);
    if (!COUNT_SUFFIX.test(cells[own[0]!]!.text.trim()) && next !== "arabic" && next !== "compound") return false;
    this.section(list, heading);
    return true;
  }

  /** How the next data row of the table writes its 序号 (null: none follows, or it has none). */
  private nextSeqStyle(header: Header, i: number): Seq["style"] | null {
    const column = header.at.seq;
    if (column === undefined) return null;
    for (let j = i + 1; j < this.blocks.length; j++) {
      const b = this.blocks[j]!;
      if (b.kind === "text") {
        if (b.role === "sheet" || readTitle(b.text.trim())) return null;
        continue;
      }
      if (b.cells.every((c) => !c.text.trim()) || this.headerOf(b)) continue;
      const text = b.cells[column]?.text.trim() ?? "";
      return text ? (readSeq(text)?.style ?? null) : null;
    }
    return null;
  }

  private finish(): Recognised {
    const kinds = LIST_KINDS.filter((k) => this.lists[k]);
    if (kinds.length === 0) {
      const first = this.blocks.find((b) => (b.kind === "text" ? b.text.trim() : b.cells.some((c) => c.text.trim())));
      // Quote only the block's first line: a block of a web page may run over many lines of its source.
      const whole = !first ? "" : first.kind === "text" ? first.text : first.cells.map((c) => c.text).join(" ");
      const text = whole.trim().split("\n")[0]!.slice(0, 20);
      throw new ParseError(
        "not-a-duty-list",
        first?.loc ?? { line: 1, at: "1" },
        null,
        null,
        text.trim(),
        "找不到任何清单标题（基本履职事项清单、配合履职事项清单、上级部门收回事项清单），不是履职事项清单",
      );
    }
    const region = this.region();
    for (const kind of LIST_KINDS) {
      const list = this.lists[kind];
      if (!list) {
        this.warnings.push({ code: "missing-list", line: 1, list: kind, column: null, text: "", message: "文档中没有这份清单" });
        continue;
      }
      if (list.rows.length > 0) continue;
      if (list.empty) {
        this.warnings.push({
          code: "missing-list",
          line: list.title?.loc.line ?? 1,
          list: kind,
          column: null,
          text: "",
          message: "清单注明无任何事项",
        });
        continue;
      }
      if (list.header) {
        throw new ParseError("empty-list", list.header.loc, kind, null, quoteOf(list.header), "找到了表头，但没有读到其下的任何事项");
      }
      throw new ParseError(
        "empty-list",
        list.title!.loc,
        kind,
        null,
        list.title!.text,
        "找到了清单标题，但其后没有表头（序号、事项名称…）和事项",
      );
    }
    return { revision: this.build(region), warnings: this.warnings };
  }

  private region(): Region {
    if (this.options.region) return this.options.region;
    let region: Region | null = null;
    let from: { loc: Location; text: string } | null = null;
    for (const found of this.titleRegions.length > 0 ? this.titleRegions : this.noticeRegions) {
      if (!region) {
        region = { ...found.region };
        from = found;
        continue;
      }
      if (found.region.town !== region.town) {
        throw new ParseError(
          "no-town",
          found.loc,
          null,
          null,
          found.text,
          `标题中的乡镇「${found.region.town}」与${placeLabel(from!.loc)}的「${region.town}」不一致`,
        );
      }
      for (const level of ["province", "prefecture", "county"] as const) {
        const mine = region[level];
        const theirs = found.region[level];
        if (mine && theirs && mine !== theirs) {
          throw new ParseError(
            "no-town",
            found.loc,
            null,
            null,
            found.text,
            `标题中的「${theirs}」与${placeLabel(from!.loc)}的「${mine}」不一致`,
          );
        }
        region[level] ??= theirs;
      }
    }
    if (region) return region;
    const first =
      this.firstTitle ??
      Object.values(this.lists)
        .map((l) => l.title ?? (l.header ? { text: quoteOf(l.header), loc: l.header.loc } : null))
        .find(Boolean) ??
      null;
    throw new ParseError(
      "no-town",
      first?.loc ?? { line: 1, at: "1" },
      null,
      null,
      first?.text ?? "",
      "标题中没有乡镇名称，请指定所属地区（命令行：--town 省/市/县/镇）",
    );
  }

  private build(region: Region): Revision {
    const titles: Revision["titles"] = { basic: null, coordinated: null, reclaimed: null };
    for (const kind of LIST_KINDS) {
      const t = this.lists[kind]?.title;
      if (t) titles[kind] = { text: t.text, line: t.loc.line, ...placeOf(t.loc) };
    }
    const rows: Record<ListKind, RawRow[]> = { basic: [], coordinated: [], reclaimed: [] };
    for (const kind of LIST_KINDS) {
      const list = this.lists[kind];
      if (list) rows[kind] = list.rows;
    }
    const seqs = Object.fromEntries(LIST_KINDS.map((kind) => [kind, this.numbering(kind, rows[kind])])) as Record<ListKind, number[]>;

    // Departments: every form of one department gets the document's one name for it.
    const reads: { read: ReadDepartment; key: string }[] = [];
    const forms = new Map<string, ReadDepartment[]>();
    const readCell = (cellText: string, loc: Location, list: ListKind, column: string): { key: string; note: string | null }[] => {
      // Splitting looks at every 和/及 of a cell: refuse text no department cell could hold before that.
      if (cellText.length > MAX_DEPARTMENT_CHARS * 20) {
        throw new ParseError("bad-cell", loc, list, column, cellText, `长达 ${cellText.length} 字，不像部门名称`);
      }
      const out: { key: string; note: string | null }[] = [];
      for (const part of splitDepartmentCell(cellText)) {
        if (part.text.length > MAX_DEPARTMENT_CHARS) {
          throw new ParseError("bad-cell", loc, list, column, part.text, `长达 ${part.text.length} 字，不像部门名称`);
        }
        const read = readDepartment(part.text, region);
        if (!read) {
          this.warnings.push({
            code: "unresolved-department",
            line: loc.line,
            ...placeOf(loc),
            list,
            column,
            text: part.text,
            message: `「${part.text}」不是一个具体部门的名称，未计入部门统计`,
          });
          continue;
        }
        const key = departmentKey(read);
        if (!forms.has(key)) {
          if (forms.size >= MAX_DEPARTMENTS)
            throw new ParseError("bad-cell", loc, list, column, part.text, `文档中的部门超过 ${MAX_DEPARTMENTS} 个，不像一个县的部门`);
          forms.set(key, []);
        }
        forms.get(key)!.push(read);
        reads.push({ read, key });
        out.push({ key, note: part.note });
      }
      return out;
    };

    type Segment = { text: string; keys: string[] };
    const coordinatedParts = rows.coordinated.map((r) => {
      const header = this.lists.coordinated!.header!;
      const segments: {
        keys: { key: string; note: string | null }[];
        duties: string | null;
        town: string | null;
        loc: Location;
        cell: Cell;
      }[] = [];
      for (const cells of [r.cells, ...r.parts]) {
        const own = (column: Column) => {
          const at = header.at[column];
          if (at === undefined) return null;
          const c = cells[at]!;
          return cells !== r.cells && c.fromAbove ? null : c;
        };
        const deptCell = own("departments");
        const keys = deptCell?.text.trim() ? readCell(deptCell.text, cellLoc(r.loc, deptCell), "coordinated", "对应上级部门") : [];
        segments.push({
          keys,
          duties: own("departmentDuties")?.text ?? null,
          town: own("townDuties")?.text ?? null,
          loc: r.loc,
          cell: deptCell ?? { text: "" },
        });
      }
      if (segments.every((s) => s.keys.length === 0)) {
        this.warnings.push({
          code: "empty-department",
          line: r.loc.line,
          ...placeOf(r.loc),
          list: "coordinated",
          column: "对应上级部门",
          text: r.name,
          message: `配合事项「${r.name}」没有列出对应上级部门`,
        });
      }
      return segments;
    });
    const reclaimedParts = rows.reclaimed.map((r) => {
      const header = this.lists.reclaimed!.header!;
      const segments: { keys: { key: string; note: string | null }[]; method: Segment[]; loc: Location }[] = [];
      for (const cells of [r.cells, ...r.parts]) {
        const own = (column: Column) => {
          const at = header.at[column];
          if (at === undefined) return null;
          const c = cells[at]!;
          return cells !== r.cells && c.fromAbove ? null : c;
        };
        const combined = own("receiversAndMethod");
        if (combined) {
          for (const piece of splitReceiverCell(combined.text, region, cellLoc(r.loc, combined))) {
            const keys = readCell(piece.receivers, cellLoc(r.loc, combined), "reclaimed", "承接部门");
            segments.push({ keys, method: [{ text: piece.method, keys: keys.map((k) => k.key) }], loc: r.loc });
          }
        } else {
          const receiverCell = own("receivers");
          const keys = receiverCell?.text.trim() ? readCell(receiverCell.text, cellLoc(r.loc, receiverCell), "reclaimed", "承接部门") : [];
          const method = own("method")?.text ?? "";
          segments.push({ keys, method: [{ text: method, keys: keys.map((k) => k.key) }], loc: r.loc });
        }
      }
      if (segments.every((s) => s.keys.length === 0)) {
        this.warnings.push({
          code: "empty-department",
          line: r.loc.line,
          ...placeOf(r.loc),
          list: "reclaimed",
          column: "承接部门",
          text: r.name,
          message: `收回事项「${r.name}」没有列出承接部门`,
        });
      }
      return segments;
    });

    const canonical = new Map<string, Department>();
    for (const { key } of reads) {
      if (canonical.has(key)) continue;
      const { fullness: _fullness, ...department } = canonicalName(forms.get(key)!, region);
      canonical.set(key, department);
    }
    const departments = [...canonical.values()];
    const refsOf = (keys: { key: string; note: string | null }[]): DepartmentRef[] => {
      const out = new Map<string, DepartmentRef>();
      for (const { key, note } of keys) {
        const name = canonical.get(key)!.name;
        const seen = out.get(name);
        if (seen) seen.note ??= note;
        else out.set(name, { name, note });
      }
      return [...out.values()];
    };
    const owners = (keys: string[]) => keys.map((k) => canonical.get(k)!);
    // A segment is one row's cell; in a duty over several rows a row's steps are its one department's.
    const steps = (segments: { text: string | null; owners: Department[]; own?: boolean }[]): Step[] => {
      const out: Step[] = [];
      for (const s of segments) {
        if (!s.text?.trim()) continue;
        const only = s.own && s.owners.length === 1 ? s.owners[0]!.name : null;
        for (const step of splitSteps(s.text, s.owners, region))
          out.push({ ...step, order: out.length + 1, department: step.department ?? only });
      }
      return out;
    };

    const withNotes = (kind: ListKind, r: RawRow, seq: number) => {
      const notes = notesOf(this.lists[kind]!.header!, r);
      return { seq, category: r.category, name: r.name, line: r.loc.line, ...placeOf(r.loc), ...(notes.length > 0 ? { notes } : {}) };
    };
    const basic: BasicDuty[] = rows.basic.map((r, i) => ({ list: "basic", ...withNotes("basic", r, seqs.basic[i]!) }));
    const coordinated: CoordinatedDuty[] = rows.coordinated.map((r, i) => {
      const segments = coordinatedParts[i]!;
      const departmentsOfRow = refsOf(segments.flatMap((s) => s.keys));
      for (const s of segments) {
        this.reportUnresolved(s.duties ?? "", r.loc, "coordinated", "上级部门职责", departments, region);
        this.reportUnresolved(s.town ?? "", r.loc, "coordinated", "乡镇配合职责", departments, region);
      }
      const rowOwners = owners(segments.flatMap((s) => s.keys.map((k) => k.key)));
      return {
        list: "coordinated",
        ...withNotes("coordinated", r, seqs.coordinated[i]!),
        departments: departmentsOfRow,
        // One department's own row of duties belongs to it; a single cell for several departments is split by splitSteps.
        departmentDuties: steps(
          segments.map((s) =>
            segments.length > 1 && s.keys.length > 0
              ? { text: s.duties, owners: owners(s.keys.map((k) => k.key)), own: true }
              : { text: s.duties, owners: rowOwners },
          ),
        ),
        townDuties: steps(segments.map((s) => ({ text: s.town, owners: [] }))),
      };
    });
    const reclaimed: ReclaimedDuty[] = rows.reclaimed.map((r, i) => {
      const segments = reclaimedParts[i]!;
      for (const s of segments)
        for (const m of s.method) this.reportUnresolved(m.text, r.loc, "reclaimed", "工作方式", departments, region);
      const all = segments.flatMap((s) => s.keys);
      return {
        list: "reclaimed",
        ...withNotes("reclaimed", r, seqs.reclaimed[i]!),
        receivers: refsOf(all),
        method: steps(
          segments.flatMap((s) =>
            s.method.map((m) =>
              segments.length > 1
                ? { text: m.text, owners: owners(m.keys), own: true }
                : { text: m.text, owners: owners(all.map((k) => k.key)) },
            ),
          ),
        ),
      };
    });

    const lists: Lists = { basic, coordinated, reclaimed };
    const categories = new Set<string>();
    for (const kind of LIST_KINDS) for (const duty of lists[kind]) categories.add(duty.category);
    return { region, titles, lists, categories: [...categories], departments };
  }

  /**
   * The seq each duty keeps: the printed 序号 when the list numbers straight through, else the
   * position. Checks the numbering on the way: one style, rising within a category, restarting at 1
   * only where a new category begins.
   */
  private numbering(kind: ListKind, rows: RawRow[]): number[] {
    if (rows.length === 0) return [];
    const numbered = rows.filter((r) => r.seq);
    if (numbered.length === 0) return rows.map((_, i) => i + 1);
    const unnumbered = rows.find((r) => !r.seq);
    if (unnumbered) throw new ParseError("bad-seq", unnumbered.loc, kind, "序号", unnumbered.name, "序号为空（本清单其他事项都有序号）");
    const styles = new Map<string, number>();
    for (const r of rows) styles.set(r.seq!.style === "compound" ? "arabic" : r.seq!.style, (styles.get(r.seq!.style) ?? 0) + 1);
    if (styles.size > 1) {
      const [major] = [...styles.entries()].sort((a, b) => b[1] - a[1])[0]!;
      const odd = rows.find((r) => (r.seq!.style === "compound" ? "arabic" : r.seq!.style) !== major)!;
      throw new ParseError("bad-seq", odd.loc, kind, "序号", odd.seqText, "序号不是数字（与本清单其他序号的写法不同）");
    }
    let restarted = false;
    const seen = new Set<string>();
    let previous = 0;
    for (const [i, r] of rows.entries()) {
      const value = r.seq!.value;
      if (i > 0 && value <= previous) {
        const fresh = r.boundary && !seen.has(r.category) && value === 1;
        if (!fresh) throw new ParseError("seq-order", r.loc, kind, "序号", r.seqText, `序号应大于上一行的 ${previous}`);
        restarted = true;
      } else if (value !== previous + 1 && !(r.boundary && value === 1) && !this.lists[kind]?.combined) {
        this.warnings.push({
          code: "seq-gap",
          line: r.loc.line,
          ...placeOf(r.loc),
          list: kind,
          column: "序号",
          text: r.seqText,
          message: `序号从 ${previous} 跳到 ${value}`,
        });
      }
      seen.add(r.category);
      previous = value;
    }
    const positional = restarted || this.lists[kind]?.combined || rows.some((r) => r.seq!.style === "compound");
    return positional ? rows.map((_, i) => i + 1) : rows.map((r) => r.seq!.value);
  }

  private reportUnresolved(text: string, loc: Location, list: ListKind, column: string, known: Department[], region: Region): void {
    if (!text) return;
    for (const m of findMentions(text, known, region)) {
      if (m.department) continue;
      this.warnings.push({
        code: "unresolved-abbreviation",
        line: loc.line,
        ...placeOf(loc),
        list,
        column,
        text: m.raw,
        message: `「${m.raw}」不对应本清单中的任何部门`,
      });
    }
  }
}

function compatible(kind: ListKind, fromColumns: ReturnType<typeof kindOfColumns>): boolean {
  if (fromColumns === null) return true;
  if (fromColumns === "ambiguous") return true;
  if (fromColumns === "mixed") return kind !== "basic";
  return fromColumns === kind;
}

/**
 * Whether a header row leaves columns for the row below to name: a heading over sub-headings
 * (职责分工 over 上级部门职责 | 乡镇配合职责), an empty header cell, or a lower row inside cells
 * merged down from it. Two complete headers in a row are two headers, never one.
 */
function incomplete(upper: Header, lower: RowBlock): boolean {
  if (lower.cells.some((c) => c.fromAbove)) return true;
  return upper.columns.some((c, k) => (c === "note" || !upper.labels[k]) && lower.cells[k]?.text.trim());
}

/** Two header rows are one header only where the lower names no column the upper names otherwise. */
function agree(upper: Header, lower: Header): boolean {
  return upper.columns.every((c, k) => {
    const low = lower.columns[k];
    return c === "note" || !upper.labels[k] || low === undefined || low === "note" || low === c || !lower.labels[k];
  });
}

/** Columns of a combined table that belong to other lists: kept as notes if a row fills them. */
const OTHER_LISTS_COLUMNS: Record<ListKind, Column[]> = {
  basic: ["departments", "departmentDuties", "townDuties", "receivers", "receiversAndMethod", "method"],
  coordinated: ["receivers", "receiversAndMethod", "method"],
  reclaimed: ["departmentDuties", "townDuties"],
};

/** A combined table's header as one list reads it (a 收回 list's department column names who takes the duty back). */
function headerFor(combined: Header, kind: ListKind): Header {
  const columns = combined.columns.map((c): Column => (OTHER_LISTS_COLUMNS[kind].includes(c) ? "note" : c));
  if (kind === "reclaimed") {
    const at = columns.indexOf("departments");
    const named = columns.includes("receivers") || columns.includes("receiversAndMethod");
    if (at >= 0) columns[at] = named ? "note" : columns.includes("method") ? "receivers" : "receiversAndMethod";
  }
  const at: Header["at"] = {};
  for (const [k, c] of columns.entries()) if (c !== "note" && at[c] === undefined) at[c] = k;
  return { ...combined, columns, at };
}

/**
 * The heading a sub-heading of column k stands under: the upper label of its column, or, for a
 * heading merged across columns (its text in the first one), the nearest label to the left whose
 * columns below are all sub-headed too.
 */
function groupLabel(upper: Header, lower: string[], k: number): string {
  if (upper.labels[k]) return upper.labels[k]!;
  for (let j = k - 1; j >= 0; j--) {
    if (!lower[j]) return "";
    if (upper.labels[j]) return upper.labels[j]!;
  }
  return "";
}

function mergeHeaders(upper: Header, lower: Header): Header {
  const width = Math.max(upper.width, lower.width);
  const merged: Header = { loc: upper.loc, table: upper.table, signature: "", columns: [], labels: [], width, at: {} };
  for (let k = 0; k < width; k++) {
    const low = lower.columns[k];
    const useLower = low !== undefined && low !== "note" && lower.labels[k];
    merged.columns.push(useLower ? low : (upper.columns[k] ?? "note"));
    merged.labels.push(useLower ? lower.labels[k]! : (upper.labels[k] ?? lower.labels[k] ?? ""));
  }
  return merged;
}

/** A header as error messages quote it: its labels up to the first empty one (the rest may be anywhere). */
function quoteOf(header: Header): string {
  const end = header.labels.findIndex((l) => !l);
  return (end < 0 ? header.labels : header.labels.slice(0, end)).join(" ");
}

function lastFilled(texts: string[]): number {
  for (let i = texts.length - 1; i >= 0; i--) if (texts[i]) return i;
  return -1;
}

/** A category section heading (一、党的建设 / （二）经济发展（7项） / 党的建设); null for other text. */
function sectionCategory(text: string, loose: boolean): string | null {
  const { number, rest } = stripHeadingNumber(text);
  const counted = COUNT_SUFFIX.test(rest);
  const name = rest.replace(COUNT_SUFFIX, "").trim();
  // In a text file only a numbered or counted heading is a section; a bare short line may be a broken row.
  if (loose && number === null && !counted) return null;
  if (name.length < 2 || name.length > 20 || /[。；;，,：:！!？?]/u.test(name)) return null;
  return name;
}

function cleanCategory(text: string): string {
  const joined = joinLines(text);
  return stripHeadingNumber(joined).rest.replace(COUNT_SUFFIX, "").trim();
}

/** A cell's lines as one line: no space between two Chinese characters, one space elsewhere. */
function joinLines(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/u)
    .map((l) => l.replace(/[\s\u3000]+/gu, " ").trim())
    .filter(Boolean);
  let out = "";
  for (const line of lines) {
    if (out && !(/[\u3000-\u9fff\uff00-\uffef]$/u.test(out) && /^[\u3000-\u9fff\uff00-\uffef]/u.test(line))) out += " ";
    out += line;
  }
  return out;
}

function notesOf(header: Header | null, r: RawRow): DutyNote[] {
  if (!header) return [];
  const notes: DutyNote[] = [];
  for (const [k, column] of header.columns.entries()) {
    if (column !== "note") continue;
    const texts = [r.cells, ...r.parts]
      .map((cells, i) => (i > 0 && cells[k]?.fromAbove ? "" : cellToText(cells[k]?.text ?? "")))
      .filter(Boolean);
    if (texts.length > 0) notes.push({ column: header.labels[k] || `第 ${k + 1} 列`, text: texts.join("\n") });
  }
  return notes;
}

/** `at` only where it says more than the line number: a text file's duties carry their line alone. */
function placeOf(loc: Location): { at?: string } {
  return loc.at === String(loc.line) ? {} : { at: loc.at };
}

function cellLoc(row: Location, cell: Cell): Location {
  return cell.at ? { line: row.line, at: cell.at } : row;
}

function placeLabel(loc: Location): string {
  return loc.at === String(loc.line) ? `第 ${loc.line} 行` : loc.at;
}

/**
 * 「玛纳斯县民政局： 由县民政局负责…」 → who takes the duty back and how. Several departments may
 * share one method (县市场监管局、县农业农村局：…) or each have their own line (县民政局：…\n县公安局：…);
 * a cell without a colon may start with the department (县民政局负责…) or be only the department.
 */
function splitReceiverCell(cell: string, region: Region, loc: Location): { receivers: string; method: string }[] {
  const text = cellToText(cell);
  const lines = text.split("\n");
  const head = /^([^：:，。；;\n]{2,80}?)[：:]\s*/u;
  const isDepartments = (s: string) => {
    const parts = splitDepartmentCell(s);
    return parts.length > 0 && parts.every((p) => readDepartment(p.text, region) !== null);
  };
  const pieces: { receivers: string; method: string }[] = [];
  for (const line of lines) {
    const m = head.exec(line);
    if (m && isDepartments(m[1]!)) pieces.push({ receivers: m[1]!.trim(), method: line.slice(m[0].length).trim() });
    else if (pieces.length > 0) pieces[pieces.length - 1]!.method += `\n${line}`;
    else pieces.push({ receivers: "", method: line });
  }
  if (pieces.length > 0 && pieces[0]!.receivers) return pieces;
  // No 「部门：」 opening: the whole cell names departments, or a department opens the sentence.
  const first = pieces[0]?.method ?? "";
  if (isDepartments(text.replace(/\n/gu, "、"))) return [{ receivers: text.replace(/\n/gu, "、"), method: "" }];
  const lead = /^(.{2,40}?(局|委|办|部|中心|大队|支队|所|站|院|会))(?=负责|承担|牵头|实施|依法|按照|统一|$)/u.exec(first);
  if (lead && isDepartments(lead[1]!)) return [{ receivers: lead[1]!, method: text }];
  const colon = /[：:]/u.exec(text);
  if (colon) return [{ receivers: text.slice(0, colon.index).trim(), method: text.slice(colon.index + 1).trim() }];
  // A sentence naming its departments anywhere (由县住建局负责实施 / 县住建局、县生态环境局按职责承担):
  // they take the duty back, the sentence is how.
  const named = [...new Set(findMentions(text, [], region).map((m) => m.raw))].filter((raw) => readDepartment(raw, region) !== null);
  if (named.length > 0) return [{ receivers: named.join("、"), method: text }];
  throw new ParseError(
    "bad-cell",
    loc,
    "reclaimed",
    "承接部门及工作方式",
    cell,
    "应为「承接部门：工作方式」，或在句中写出承接部门（如「由县住建局负责」）",
  );
}
