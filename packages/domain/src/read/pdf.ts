/*
 * The PDF reader: text-layer PDFs printed from Word, WPS, Excel or a browser. A PDF has no
 * paragraphs or tables, only glyphs at positions and lines drawn on the page, so this rebuilds
 * what a person sees:
 *
 * - pdf.js gives the positioned text runs of each page and its drawing operators; the cell
 *   borders, drawn as stroked lines or thin filled bars, give a table's column and row boundaries
 *   exactly, and a border missing inside the grid marks a merged cell;
 * - a table without borders is found from a line whose runs stand apart in columns (a header) and
 *   the blank channels that run down the lines below it;
 * - a cell's wrapped lines are joined into one text: "\n" where a line starts a numbered step
 *   (「2.」「（3）」「二、」) or sits further below the line before than the page's usual line pitch
 *   (paragraph spacing); a space where the line before ended in a space glyph (it wrapped at a
 *   space) or between Latin words; "\n" where the line before ended well short of the cell's width
 *   (a paragraph's last line) unless line-breaking rules explain it (a bracket or closing mark
 *   carried down); else nothing (CJK text wrapped). A cell cut by a page break is joined the same;
 * - a table that goes on at the top of the next page with the same columns keeps its index, a
 *   header row repeated there stays a row (the recogniser knows repeated headers), and a row cut
 *   by the page break becomes one row again;
 * - page furniture (「第 3 页 共 12 页」, 「- 3 -」, a lone page number, a running header repeated
 *   on most pages) is dropped; other lines become paragraphs, wrapped lines joined.
 *
 * Titles and categories are not interpreted here: that is the recogniser's work on the blocks.
 */
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Block, Cell, Location, RowBlock, TextBlock } from "./blocks.ts";
import { ParseError } from "./parse-error.ts";

/** Larger than any printed list; embedded CJK fonts make PDFs far larger than the text they hold. */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;
/** A duty list runs to tens of pages; thousands of pages is not one. */
export const MAX_PDF_PAGES = 2_000;
/** Text runs over the whole document (the seed printed on 32 pages has about 7,500). */
export const MAX_PDF_TEXT_ITEMS = 2_000_000;
/** Borders on one page past which the drawing is a chart or a pattern, not a table. */
export const MAX_PDF_BORDERS_PER_PAGE = 5_000;
/** Time to read one document, so that a hostile or broken file cannot hold a request for long. */
export const MAX_PDF_READ_MS = 120_000;

const SCANNED = "这是扫描版 PDF（没有文字层），无法读取文字；请提供 Word/Excel 原件或文字版 PDF";

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type TextContentItem = Awaited<ReturnType<PDFPageProxy["getTextContent"]>>["items"][number];
type Matrix = [number, number, number, number, number, number];

/** A run of text in page coordinates, y growing downwards. */
interface Piece {
  text: string;
  /** A space glyph follows the run where it was drawn (pdf.js leaves such spaces out). */
  spaced: boolean;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
}

/** A visual line: runs side by side, left to right. */
interface Line {
  pieces: Piece[];
  text: string;
  /** The line ended in a space: where it wrapped, a space joins it to the next. */
  spaced: boolean;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
}

/** A drawn border along one axis: `at` is its y (across) or x (down); it runs from `from` to `to`. */
interface Rule {
  at: number;
  from: number;
  to: number;
}

interface FragmentRow {
  cells: Cell[];
  page: number;
  /**
   * Per cell, what joins its text to more of it on the next page: "\n" after a line that ends a
   * paragraph, " " after one that ends in a space, null when the text decides (see joiner).
   */
  tails: (string | null)[];
}

/** The part of a table on one page. */
interface Fragment {
  page: number;
  /** Column boundaries, left to right (one more than the columns). */
  columns: number[];
  rows: FragmentRow[];
  /** Per column: no border closes the first row at its top (the row began on the page before). */
  openTop: boolean[];
  /** Per column: no border closes the last row at its bottom (it goes on on the next page). */
  openBottom: boolean[];
}

type Element = { kind: "line"; line: Line; top: number } | { kind: "table"; fragment: Fragment; top: number; right: number };

interface PageLayout {
  number: number;
  height: number;
  elements: Element[];
}

/** Positions closer than this are one border (double lines, rounding of the printer driver). */
const SNAP = 2;
/** Row or column bands thinner than this are the gap of a double border, not cells. */
const MIN_BAND = 4;
/** A filled rectangle at most this thick is a border bar; thicker ones are shading. */
const MAX_BAR = 3;
/** Column boundaries of two table parts within this distance are the same columns. */
const SAME_COLUMN = 3;
/** A line further below the one before than this many usual pitches starts a new paragraph. */
const PARAGRAPH_PITCH = 1.2;
/** How far ahead a run's character is looked for among the drawn glyphs before it counts as missing. */
const SPACE_LOOKAHEAD = 64;
/** Page furniture sits in the top and bottom share of the page. */
const MARGIN_ZONE = 0.15;

