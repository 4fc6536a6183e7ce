import { Parser, type Handler } from "htmlparser2";
import type { Block, Cell, Location } from "./blocks.ts";
import { ParseError } from "./parse-error.ts";

/*
 * A saved web page or a pasted <table> fragment, read as a browser shows it: paragraphs and table
 * rows in order. htmlparser2 tokenises (and decodes entities) and reports elements as they open
 * and close; nothing recurses, and no tree of the page is kept. Whether a table is data or page
 * layout (a table holding tables) is only known at its end, so a first pass finds the layout
 * tables and the second reads the page knowing them.
 *
 * A `<` not followed by an ASCII letter, `/`, `!` or `?` is text to htmlparser2 as to a browser,
 * so the seed's 乡<镇>村 and <不涉及农用地> written raw come through as text.
 *
 * Hidden content (display:none, hidden) is read like the rest: government pages put each list
 * in a tab and hide the inactive ones, and a person clicks through all of them.
 */

/**
 * `<` characters (tags, comments, stray brackets) a page may hold. htmlparser2 keeps its open
 * elements in an array it searches on every end tag and shifts on every start tag, so its work
 * is tags × depth; this cap and MAX_HTML_DEPTH keep the worst page near a second. A list
 * exported from Word as HTML has about 30 000 tags.
 */
export const MAX_HTML_TAGS = 300_000;
/** Open elements inside one another; real pages, layout tables included, stay below 60. */
export const MAX_HTML_DEPTH = 512;
/** Table cells (merged cells counted as the cells they cover) and paragraphs a page may give. */
export const MAX_HTML_CELLS = 200_000;
/** The largest spans HTML itself honours. */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65_534;

/**
 * Content a person does not read as text of the page. <head> itself is not skipped: all it shows
 * is in <title> (the window's name, not the page's), and a page that never closes it would lose
 * its body.
 */
const UNSEEN = new Set(["script", "style", "title", "template", "noscript", "iframe", "object", "svg", "math", "select", "textarea"]);

/** Elements that begin and end a line of text (in a cell: a line break; outside: a paragraph). */
const BLOCKS = new Set(
  (
    "html body address article aside blockquote center details dialog dd div dl dt fieldset figcaption figure footer form h1 h2 " +
    "h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary ul " +
    "table caption thead tbody tfoot tr td th"
  ).split(" "),
);

/** What a pass over the page does with the elements a person sees and their text. */
interface Visitor {
  open(tag: string, attribs: Record<string, string>, start: number): void;
  close(): void;
  text(data: string, start: number): void;
}

/**
 * HTML text → blocks. Text outside tables becomes one text block per block element or
 * <br>-separated line, whitespace collapsed. Each table whose cells hold no other table becomes
 * row blocks of a new table index: <td>/<th> cells, <br> and block elements inside a cell as line
 * breaks, a rowspan's text copied into the rows below (`fromAbove`), a colspan's text in its first
 * column and "" in the others. A table that holds tables (page layout) is read as blocks: its
 * inner tables as tables, its other text as paragraphs. `line` is the source line where a block
 * starts. Throws ParseError("too-large") beyond MAX_HTML_TAGS, MAX_HTML_DEPTH or MAX_HTML_CELLS.
 */
export function readHtml(text: string): Block[] {
  checkTagCount(text);
  const reader = new PageReader(text, layoutTables(text));
  visit(text, reader);
  return reader.finish();
}

function checkTagCount(text: string): void {
  let tags = 0;
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    if (++tags > MAX_HTML_TAGS) {
      const line = new LineCounter(text).lineAt(at);
      throw new ParseError("too-large", line, null, null, "", `网页的标签超过 ${MAX_HTML_TAGS} 个，不是一份履职事项清单`);
    }
  }
}

/**
 * htmlparser2's events for the elements a person sees: unseen elements and all inside them are
 * left out, comments and the doctype too. Refuses nesting deeper than MAX_HTML_DEPTH.
 */
