/*
 * Writes PDFs for the PDF reader's tests, laid out the way a town office prints its lists: A4
 * pages, a title over each table, drawn cell borders, long cells wrapping over several lines, the
 * header row repeated on each page, rows split at page breaks and a footer 「第 N 页 共 M 页」. Every line is placed by hand (pdfkit never wraps or paginates on its own),
 * so a test knows exactly what each page holds.
 */
import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import { cellToText } from "../../recognise/cell-text.ts";

/** The CJK font the PDFs are printed with; CI installs it with the package fonts-wqy-microhei. */
const CJK_FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
/** The face inside the .ttc collection (its PostScript name). */
const CJK_FONT_FACE = "WenQuanYiMicroHei";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const TITLE_SIZE = 16;
const TEXT_SIZE = 10.5;
const CELL_SIZE = 9;
const LINE_GAP = 1.35;
const CELL_LINE = CELL_SIZE * LINE_GAP;
/** Space between two paragraphs of a cell (Word's 段后, the margins of an HTML <p>). */
const PARAGRAPH_GAP = 4;
const PAD_X = 4;
const PAD_Y = 3;
/** A row is split at a page break only when at least this many of its lines fit above the break. */
const MIN_SPLIT_LINES = 2;

/** A table as printed: cells are plain text, "\n" starts a new paragraph inside the cell. */
export interface PrintedTable {
  kind: "table";
  /** Printed as the first row and, with repeatHeader, again at the top of each later page. */
  header: string[] | null;
  rows: string[][];
  /** Column widths in points; by default they follow the length of each column's text. */
  widths?: number[];
  /** Repeat the header row at the top of each page the table continues on (default true). */
  repeatHeader?: boolean;
  /**
   * Close a row split by a page break with a border on each side of the break, a frame on each
   * page; by default the split part stays open at the break, as Chromium prints it.
   */
  closedSplit?: boolean;
  /** Draw cell borders (default true); false prints a borderless table, columns set apart by space. */
  ruled?: boolean;
}

export type PrintItem =
  | { kind: "title"; text: string }
  | { kind: "text"; text: string }
  | { kind: "gap"; height: number }
  | { kind: "page-break" }
  | PrintedTable;

/** Footers: 「第 N 页 共 M 页」, 「- N -」 or a lone 「N」. */
export type Footer = "page-of-total" | "dash" | "number";

export interface PrintOptions {
  footer?: Footer;
  /** A running header printed in the top margin of every page. */
  running?: string;
}

/** A PDF drawn by `draw` with the CJK font registered as "cjk". */
export async function pdfOf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  if (!existsSync(CJK_FONT_PATH)) {
    throw new Error(`找不到中文字体 ${CJK_FONT_PATH}：请安装 fonts-wqy-microhei（Debian/Ubuntu：apt-get install fonts-wqy-microhei）`);
  }
  const doc = new PDFDocument({ size: A4, margin: 0, ...options });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("cjk", CJK_FONT_PATH, CJK_FONT_FACE);
  doc.font("cjk");
  draw(doc);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Prints a document in the seed's text layout as a town would: each title line over its table,
 * the table's first row as its header. Rows equal to the header are left out: in the seed they are
 * leftovers of the page breaks of the document it was copied from, and this printout repeats the
 * header at its own page breaks. A category heading line inside a list becomes a row holding only
 * that heading. Cells are made plain with cellToText.
 */
export async function seedAsPdf(text: string): Promise<Uint8Array> {
  const items: PrintItem[] = [];
  let table: PrintedTable | null = null;
  for (const line of text.split(/\r?\n/u)) {
    if (line.includes("\t")) {
      const cells = line.split("\t").map(cellToText);
      if (!table) {
        table = { kind: "table", header: cells, rows: [] };
        items.push(table);
      } else if (cells.join("\t") !== table.header?.join("\t")) {
        table.rows.push(cells);
      }
    } else if (table?.header && /^[（(]?[一二三四五六七八九十]+[、)）]/u.test(line.trim()) && !line.includes("清单")) {
      // A category heading inside a list (一、党的建设) is printed as a row of its own, its text in the first cell.
      table.rows.push([line.trim(), ...table.header.slice(1).map(() => "")]);
    } else if (line.trim()) {
      items.push({ kind: "title", text: line.trim() });
      table = null;
    }
  }
  return printPdf(items, { footer: "page-of-total" });
}