// A step number opening a line: 1. 1、 （1） (1) 一、 （一）. "2.5" is a number, not a step.
const STEP = /^(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[）)]|[（(]?[一二三四五六七八九十]{1,3}[、）)])/u;
// How a line starts when line breaking pulled characters down with it: an opening bracket (it may
// not end a line) or a closing mark among its first characters (it may not start one). The line
// above then ends short without ending a paragraph.
const KEPT_TOGETHER = /^(?:[（(《「『“‘〔［【]|.{0,2}[，。、；：！？）)》」』”’〕］】])/u;
// Characters between which a wrapped line is joined without a space: CJK, full-width forms and
// punctuation, curly quotes and dashes.
const NO_SPACE = /[\u2010-\u206f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3134f}]/u;
// Kangxi radicals and compatibility ideographs that some fonts map their glyphs to (「⽣」 for 生).
const LOOKALIKE_IDEOGRAPHS = /[\u2f00-\u2fdf\uf900-\ufaff\u{2f800}-\u{2fa1f}]/gu;
// Control characters, private-use characters and U+FFFD are what glyphs without a Unicode mapping extract as.
const UNMAPPED = /[\p{Cc}\p{Co}\ufffd]/gu;
const PAGE_NUMBERS = [
  /共\s*[0-9０-９]+\s*页\s*[,，/]?\s*第\s*[0-9０-９]+\s*页/gu,
  /第\s*[0-9０-９]+\s*页\s*[,，/]?\s*(?:共\s*[0-9０-９]+\s*页)?/gu,
  /[-－—–~～]\s*[0-9０-９]+\s*[-－—–~～]/gu,
  /(?<![\d.])[0-9]+\s*[/／]\s*[0-9]+(?![\d.])/gu,
  /\bpage\s*\d+(?:\s*of\s*\d+)?\b/giu,
];

let pdfjsModule: Promise<Pdfjs> | null = null;

/**
 * Reads a text-layer PDF into blocks in reading order: lines outside tables as paragraphs, each
 * table row as a row of cells. Locations are `第 P 页` with a running block number.
 * Throws ParseError: unsupported-format for a scanned, undecodable or password-protected PDF,
 * bad-file for a damaged one, too-large past the limits above.
 */
export async function readPdf(bytes: Uint8Array): Promise<Block[]> {
  checkEnvelope(bytes);
  pdfjsModule ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdfjs = await pdfjsModule;
  const task = pdfjs.getDocument({
    // pdf.js may detach the buffer it is given; the caller keeps theirs.
    data: bytes.slice(),
    // In Node pdf.js parses on this thread ("fake worker"); nothing is fetched or rendered.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    // Images carry no text; 0 makes pdf.js skip decoding them.
    maxImageSize: 0,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // Fonts that are not embedded (宋体 named with a predefined CMap such as UniGB-UCS2-H) cannot be
    // decoded without pdf.js's own CMap files.
    cMapUrl: bundledCMaps(),
    cMapPacked: true,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadTimeout()), MAX_PDF_READ_MS);
  });
  timeout.catch(() => {}); // rejected while no read is waiting on it: nothing to report
  // Every call into pdf.js runs against the clock; its failures say what was wrong with the file.
  const call = <T>(work: Promise<T>, page: number) =>
    Promise.race([work, timeout]).catch((error: unknown) => {
      throw refusal(error, page);
    });
  try {
    const doc = await call(task.promise, 1);
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new ParseError(
        "too-large",
        pageLoc(1, 1),
        null,
        null,
        "",
        `PDF 共 ${doc.numPages} 页，超过上限 ${MAX_PDF_PAGES} 页，不是一份履职事项清单`,
      );
    }
    const pages: PageLayout[] = [];
    let items = 0;
    let chars = 0;
    let unmapped = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await call(doc.getPage(n), n);
      // Unnormalised, the runs hold exactly the characters of the drawn glyphs (see spacedEnds).
      const text = await call(page.getTextContent({ disableNormalization: true }), n);
      items += text.items.length;
      if (items > MAX_PDF_TEXT_ITEMS) {
        throw new ParseError(
          "too-large",
          pageLoc(1, n),
          null,
          null,
          "",
          `PDF 的文字块超过上限 ${MAX_PDF_TEXT_ITEMS} 个，不是一份履职事项清单`,
        );
      }
      const viewport = page.getViewport({ scale: 1 });
      let visible = 0;
      for (const item of text.items) {
        if (!("str" in item)) continue;
        const glyphs = item.str.replace(/\s+/gu, "");
        visible += glyphs.length;
        unmapped += glyphs.match(UNMAPPED)?.length ?? 0;
      }
      chars += visible;
      // A page without text needs no borders: skipping it spares scanned pages their images.
      const ops = visible > 0 ? await call(page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }), n) : null;
      const view = viewport.transform as Matrix;
      const spaced = ops ? spacedEnds(text.items, ops.fnArray, ops.argsArray, pdfjs.OPS.showText) : [];
      const pieces = piecesOf(text.items, spaced, view, pdfjs.normalizeUnicode);
      const rules = ops ? rulesOf(ops.fnArray, ops.argsArray, view, pdfjs.OPS) : { across: [], down: [] };
      pages.push(layoutPage(n, viewport.height, pieces, rules));
      page.cleanup();
    }
    if (unmapped > chars / 2) {
      throw new ParseError(
        "unsupported-format",
        pageLoc(1, 1),
        null,
        null,
        "",
        "PDF 的文字层无法识别（字体没有文字编码，提取出来是乱码）；请提供 Word/Excel 原件",
      );
    }
    const blocks = assemble(pages);
    if (blocks.length === 0) throw new ParseError("unsupported-format", pageLoc(1, 1), null, null, "", SCANNED);
    return blocks;
  } finally {
    clearTimeout(timer);
    await task.destroy();
  }
}

class ReadTimeout extends Error {}

function pageLoc(line: number, page: number): Location {
  return { line, at: `第 ${page} 页` };
}