function visit(text: string, visitor: Visitor): void {
  let parser: Parser | null = null;
  let depth = 0;
  // Open elements inside (and including) an unseen one; while above 0, nothing is reported.
  let unseen = 0;
  const handler: Partial<Handler> = {
    onparserinit(p) {
      parser = p;
    },
    onopentag(tag, attribs) {
      const start = parser?.startIndex ?? 0;
      if (++depth > MAX_HTML_DEPTH) {
        const line = new LineCounter(text).lineAt(start);
        throw new ParseError("too-large", line, null, null, "", `网页元素嵌套超过 ${MAX_HTML_DEPTH} 层，无法读取`);
      }
      if (unseen > 0 || UNSEEN.has(tag)) unseen++;
      else visitor.open(tag, attribs, start);
    },
    onclosetag() {
      depth--;
      if (unseen > 0) unseen--;
      else visitor.close();
    },
    ontext(data) {
      if (unseen === 0) visitor.text(data, parser?.startIndex ?? 0);
    },
  };
  new Parser(handler, { decodeEntities: true }).parseComplete(text);
}

/** The layout tables, by their number in document order: those with another table inside. */
function layoutTables(text: string): Set<number> {
  const layout = new Set<number>();
  const openTables: number[] = [];
  // For each open element, whether it is a table.
  const isTable: boolean[] = [];
  let tables = 0;
  visit(text, {
    open(tag) {
      isTable.push(tag === "table");
      if (tag !== "table") return;
      // Each table marks the one around it, so every table with a table inside is marked.
      const outer = openTables[openTables.length - 1];
      if (outer !== undefined) layout.add(outer);
      openTables.push(tables++);
    },
    close() {
      if (isTable.pop()) openTables.pop();
    },
    text() {},
  });
  return layout;
}

/** Line numbers of source offsets. Blocks come in source order, so the cursor mostly moves forward. */
class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    const [from, to, step] = offset >= this.offset ? [this.offset, offset, 1] : [offset, this.offset, -1];
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      // \r\n is one break, counted at its \n.
      if (c === 0x0a || (c === 0x0d && this.text.charCodeAt(i + 1) !== 0x0a)) this.line += step;
    }
    this.offset = offset;
    return this.line;
  }
}

/** The blocks of the page, with their lines, and the cap on how many pieces of text they hold. */
class BlockWriter {
  readonly blocks: Block[] = [];
  private pieces = 0;
  private tables = 0;
  private readonly lines: LineCounter;
  constructor(text: string) {
    this.lines = new LineCounter(text);
  }

  locate(offset: number): Location {
    const line = this.lines.lineAt(offset);
    return { line, at: String(line) };
  }

  /** One more cell or paragraph, refused beyond the cap. */
  count(loc: Location): void {
    if (++this.pieces > MAX_HTML_CELLS) {
      throw new ParseError("too-large", loc, null, null, "", `网页的表格单元格和段落超过 ${MAX_HTML_CELLS} 个，不是一份履职事项清单`);
    }
  }

  nextTable(): number {
    return this.tables++;
  }
}

/** Where text goes: the paragraph being written, or the table cell being read. */
interface TextSink {
  add(text: string, start: number): void;
  lineBreak(): void;
}

/** Text outside table cells: one text block per line a person sees. */
class Paragraph implements TextSink {
  private parts: string[] = [];
  private first = -1;
  constructor(private readonly out: BlockWriter) {}

  add(text: string, start: number): void {
    this.parts.push(text);
    if (this.first < 0) {
      const visible = text.search(/\S/u);
      if (visible >= 0) this.first = start + visible;
    }
  }

  lineBreak(): void {
    if (this.first < 0) {
      this.parts = [];
      return;
    }
    const text = this.parts.join("").replace(/\s+/gu, " ").trim();
    const loc = this.out.locate(this.first);
    this.parts = [];
    this.first = -1;
    this.out.count(loc);
    this.out.blocks.push({ kind: "text", text, loc });
  }
}