/** Prints titles, paragraphs and tables onto A4 pages, then writes the footer on every page. */
export function printPdf(items: PrintItem[], options: PrintOptions = {}): Promise<Uint8Array> {
  const [pageWidth, pageHeight] = A4;
  return pdfOf(
    (doc) => {
      const page = new Pager(doc, pageWidth, pageHeight, MARGIN);
      items.forEach((item, i) => {
        const next = items[i + 1];
        if (item.kind === "title") page.title(item.text, next?.kind === "table");
        else if (item.kind === "text") page.paragraph(item.text);
        else if (item.kind === "gap") page.skip(item.height);
        else if (item.kind === "page-break") page.newPage();
        else page.table(item);
      });
      page.furniture(options.footer ?? "page-of-total", options.running);
    },
    { bufferPages: true },
  );
}

/** A line of a cell, `y` points below the top of the cell's text. */
interface CellLine {
  text: string;
  y: number;
}

/** The height of a row whose cells hold these lines. */
function heightOf(cells: CellLine[][]): number {
  return Math.max(CELL_LINE, ...cells.map((lines) => (lines[lines.length - 1]?.y ?? 0) + CELL_LINE)) + 2 * PAD_Y;
}

/** Lays items out top to bottom, starting a page where the next piece does not fit. */
class Pager {
  private y: number;
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly width: number,
    private readonly height: number,
    private readonly margin: number,
  ) {
    this.y = margin;
  }

  private get bottom(): number {
    return this.height - this.margin;
  }

  private get contentWidth(): number {
    return this.width - 2 * this.margin;
  }

  newPage(): void {
    this.doc.addPage({ size: [this.width, this.height], margin: 0 });
    this.y = this.margin;
  }

  skip(height: number): void {
    this.y += height;
    if (this.y > this.bottom) this.newPage();
  }

  /** A centred title; kept on the page of the table it heads. */
  title(text: string, headsTable: boolean): void {
    const lineHeight = TITLE_SIZE * 1.8;
    const keep = headsTable ? 4 * CELL_SIZE * LINE_GAP + 4 * PAD_Y : 0;
    if (this.y + lineHeight + keep > this.bottom) this.newPage();
    const x = (this.width - this.measure(text, TITLE_SIZE)) / 2;
    this.write(text, x, this.y, TITLE_SIZE);
    this.y += lineHeight;
  }

  /** A paragraph over the full width, wrapped. */
  paragraph(text: string): void {
    const lineHeight = TEXT_SIZE * LINE_GAP;
    for (const line of this.wrap(text, this.contentWidth, TEXT_SIZE)) {
      if (this.y + lineHeight > this.bottom) this.newPage();
      this.write(line, this.margin, this.y, TEXT_SIZE);
      this.y += lineHeight;
    }
    this.y += TEXT_SIZE * 0.5;
  }

  table(table: PrintedTable): void {
    const widths = table.widths ?? this.columnWidths(table.header, table.rows);
    const xs = [this.margin];
    for (const w of widths) xs.push(xs[xs.length - 1]! + w);
    const lay = (cells: string[]) => widths.map((w, c) => this.cellLines(cells[c] ?? "", w - 2 * PAD_X));
    const ruled = table.ruled ?? true;
    const header = table.header ? lay(table.header) : null;
    const drawHeader = () => {
      if (!header) return;
      this.part(xs, header, heightOf(header), { top: true, bottom: true, ruled });
      this.y += heightOf(header);
    };
    if (header && this.y + heightOf(header) + CELL_LINE * MIN_SPLIT_LINES + 2 * PAD_Y > this.bottom) this.newPage();
    drawHeader();
    for (const row of table.rows) {
      let rest = lay(row);
      let first = true;
      for (;;) {
        const need = heightOf(rest);
        const room = this.bottom - this.y;
        if (need <= room) {
          this.part(xs, rest, need, { top: first || !!table.closedSplit, bottom: true, ruled });
          this.y += need;
          break;
        }
        if (room - 2 * PAD_Y >= MIN_SPLIT_LINES * CELL_LINE) {
          // Each cell keeps on this page the lines that fit above the break; the rest go on.
          const fits = (line: CellLine) => line.y + CELL_LINE <= room - 2 * PAD_Y;
          this.part(
            xs,
            rest.map((lines) => lines.filter(fits)),
            room,
            { top: first || !!table.closedSplit, bottom: !!table.closedSplit, ruled },
          );
          rest = rest.map((lines) => {
            const after = lines.filter((line) => !fits(line));
            return after.map((line) => ({ text: line.text, y: line.y - (after[0]?.y ?? 0) }));
          });
          first = false;
        }
        this.newPage();
        if (table.repeatHeader ?? true) drawHeader();
      }
    }
    this.y += TEXT_SIZE;
  }

  /** A cell's lines and where each sits below the top of its text; paragraphs are set a little apart. */
  private cellLines(text: string, width: number): CellLine[] {
    const out: CellLine[] = [];
    let y = 0;
    for (const paragraph of text.split("\n")) {
      if (out.length > 0) y += PARAGRAPH_GAP;
      for (const line of this.wrap(paragraph, width, CELL_SIZE)) {
        out.push({ text: line, y });
        y += CELL_LINE;
      }
    }
    return out;
  }

  /** One row, or the part of it on this page: borders, then each cell's lines from its top. */
  private part(xs: number[], cells: CellLine[][], height: number, edges: { top: boolean; bottom: boolean; ruled: boolean }): void {
    const { doc, y } = this;
    const left = xs[0]!;
    const right = xs[xs.length - 1]!;
    const bottom = y + height;
    if (edges.ruled) {
      // Horizontal borders are stroked lines and vertical ones thin filled bars, the two ways
      // Word and browsers draw them, so the reader meets both.
      doc.lineWidth(0.5);
      if (edges.top) doc.moveTo(left, y).lineTo(right, y).stroke();
      if (edges.bottom) doc.moveTo(left, bottom).lineTo(right, bottom).stroke();
      for (const x of xs) doc.rect(x - 0.25, y, 0.5, height).fill();
    }
    for (const [c, lines] of cells.entries()) {
      for (const line of lines) this.write(line.text, xs[c]! + PAD_X, y + PAD_Y + line.y, CELL_SIZE);
    }
  }

  /** Footer and running header on every page, once the page count is known. */
  furniture(footer: Footer, running: string | undefined): void {
    const { start, count } = this.doc.bufferedPageRange();
    const centred = (text: string, y: number) => this.write(text, (this.width - this.measure(text, TEXT_SIZE)) / 2, y, TEXT_SIZE);
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const n = i - start + 1;
      const text = footer === "page-of-total" ? `第 ${n} 页 共 ${count} 页` : footer === "dash" ? `- ${n} -` : String(n);
      centred(text, this.height - this.margin / 2 - TEXT_SIZE / 2);
      if (running) centred(running, this.margin / 2 - TEXT_SIZE / 2);
    }
  }

  private write(text: string, x: number, y: number, size: number): void {
    this.doc.fontSize(size).text(text, x, y, { lineBreak: false });
  }

  private measure(text: string, size: number): number {
    let width = 0;
    for (const ch of text) {
      const key = `${size}:${ch}`;
      let w = this.widths.get(key);
      if (w === undefined) {
        w = this.doc.fontSize(size).widthOfString(ch);
        this.widths.set(key, w);
      }
      width += w;
    }
    return width;
  }

  /**
   * Breaks each paragraph into lines no wider than `width`: anywhere between CJK characters, but a
   * run of Latin letters or digits moves whole to the next line, a closing mark never starts a line
   * and a space at the break stays at the end of its line, as word processors do.
   */
  private wrap(text: string, width: number, size: number): string[] {
    const out: string[] = [];
    for (const paragraph of text.split("\n")) {
      let line = "";
      let used = 0;
      for (const ch of paragraph) {
        const w = this.measure(ch, size);
        if (line && used + w > width && ch === " ") {
          // A space that does not fit ends the line, drawn but not seen, as word processors do.
          out.push(line + ch);
          line = "";
          used = 0;
          continue;
        }
        if (line && used + w > width) {
          let carry = "";
          if (/[\x21-\x7e]/u.test(ch)) carry = /[\x21-\x7e]+$/u.exec(line)?.[0] ?? "";
          else if (/[，。、；：！？）》」』”’]/u.test(ch)) carry = line.slice(-1);
          if (carry.length === line.length) carry = "";
          out.push(line.slice(0, line.length - carry.length));
          line = carry;
          used = this.measure(carry, size);
        }
        if (line || ch !== " ") {
          line += ch;
          used += w;
        }
      }
      if (line.trim()) out.push(line.trimEnd());
    }
    return out;
  }

  /**
   * Widths that follow the text: each column gets at least its header's width, and the rest of the
   * page goes to the columns in proportion to the square root of how much wider they would like to
   * be, so the long duty columns get most of it without starving the short ones.
   */
  private columnWidths(header: string[] | null, body: string[][]): number[] {
    const rows = header ? [header, ...body] : body;
    const columns = Math.max(...rows.map((r) => r.length));
    const natural = (c: number) =>
      Math.max(...rows.map((r) => Math.max(0, ...(r[c] ?? "").split("\n").map((p) => this.measure(p, CELL_SIZE)))));
    const least = (c: number) => (header ? this.measure(header[c] ?? "", CELL_SIZE) : 2 * CELL_SIZE) + 2 * PAD_X + 1;
    const min = Array.from({ length: columns }, (_, c) => least(c));
    const want = Array.from({ length: columns }, (_, c) => Math.max(0, natural(c) + 2 * PAD_X + 1 - min[c]!));
    const spare = this.contentWidth - min.reduce((a, b) => a + b, 0);
    const weights = want.map(Math.sqrt);
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    return min.map((m, c) => m + (spare * weights[c]!) / total);
  }
}