/** Refuses what is plainly not a whole PDF before pdf.js, which repairs quietly, sees it. */
function checkEnvelope(bytes: Uint8Array): void {
  if (bytes.length > MAX_PDF_BYTES) {
    throw new ParseError(
      "too-large",
      pageLoc(1, 1),
      null,
      null,
      "",
      `文件过大（${bytes.length} 字节，上限 ${MAX_PDF_BYTES} 字节），不是一份履职事项清单`,
    );
  }
  const latin = (from: number, to: number) => new TextDecoder("latin1").decode(bytes.subarray(from, to));
  if (!latin(0, 1024).includes("%PDF-")) {
    throw new ParseError("bad-file", pageLoc(1, 1), null, null, "", "不是 PDF 文件（开头没有 %PDF 标记），文件可能已损坏");
  }
  // pdf.js rebuilds a cut file from whatever objects survive and would read part of it without a
  // word; a PDF ends with %%EOF, so a file without one near its end was cut short.
  if (!latin(Math.max(0, bytes.length - 4096), bytes.length).includes("%%EOF")) {
    throw new ParseError("bad-file", pageLoc(1, 1), null, null, "", "PDF 文件不完整（缺少结尾标记 %%EOF），可能下载或复制时被截断");
  }
}

/** What a pdf.js failure means for the reader of the file. */
function refusal(error: unknown, page: number): ParseError {
  if (error instanceof ReadTimeout) {
    return new ParseError(
      "too-large",
      pageLoc(1, page),
      null,
      null,
      "",
      `PDF 读取超过 ${MAX_PDF_READ_MS / 1000} 秒仍未完成，文件过于复杂或已损坏`,
    );
  }
  if (error instanceof Error && error.name === "PasswordException") {
    return new ParseError(
      "unsupported-format",
      pageLoc(1, 1),
      null,
      null,
      "",
      "PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件或 Word/Excel 原件",
    );
  }
  return new ParseError("bad-file", pageLoc(1, page), null, null, "", "PDF 文件已损坏，无法读取");
}

/** Where pdf.js keeps its CMap files, in Node; elsewhere the caller's bundler has no such path. */
function bundledCMaps(): string | undefined {
  const mod = globalThis.process?.getBuiltinModule?.("module");
  if (!mod) return undefined;
  return mod
    .createRequire(import.meta.url)
    .resolve("pdfjs-dist/package.json")
    .replace(/package\.json$/u, "cmaps/");
}

// ---------------------------------------------------------------------------------------------
// Text and borders of one page

function multiply(a: Matrix, b: readonly number[]): Matrix {
  const [b0 = 1, b1 = 0, b2 = 0, b3 = 1, b4 = 0, b5 = 0] = b;
  return [
    a[0] * b0 + a[2] * b1,
    a[1] * b0 + a[3] * b1,
    a[0] * b2 + a[2] * b3,
    a[1] * b2 + a[3] * b3,
    a[0] * b4 + a[2] * b5 + a[4],
    a[1] * b4 + a[3] * b5 + a[5],
  ];
}

/** pdf.js text runs as boxes on the page as displayed (rotation applied, y downwards). */
function piecesOf(items: TextContentItem[], spaced: boolean[], view: Matrix, normalize: (text: string) => string): Piece[] {
  const pieces: Piece[] = [];
  for (const [i, item] of items.entries()) {
    if (!("str" in item)) continue;
    const text = normalize(item.str)
      .replace(/\s/gu, " ")
      .replace(/\p{Cc}/gu, "")
      .replace(LOOKALIKE_IDEOGRAPHS, (ch) => ch.normalize("NFKC"));
    if (!text.trim()) continue;
    const m = multiply(view, item.transform);
    const size = Math.hypot(m[2], m[3]);
    const scale = Math.hypot(m[0], m[1]);
    if (!(size > 0) || !(scale > 0) || !Number.isFinite(m[4] + m[5])) continue;
    // The run's box: along its direction for its width, from just below the baseline to the top.
    const along = [(m[0] / scale) * item.width, (m[1] / scale) * item.width] as const;
    const xs: number[] = [];
    const ys: number[] = [];
    for (const t of [0, 1]) {
      for (const u of [-0.2, 0.85]) {
        xs.push(m[4] + t * along[0] + u * m[2]);
        ys.push(m[5] + t * along[1] + u * m[3]);
      }
    }
    pieces.push({
      text,
      spaced: !!spaced[i],
      x0: Math.min(...xs),
      x1: Math.max(...xs),
      top: Math.min(...ys),
      bottom: Math.max(...ys),
      size,
    });
  }
  return pieces;
}

/**
 * Which text runs end in a space glyph. pdf.js leaves space glyphs out of its runs and puts spaces
 * back from the gaps between glyphs, so a space that ends a line — where the line wrapped between
 * two words, or between 「方案。」 and a department name that stands apart — is lost; the drawing
 * operators still have it. Runs and glyphs hold the same characters in the same order, except
 * glyphs pdf.js leaves out of the runs (off the page, invisible marks): the walk skips those.
 */
function spacedEnds(items: TextContentItem[], fns: number[], args: unknown[][], showText: number): boolean[] {
  const drawn: string[] = [];
  const spaceAfter: boolean[] = [];
  for (const [i, fn] of fns.entries()) {
    if (fn !== showText) continue;
    for (const glyph of (args[i]?.[0] as unknown[] | undefined) ?? []) {
      // Numbers between glyphs are spacing adjustments.
      const unicode = typeof glyph === "object" && glyph !== null ? (glyph as { unicode?: unknown }).unicode : undefined;
      if (typeof unicode !== "string") continue;
      for (const ch of unicode) {
        if (!/\s/u.test(ch)) {
          drawn.push(ch);
          spaceAfter.push(false);
        } else if (spaceAfter.length > 0) spaceAfter[spaceAfter.length - 1] = true;
      }
    }
  }
  let at = 0;
  return items.map((item) => {
    if (!("str" in item)) return false;
    let last = -1;
    for (const ch of item.str) {
      if (/\s/u.test(ch)) continue;
      const limit = Math.min(drawn.length, at + SPACE_LOOKAHEAD);
      let k = at;
      while (k < limit && drawn[k] !== ch) k++;
      if (k === limit) continue; // not among the next glyphs: keep the place
      last = k;
      at = k + 1;
    }
    return last >= 0 && !!spaceAfter[last];
  });
}