/** One <td>/<th>: its lines, whitespace collapsed within each, empty lines dropped. */
class CellText implements TextSink {
  private parts: string[] = [];
  readonly rowspan: number;
  readonly colspan: number;
  constructor(attribs: Record<string, string>) {
    const rowspan = nonNegative(attribs.rowspan);
    // rowspan="0" spans the rest of its row group.
    this.rowspan = rowspan === 0 ? Infinity : Math.min(rowspan ?? 1, MAX_ROWSPAN);
    this.colspan = Math.min(Math.max(nonNegative(attribs.colspan) ?? 1, 1), MAX_COLSPAN);
  }

  add(text: string): void {
    this.parts.push(text.replace(/\s+/gu, " "));
  }

  lineBreak(): void {
    this.parts.push("\n");
  }

  text(): string {
    const joined = this.parts.join("");
    if (!joined.includes("\n")) return joined.replace(/ {2,}/gu, " ").trim();
    return joined
      .split("\n")
      .map((line) => line.replace(/ {2,}/gu, " ").trim())
      .filter((line) => line !== "")
      .join("\n");
  }
}

/** An attribute's whole number, or undefined when it is missing, malformed or negative. */
function nonNegative(value: string | undefined): number | undefined {
  const n = value === undefined ? NaN : parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

interface Span {
  text: string;
  rowsLeft: number;
}

interface RawRow {
  start: number;
  cells: CellText[];
}

/** A table whose cells hold no other table, read row by row onto its grid. */
class TableReader {
  row: RawRow | null = null;
  cell: CellText | null = null;
  /** What rowspans above still cover, by column. */
  private spans: (Span | undefined)[] = [];
  private index = -1;
  constructor(
    private readonly out: BlockWriter,
    private readonly paragraph: Paragraph,
  ) {}

  startRow(start: number): RawRow {
    this.endRow();
    this.row = { start, cells: [] };
    return this.row;
  }

  startCell(attribs: Record<string, string>, start: number): CellText {
    // A <td> outside any <tr> opens a row of its own, as browsers do.
    const row = this.row ?? this.startRow(start);
    this.cell = new CellText(attribs);
    row.cells.push(this.cell);
    return this.cell;
  }

  /** <thead>, <tbody>, <tfoot>: rowspans end at the edge of their group. */
  startGroup(): void {
    this.endRow();
    this.spans = [];
  }

  endRow(): void {
    const row = this.row;
    this.row = null;
    this.cell = null;
    if (!row) return;
    // Stray text between the cells goes before the row, where browsers put it.
    this.paragraph.lineBreak();
    if (row.cells.length === 0 && this.spans.length === 0) return;
    const loc = this.out.locate(row.start);
    const cells: Cell[] = [];
    const place = (cell: Cell) => {
      this.out.count(loc);
      cells.push(cell);
    };
    const fillFromAbove = () => {
      for (let span = this.spans[cells.length]; span; span = this.spans[cells.length]) {
        place({ text: span.text, fromAbove: true });
        if (--span.rowsLeft === 0) this.spans[cells.length - 1] = undefined;
      }
    };
    for (const raw of row.cells) {
      fillFromAbove();
      const text = raw.text();
      for (let k = 0; k < raw.colspan; k++) {
        if (raw.rowspan > 1) this.spans[cells.length] = { text: k === 0 ? text : "", rowsLeft: raw.rowspan - 1 };
        place({ text: k === 0 ? text : "" });
      }
    }
    // Columns further right still covered from above; a gap before them is an empty cell.
    while (cells.length < this.spans.length) {
      fillFromAbove();
      if (cells.length < this.spans.length) place({ text: "" });
    }
    while (this.spans.length > 0 && this.spans[this.spans.length - 1] === undefined) this.spans.pop();
    if (this.index < 0) this.index = this.out.nextTable();
    this.out.blocks.push({ kind: "row", cells, loc, table: this.index });
  }
}

/** Decimal numbers of an <ol>, which a person sees in front of each item; null for <ul> and unnumbered lists. */
class ListNumbers {
  constructor(private next: number | null) {}

  static of(tag: string, attribs: Record<string, string>): ListNumbers {
    if (tag !== "ol") return new ListNumbers(null);
    const type = attribs.type ?? "1";
    const style = /list-style(?:-type)?\s*:\s*([a-z-]+)/iu.exec(attribs.style ?? "")?.[1]?.toLowerCase();
    if (type !== "1" || (style !== undefined && style !== "decimal")) return new ListNumbers(null);
    return new ListNumbers(nonNegative(attribs.start) ?? 1);
  }

  /** The number shown in front of an item, which may set it with value="…". */
  label(item: Record<string, string>): string | null {
    if (this.next === null) return null;
    const value = nonNegative(item.value);
    const n = value ?? this.next;
    this.next = n + 1;
    return `${n}. `;
  }
}

/** An open element and what it began, to be ended when it closes. */
interface Frame {
  tag: string;
  dataTable?: boolean;
  row?: RawRow;
  cell?: CellText;
}

/** The second pass: elements as they open and close, text as it comes, into blocks. */
class PageReader implements Visitor {
  private readonly out: BlockWriter;
  private readonly paragraph: Paragraph;
  private table: TableReader | null = null;
  private tables = 0;
  private pre = 0;
  private readonly lists: ListNumbers[] = [];
  private readonly frames: Frame[] = [];

  constructor(
    text: string,
    private readonly layout: Set<number>,
  ) {
    this.out = new BlockWriter(text);
    this.paragraph = new Paragraph(this.out);
  }

  private sink(): TextSink {
    return this.table?.cell ?? this.paragraph;
  }

  open(tag: string, attribs: Record<string, string>, start: number): void {
    const frame: Frame = { tag };
    this.frames.push(frame);
    const table = this.table;
    if (tag === "br") {
      this.sink().lineBreak();
    } else if (tag === "table" && !this.layout.has(this.tables++)) {
      this.paragraph.lineBreak();
      this.table = new TableReader(this.out, this.paragraph);
      frame.dataTable = true;
    } else if (table && tag === "tr") {
      frame.row = table.startRow(start);
    } else if (table && (tag === "td" || tag === "th")) {
      frame.cell = table.startCell(attribs, start);
    } else if (table && (tag === "thead" || tag === "tbody" || tag === "tfoot")) {
      table.startGroup();
    } else if (table && tag === "caption") {
      table.endRow();
      this.paragraph.lineBreak();
    } else if (BLOCKS.has(tag)) {
      this.sink().lineBreak();
    }
    if (tag === "pre") this.pre++;
    if (tag === "ol" || tag === "ul") this.lists.push(ListNumbers.of(tag, attribs));
    if (tag === "li") {
      const label = this.lists[this.lists.length - 1]?.label(attribs);
      if (label) this.sink().add(label, start);
    }
  }

  close(): void {
    const frame = this.frames.pop();
    if (!frame) return;
    const { tag } = frame;
    const table = this.table;
    if (frame.dataTable && table) {
      table.endRow();
      this.table = null;
      this.paragraph.lineBreak();
    } else if (table && frame.cell) {
      if (table.cell === frame.cell) table.cell = null;
    } else if (table && frame.row) {
      if (table.row === frame.row) table.endRow();
    } else if (BLOCKS.has(tag)) {
      this.sink().lineBreak();
    }
    if (tag === "pre") this.pre--;
    if (tag === "ol" || tag === "ul") this.lists.pop();
  }

  text(data: string, start: number): void {
    addText(this.sink(), data, start, this.pre > 0);
  }

  finish(): Block[] {
    this.paragraph.lineBreak();
    return this.out.blocks;
  }
}

/** Text into its sink; inside <pre> its line breaks are the page's. */
function addText(sink: TextSink, text: string, start: number, pre: boolean): void {
  if (!pre) {
    sink.add(text, start);
    return;
  }
  let from = 0;
  for (const end of text.matchAll(/\r\n|\r|\n/gu)) {
    sink.add(text.slice(from, end.index), start + from);
    sink.lineBreak();
    from = end.index + end[0].length;
  }
  sink.add(text.slice(from), start + from);
}