/**
 * A one-line PDF written by hand, with a font that is not embedded, as older PDF printers make
 * them. "UniGB-UCS2-H": the text is encoded in a CMap predefined by the PDF standard, which a
 * reader can only decode with the CMap files. "Identity-H": the glyph codes are 1, 2, 3 … and a
 * ToUnicode map says which character each code is, exactly as given (Word writes Kangxi radicals
 * such as 「⽣」 there for some fonts).
 */
export function handMadePdf(text: string, encoding: "UniGB-UCS2-H" | "Identity-H"): Uint8Array {
  const chars = [...new Set(text)];
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");
  const utf16 = (ch: string) => [...Array(ch.length).keys()].map((k) => hex(ch.charCodeAt(k))).join("");
  const codes = [...text].map((ch) => (encoding === "Identity-H" ? hex(chars.indexOf(ch) + 1) : utf16(ch))).join("");
  const content = `BT /F1 12 Tf 72 700 Td <${codes}> Tj ET`;
  const toUnicode = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Map def",
    "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    `${chars.length} beginbfchar`,
    ...chars.map((ch, i) => `<${hex(i + 1)}> <${utf16(ch)}>`),
    "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  const identity = encoding === "Identity-H";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /${encoding} /DescendantFonts [6 0 R]${identity ? " /ToUnicode 8 0 R" : ""} >>`,
    `<< /Type /Font /Subtype /${identity ? "CIDFontType2" : "CIDFontType0"} /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (${identity ? "Identity" : "GB1"}) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>`,
    "<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 996 855] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>",
    `<< /Length ${new TextEncoder().encode(toUnicode).length} >>\nstream\n${toUnicode}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}