/**
 * The axis-aligned borders drawn on a page: stroked straight edges, and filled rectangles thin
 * enough to be bars. Follows the transformation matrix through save/restore and form XObjects.
 */
function rulesOf(fns: number[], args: unknown[][], view: Matrix, OPS: Pdfjs["OPS"]): { across: Rule[]; down: Rule[] } {
  const across: Rule[] = [];
  const down: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm = view;
  const strokes = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const fills = new Set<number>([OPS.fill, OPS.eoFill]);
  const edge = (ax: number, ay: number, bx: number, by: number) => {
    if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) >= 1)
      across.push({ at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    else if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) >= 1)
      down.push({ at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
  };
  fns.forEach((fn, i) => {
    const arg = args[i] ?? [];
    if (fn === OPS.save || fn === OPS.beginGroup) stack.push(ctm);
    else if (fn === OPS.restore || fn === OPS.endGroup || fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, arg as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      // A group's matrix comes again with the form that follows it; it applies once.
      if (arg[0]) ctm = multiply(ctm, Array.from(arg[0] as ArrayLike<number>));
    } else if (fn === OPS.constructPath) {
      const paint = arg[0] as number;
      const data = (arg[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
      if (!data || !(strokes.has(paint) || fills.has(paint))) return;
      for (const points of subpaths(data, ctm)) {
        if (strokes.has(paint)) {
          for (let k = 2; k < points.length; k += 2) edge(points[k - 2]!, points[k - 1]!, points[k]!, points[k + 1]!);
        } else {
          bar(points, across, down);
        }
      }
    }
  });
  return { across, down };
}

/** The straight runs of a pdf.js path (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4) as flat x,y lists on the page. */
function subpaths(data: ArrayLike<number>, ctm: Matrix): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  const at = (x: number, y: number) => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  const start = (x: number, y: number) => {
    if (current.length > 2) out.push(current);
    current = at(x, y);
  };
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === 0) start(data[i++]!, data[i++]!);
    else if (op === 1) current.push(...at(data[i++]!, data[i++]!));
    else if (op === 2 || op === 3) {
      // A curve is no border: its straight neighbours are kept apart.
      i += op === 2 ? 4 : 2;
      start(data[i++]!, data[i++]!);
    } else if (op === 4) {
      if (current.length >= 2) current.push(current[0]!, current[1]!);
    } else break;
  }
  if (current.length > 2) out.push(current);
  return out;
}

/** A filled subpath that is a rectangle thin in one direction: a border bar along the other. */
function bar(points: number[], across: Rule[], down: Rule[]): void {
  const xs = points.filter((_, k) => k % 2 === 0);
  const ys = points.filter((_, k) => k % 2 === 1);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const cornersOnly = xs.every(
    (x, k) => (Math.abs(x - x0) < 0.5 || Math.abs(x - x1) < 0.5) && (Math.abs(ys[k]! - y0) < 0.5 || Math.abs(ys[k]! - y1) < 0.5),
  );
  if (!cornersOnly || xs.length > 6) return;
  const [w, h] = [x1 - x0, y1 - y0];
  if (w <= MAX_BAR && h > w && h >= 1) down.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
  else if (h <= MAX_BAR && w > h && w >= 1) across.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
}

/** Joins pieces of one border: positions within SNAP, extents that touch or overlap. */
function mergeRules(rules: Rule[]): Rule[] {
  const sorted = [...rules].sort((a, b) => a.at - b.at);
  const groups: Rule[][] = [];
  for (const rule of sorted) {
    const group = groups[groups.length - 1];
    if (group && rule.at - group[0]!.at <= SNAP) group.push(rule);
    else groups.push([rule]);
  }
  const out: Rule[] = [];
  for (const group of groups) {
    const at = group.reduce((sum, r) => sum + r.at, 0) / group.length;
    const spans = group.sort((a, b) => a.from - b.from);
    let run = { at, from: spans[0]!.from, to: spans[0]!.to };
    for (const r of spans.slice(1)) {
      if (r.from <= run.to + SNAP) run.to = Math.max(run.to, r.to);
      else {
        out.push(run);
        run = { at, from: r.from, to: r.to };
      }
    }
    out.push(run);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grids: tables found by their borders

interface Grid {
  xs: number[];
  ys: number[];
  across: Rule[];
  down: Rule[];
}

/** Groups borders that meet into grids of at least two columns and one row. */
function findGrids(acrossAll: Rule[], downAll: Rule[]): Grid[] {
  const across = mergeRules(acrossAll);
  const down = mergeRules(downAll);
  if (across.length + down.length > MAX_PDF_BORDERS_PER_PAGE) return [];
  const sets = disjointSets(across.length + down.length);
  for (const [i, h] of across.entries()) {
    for (const [j, v] of down.entries()) {
      if (v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP) sets.union(i, across.length + j);
    }
  }
  // Side by side and of one height, verticals belong together even with no border across them:
  // the middle part of a row that runs over three pages.
  for (const [i, a] of down.entries()) {
    for (const [j, b] of down.entries()) {
      if (j > i && Math.abs(a.from - b.from) <= SNAP && Math.abs(a.to - b.to) <= SNAP) sets.union(across.length + i, across.length + j);
    }
  }
  const components = new Map<number, { across: Rule[]; down: Rule[] }>();
  const part = (i: number) => {
    const key = sets.find(i);
    const known = components.get(key);
    if (known) return known;
    const created = { across: [], down: [] };
    components.set(key, created);
    return created;
  };
  for (const [i, r] of across.entries()) part(i).across.push(r);
  for (const [j, r] of down.entries()) part(across.length + j).down.push(r);
  const grids: Grid[] = [];
  for (const c of components.values()) {
    if (c.down.length === 0) continue;
    const xs = bands([...c.down.map((r) => r.at)], Math.min(...c.across.map((r) => r.from)), Math.max(...c.across.map((r) => r.to)));
    const ys = bands([...c.across.map((r) => r.at)], Math.min(...c.down.map((r) => r.from)), Math.max(...c.down.map((r) => r.to)));
    if (xs.length >= 3 && ys.length >= 2) grids.push({ xs, ys, across: c.across, down: c.down });
  }
  return grids;
}

/** Disjoint sets over 0..n-1: the borders that meet, the cells that are one merged cell. */
function disjointSets(n: number): { find: (i: number) => number; union: (a: number, b: number) => void } {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    for (let k = i; parent[k] !== root; ) {
      const next = parent[k]!;
      parent[k] = root;
      k = next;
    }
    return root;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  return { find, union };
}

/** Boundaries from border positions, widened to the far ends of the crossing borders where those reach beyond. */
function bands(positions: number[], low: number, high: number): number[] {
  const out: number[] = [];
  for (const p of [...positions].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last === undefined || p - last >= MIN_BAND) out.push(p);
  }
  if (Number.isFinite(low) && (out.length === 0 || low < out[0]! - MIN_BAND)) out.unshift(low);
  if (Number.isFinite(high) && high > (out[out.length - 1] ?? Infinity) + MIN_BAND) out.push(high);
  return out;
}

/** True when a border lies at `at` over most of from..to. */
function covered(rules: Rule[], at: number, from: number, to: number): boolean {
  return rules.some((r) => Math.abs(r.at - at) <= MIN_BAND && Math.min(r.to, to) - Math.max(r.from, from) >= 0.5 * (to - from));
}

/** Index of the band of `bounds` that holds v (bounds sorted), or -1 outside. */
function bandOf(bounds: number[], v: number): number {
  if (v < bounds[0]! - SNAP || v > bounds[bounds.length - 1]! + SNAP) return -1;
  let i = 0;
  while (i < bounds.length - 2 && v >= bounds[i + 1]!) i++;
  return i;
}

/** Where a piece belongs: the middle of its first character, so text running over a border stays in its cell. */
function anchorOf(p: Piece): [number, number] {
  return [p.x0 + Math.min(p.size, p.x1 - p.x0) / 2, (p.top + p.bottom) / 2];
}

/** The rows of a grid: merged cells found by their missing borders, text gathered per cell. */
/** A grid's cells: merged cells found by their missing borders, and the lines of text in each. */
interface GridCells {
  grid: Grid;
  /** The merged cell that the cell at row r, column c belongs to: region(r * columns + c). */
  region: (cell: number) => number;
  lines: Map<number, Line[]>;
}

function gridCells(grid: Grid, pieces: Piece[]): GridCells {
  const { xs, ys } = grid;
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const { find, union } = disjointSets(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c > 0 && !covered(grid.down, xs[c]!, ys[r]!, ys[r + 1]!)) union(r * cols + c, r * cols + c - 1);
      if (r > 0 && !covered(grid.across, ys[r]!, xs[c]!, xs[c + 1]!)) union(r * cols + c, (r - 1) * cols + c);
    }
  }
  const inRegion = new Map<number, Piece[]>();
  for (const p of pieces) {
    const [x, y] = anchorOf(p);
    const key = find(bandOf(ys, y) * cols + bandOf(xs, x));
    const list = inRegion.get(key);
    if (list) list.push(p);
    else inRegion.set(key, [p]);
  }
  return { grid, region: find, lines: new Map([...inRegion].map(([key, ps]) => [key, linesOf(ps)])) };
}

/** The rows of a grid's part on a page, each merged cell's text in its first cell. */
function gridFragment({ grid, region: find, lines }: GridCells, page: number, pitch: number | null): Fragment {
  const { xs, ys } = grid;
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const texts = new Map([...lines].map(([key, ls]) => [key, cellText(ls, pitch)]));
  const tails = new Map([...lines].map(([key, ls]) => [key, tailOf(ls, xs)]));
  const seen = new Map<number, { row: number; col: number }>();
  const out: FragmentRow[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: Cell[] = [];
    const rowTails: (string | null)[] = [];
    for (let c = 0; c < cols; c++) {
      const key = find(r * cols + c);
      const first = seen.get(key);
      const text = texts.get(key) ?? "";
      rowTails.push(tails.get(key) ?? null);
      if (!first) {
        seen.set(key, { row: r, col: c });
        cells.push({ text });
      } else if (first.row < r && first.col === c && text) {
        cells.push({ text, fromAbove: true });
      } else {
        cells.push({ text: "" });
      }
    }
    out.push({ cells, page, tails: rowTails });
  }
  // Bands without text (the gap of a double border, blank ruled rows under the table) are no rows.
  const kept = out.map((row, r) => ({ row, r })).filter(({ row }) => row.cells.some((cell) => cell.text && !cell.fromAbove));
  const firstBand = kept[0]?.r ?? 0;
  const lastBand = kept[kept.length - 1]?.r ?? rows - 1;
  const open = (y: number) => Array.from({ length: cols }, (_, c) => !covered(grid.across, y, xs[c]!, xs[c + 1]!));
  return { page, columns: xs, rows: kept.map(({ row }) => row), openTop: open(ys[firstBand]!), openBottom: open(ys[lastBand + 1]!) };
}

// ---------------------------------------------------------------------------------------------
// Lines and cell text

/** Pieces grouped into visual lines, top to bottom. */
function linesOf(pieces: Piece[]): Line[] {
  const middle = (p: { top: number; bottom: number }) => (p.top + p.bottom) / 2;
  const sorted = [...pieces].sort((a, b) => middle(a) - middle(b) || a.x0 - b.x0);
  const groups: Piece[][] = [];
  for (const p of sorted) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (group && last && Math.abs(middle(p) - middle(last)) < 0.5 * Math.max(p.size, last.size)) group.push(p);
    else groups.push([p]);
  }
  return groups.map((group) => {
    const ps = group.sort((a, b) => a.x0 - b.x0);
    let text = "";
    ps.forEach((p, i) => {
      const prev = ps[i - 1];
      // pdf.js drops the spaces it measured as gaps; put one back between Latin words.
      if (prev && p.x0 - prev.x1 > 0.25 * p.size) text += joiner(text, p.text);
      text += p.text;
    });
    return {
      pieces: ps,
      text: text.replace(/\s+/gu, " ").trim(),
      spaced: ps[ps.length - 1]!.spaced,
      x0: Math.min(...ps.map((p) => p.x0)),
      x1: Math.max(...ps.map((p) => p.x1)),
      top: Math.min(...ps.map((p) => p.top)),
      bottom: Math.max(...ps.map((p) => p.bottom)),
      size: Math.max(...ps.map((p) => p.size)),
    };
  });
}

/** "" between CJK text, " " between Latin words: what goes where a line wrapped or a gap was. */
function joiner(before: string, after: string): string {
  const a = before.trimEnd().slice(-1);
  const b = after.trimStart().charAt(0);
  return !a || !b || NO_SPACE.test(a) || NO_SPACE.test(b) ? "" : " ";
}

/** What goes between two lines of one cell or paragraph: see the file comment. */
function lineBreak(prev: Line, next: Line, right: number, pitch: number | null): string {
  if (STEP.test(next.text)) return "\n";
  if (pitch && next.bottom - prev.bottom > (pitch * PARAGRAPH_PITCH + 0.1) * prev.size) return "\n";
  if (prev.spaced) return " ";
  return prev.x1 < right - 2 * prev.size && !KEPT_TOGETHER.test(next.text) ? "\n" : joiner(prev.text, next.text);
}

/** A cell's text: its lines joined, paragraph and step breaks kept as "\n". */
function cellText(lines: Line[], pitch: number | null): string {
  const right = Math.max(...lines.map((l) => l.x1));
  return lines.map((line, i) => (i > 0 ? lineBreak(lines[i - 1]!, line, right, pitch) : "") + line.text).join("");
}

/**
 * How a cell's last line on a page ends, for joining it to the rest of the cell on the next page:
 * in a space, short of the cell's right border (a paragraph ended there), or full.
 */
function tailOf(lines: Line[], borders: number[]): string | null {
  const last = lines[lines.length - 1];
  if (!last) return null;
  if (last.spaced) return " ";
  const widest = Math.max(...lines.map((l) => l.x1));
  const border = borders.find((x) => x >= widest - SNAP) ?? widest;
  return last.x1 < Math.max(widest, border - 1.5 * last.size) - 2 * last.size ? "\n" : null;
}

/**
 * The usual distance from one line to the next on a page, in font sizes: the most common one
 * between lines of one size in one cell or paragraph, which are mostly lines wrapped. Null when
 * the page has too few such lines to tell.
 */
function usualPitch(blocks: Line[][]): number | null {
  const counts = new Map<number, number>();
  for (const lines of blocks) {
    lines.forEach((line, i) => {
      const prev = lines[i - 1];
      if (!prev || Math.abs(prev.size - line.size) > 0.1 * prev.size) return;
      const ratio = Math.round(((line.bottom - prev.bottom) / prev.size) * 20) / 20;
      counts.set(ratio, (counts.get(ratio) ?? 0) + 1);
    });
  }
  let best: [number, number] | null = null;
  for (const [ratio, count] of counts) if (!best || count > best[1]) best = [ratio, count];
  return best && best[1] >= 3 ? best[0] : null;
}

// ---------------------------------------------------------------------------------------------
// Tables without borders

/**
 * Finds borderless tables among a page's lines: a line of at least three runs set well apart is
 * a header; the lines below belong to the table while blank channels stay open between its
 * columns. A new row starts where the first column has text again.
 */
function borderlessTables(
  lines: Line[],
  page: number,
  pitch: number | null,
): { tables: { fragment: Fragment; top: number; right: number }[]; rest: Line[] } {
  const tables: { fragment: Fragment; top: number; right: number }[] = [];
  const rest: Line[] = [];
  let i = 0;
  while (i < lines.length) {
    const head = lines[i]!;
    let channels = gapsOf(head);
    let j = i + 1;
    while (channels.length >= 2 && j < lines.length) {
      const line = lines[j]!;
      if (line.top - lines[j - 1]!.bottom > 2.5 * head.size) break;
      const narrowed = narrow(channels, line.pieces, 0.3 * head.size);
      if (!narrowed) break;
      channels = narrowed;
      j++;
    }
    if (channels.length < 2 || j - i < 2) {
      rest.push(head);
      i++;
      continue;
    }
    const body = lines.slice(i, j);
    const x0 = Math.min(...body.map((l) => l.x0));
    const x1 = Math.max(...body.map((l) => l.x1));
    const columns = [x0 - 1, ...channels.map(([a, b]) => (a + b) / 2), x1 + 1];
    const groups: Piece[][][] = [];
    for (const line of body) {
      const cells: Piece[][] = channels.map(() => []).concat([[]]);
      for (const p of line.pieces) cells[Math.max(0, bandOf(columns, anchorOf(p)[0]))]!.push(p);
      const current = groups[groups.length - 1];
      if (!current || (cells[0]!.length > 0 && current[0]!.length > 0)) groups.push(cells);
      else {
        for (const [c, ps] of cells.entries()) current[c]!.push(...ps);
      }
    }
    const rows = groups.map((cells) => ({
      cells: cells.map((ps) => ({ text: ps.length ? cellText(linesOf(ps), pitch) : "" })),
      page,
      tails: cells.map(() => null),
    }));
    const closed = columns.slice(1).map(() => false);
    tables.push({ fragment: { page, columns, rows, openTop: closed, openBottom: closed }, top: head.top, right: x1 });
    i = j;
  }
  return { tables, rest };
}

/** The gaps of at least 1.2 em between the runs of a line, as [from, to]. */
function gapsOf(line: Line): [number, number][] {
  const gaps: [number, number][] = [];
  line.pieces.forEach((p, k) => {
    const prev = line.pieces[k - 1];
    if (prev && p.x0 - prev.x1 >= 1.2 * line.size) gaps.push([prev.x1, p.x0]);
  });
  return gaps;
}

/** Channels left open by a line's runs (each keeps its wider side), or null when one closes. */
function narrow(channels: [number, number][], pieces: Piece[], min: number): [number, number][] | null {
  const out: [number, number][] = [];
  for (let [a, b] of channels) {
    for (const p of pieces) {
      if (p.x1 <= a || p.x0 >= b) continue;
      [a, b] = p.x0 - a >= b - p.x1 ? [a, p.x0] : [p.x1, b];
    }
    if (b - a < min) return null;
    out.push([a, b]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pages

function layoutPage(number: number, height: number, pieces: Piece[], rules: { across: Rule[]; down: Rule[] }): PageLayout {
  const grids = findGrids(rules.across, rules.down);
  const inGrid = grids.map(() => [] as Piece[]);
  const free: Piece[] = [];
  for (const p of pieces) {
    const [x, y] = anchorOf(p);
    const g = grids.findIndex((grid) => bandOf(grid.xs, x) >= 0 && bandOf(grid.ys, y) >= 0);
    if (g >= 0) inGrid[g]!.push(p);
    else free.push(p);
  }
  // A frame or a drawing with no text in it is not a table.
  const cells = grids.flatMap((grid, g) => (inGrid[g]!.length > 0 ? [gridCells(grid, inGrid[g]!)] : []));
  const freeLines = linesOf(free);
  const pitch = usualPitch([freeLines, ...cells.flatMap((c) => [...c.lines.values()])]);
  const elements: Element[] = [];
  for (const c of cells) {
    elements.push({ kind: "table", fragment: gridFragment(c, number, pitch), top: c.grid.ys[0]!, right: c.grid.xs[c.grid.xs.length - 1]! });
  }
  const { tables, rest } = borderlessTables(freeLines, number, pitch);
  for (const t of tables) elements.push({ kind: "table", ...t });
  for (const line of rest) elements.push({ kind: "line", line, top: line.top });
  elements.sort((a, b) => a.top - b.top);
  return { number, height, elements };
}

/** What is left of a line once page numbers are taken out. */
function withoutPageNumbers(text: string): string {
  return PAGE_NUMBERS.reduce((t, pattern) => t.replace(pattern, ""), text).replace(/\s+/gu, "");
}

/**
 * Drops page furniture from the top and bottom margins: page numbers in any of their forms, a lone
 * number, and a line that comes back on more than half of the pages (a running header or footer;
 * page numbers in it may differ).
 */
function dropFurniture(pages: PageLayout[]): void {
  const inMargin = (line: Line, page: PageLayout) => line.bottom < page.height * MARGIN_ZONE || line.top > page.height * (1 - MARGIN_ZONE);
  const seen = new Map<string, Set<number>>();
  for (const page of pages) {
    for (const e of page.elements) {
      if (e.kind !== "line" || !inMargin(e.line, page)) continue;
      const key = withoutPageNumbers(e.line.text);
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(page.number);
    }
  }
  for (const page of pages) {
    page.elements = page.elements.filter((e) => {
      if (e.kind !== "line") return true;
      if (!inMargin(e.line, page)) return true;
      const key = withoutPageNumbers(e.line.text);
      if (key === "" || /^[0-9０-９]{1,4}$/u.test(e.line.text)) return false;
      const repeats = seen.get(key)?.size ?? 0;
      return !(repeats >= 2 && repeats > pages.length / 2);
    });
  }
}

/** True when line b goes on the paragraph of line a: a reached the right edge and b follows closely, not indented, same size. */
function wraps(a: Line, b: Line, right: number): boolean {
  return (
    a.x1 >= right - 1.5 * a.size &&
    Math.abs(a.size - b.size) <= 0.15 * a.size &&
    b.top - a.bottom < a.size &&
    b.x0 <= a.x0 + a.size &&
    !STEP.test(b.text)
  );
}

// ---------------------------------------------------------------------------------------------
// The document

/** The table whose part ended the page before, which the next page may go on with. */
interface OpenTable {
  index: number;
  fragment: Fragment;
  header: Cell[] | undefined;
  last: RowBlock | undefined;
}

/**
 * The document's blocks in reading order. A table part that opens a page, right after a table part
 * that closed the page before, with the same columns, goes on with that table; a header row that
 * it repeats stays a row, as the reader of the printout sees it.
 */
function assemble(pages: PageLayout[]): Block[] {
  dropFurniture(pages);
  const blocks: Block[] = [];
  const loc = (page: number): Location => pageLoc(0, page);
  let tables = 0;
  let open = null as OpenTable | null;
  for (const page of pages) {
    const right = Math.max(...page.elements.map((e) => (e.kind === "line" ? e.line.x1 : e.right)));
    let paragraph: { block: TextBlock; last: Line } | null = null;
    for (const [k, e] of page.elements.entries()) {
      if (e.kind === "line") {
        if (paragraph && wraps(paragraph.last, e.line, right)) {
          paragraph.block.text += (paragraph.last.spaced ? " " : joiner(paragraph.block.text, e.line.text)) + e.line.text;
          paragraph.last = e.line;
        } else {
          paragraph = { block: { kind: "text", text: e.line.text, loc: loc(page.number) }, last: e.line };
          blocks.push(paragraph.block);
        }
        open = null;
        continue;
      }
      paragraph = null;
      const fragment = e.fragment;
      const goesOn: OpenTable | null =
        open && k === 0 && open.fragment.page === page.number - 1 && sameColumns(open, fragment) ? open : null;
      let rows = fragment.rows;
      if (goesOn?.last) {
        const repeated = !!goesOn.header && !!rows[0] && sameText(rows[0].cells, goesOn.header);
        const from = repeated ? 1 : 0;
        const first = rows[from];
        if (first && continues(goesOn, fragment, first, !repeated)) {
          joinRows(goesOn.last, first, goesOn.fragment.rows[goesOn.fragment.rows.length - 1]?.tails ?? []);
          rows = rows.filter((row) => row !== first);
        } else if (first) {
          runOn(goesOn.last, goesOn.fragment.openBottom, rows.slice(from));
        }
      }
      const index: number = goesOn ? goesOn.index : tables++;
      let last: RowBlock | undefined = goesOn?.last;
      for (const row of rows) {
        last = { kind: "row", cells: row.cells, loc: loc(row.page), table: index };
        blocks.push(last);
      }
      open = { index, fragment, header: goesOn ? goesOn.header : fragment.rows[0]?.cells, last };
    }
    // Text after the table on its page means the table ended there.
    if (page.elements[page.elements.length - 1]?.kind !== "table") open = null;
  }
  for (const [i, b] of blocks.entries()) b.loc.line = i + 1;
  return blocks;
}

function sameText(a: Cell[], b: Cell[]): boolean {
  const flat = (cells: Cell[]) => cells.map((c) => c.text.replace(/\s+/gu, "")).join("\t");
  return flat(a) === flat(b);
}

function sameColumns(open: OpenTable, fragment: Fragment): boolean {
  const a = open.fragment.columns;
  const b = fragment.columns;
  if (a.length !== b.length) return false;
  if (a.every((x, i) => Math.abs(x - b[i]!) <= SAME_COLUMN)) return true;
  // Shifted by a different page margin, the repeated header still says it is the same table.
  return !!open.header && !!fragment.rows[0] && sameText(fragment.rows[0].cells, open.header);
}

/**
 * Whether the first row of a page is the rest of the last row of the page before. The borders say
 * so when every column stays open across the break (as a browser prints a cut row). With closed
 * borders (a frame on each page) the rest of a cut row has an empty first cell and text in at most
 * half the columns the row had.
 */
function continues(open: OpenTable, fragment: Fragment, first: FragmentRow, atTop: boolean): boolean {
  const last = open.last!.cells;
  // A one-line first cell (序号) lands on one side of the break; two rows that both have one are
  // two rows, even where a table without an outer border leaves every column open.
  if (open.fragment.openBottom.every(Boolean) || (atTop && fragment.openTop.every(Boolean)))
    return !(first.cells[0]?.text && last[0]?.text);
  const filled = (cells: Cell[]) => cells.filter((c) => c.text).length;
  return !first.cells[0]?.text && !!last[0]?.text && !last[0].fromAbove && filled(first.cells) <= filled(last) / 2;
}

/**
 * Appends the rest of a cut row, cell by cell, to its part on the page before, joined as the lines
 * of a cell are: `tails` says how each cell's part ended there.
 */
function joinRows(last: RowBlock, rest: FragmentRow, tails: (string | null)[]): void {
  last.cells.forEach((cell, c) => {
    const more = rest.cells[c]?.text ?? "";
    if (!more) return;
    if (!cell.text || cell.fromAbove) last.cells[c] = { text: more };
    else if (STEP.test(more)) cell.text += `\n${more}`;
    else if (tails[c] === "\n" && KEPT_TOGETHER.test(more)) cell.text += joiner(cell.text, more) + more;
    else cell.text += (tails[c] ?? joiner(cell.text, more)) + more;
  });
}

/**
 * A column left open at the break while the others closed is a merged cell running on to this
 * page: the empty cells at the top of that column take its text, as the rows above it did.
 */
function runOn(last: RowBlock, openBelow: boolean[], rows: FragmentRow[]): void {
  openBelow.forEach((isOpen, c) => {
    const text = last.cells[c]?.text;
    if (!isOpen || !text) return;
    for (const row of rows) {
      const cell = row.cells[c];
      if (!cell || (cell.text && !cell.fromAbove)) break;
      row.cells[c] = { text, fromAbove: true };
    }
  });
}
