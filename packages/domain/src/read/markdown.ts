import type { Block, TextBlock } from "./blocks.ts";
import { ParseError } from "./parse-error.ts";

/*
 * A list pasted into a Markdown note: pipe tables, headings, paragraphs. Only what changes what a
 * person reads is taken out (the table syntax, #'s, ** and __); everything else is text as
 * written, including <…> that a renderer would show as text (乡<镇>村).
 *
 * Every pattern here is linear in the line: no regular expression that can backtrack over a long
 * run of spaces or markers, so a hostile line costs what its length costs.
 */

/** Table cells and paragraphs a note may hold; a list is about 1 500 cells. */
export const MAX_MARKDOWN_CELLS = 200_000;

const UNESCAPED_PIPE = /(?<!\\)\|/u;
const UNESCAPED_PIPES = /(?<!\\)\|/gu;
const LINE_BREAK_TAG = /<br\s*\/?>/giu;
const ALIGNMENT = /^:?-+:?$/u;
const HEADING_MARK = /^ {0,3}#{1,6}(?=[ \t]|$)/u;
const RULE_START = /^[-*_=]/u;
const RULE = /^(?:-{3,}|\*{3,}|_{3,}|={3,})$/u;
const STRONG_MARK = /\*\*|__/gu;

interface SourceLine {
  line: number;
  text: string;
}

/**
 * Markdown text → blocks. A run of lines holding an unescaped `|` is a table when one of its lines
 * starts with `|` or it has an alignment row (`|---|:--:|`); its rows become row blocks of one
 * table (the alignment row is skipped), and the next run is a new table. `#` headings become text
 * blocks; other non-empty lines become loose text blocks; rules and blank lines give nothing.
 * In cells `\|` is a pipe and `<br>` a line break; `**x**` and `__x__` lose their markers everywhere.
 * Throws ParseError("too-large") beyond MAX_MARKDOWN_CELLS cells and paragraphs.
 */
export function readMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  let pieces = 0;
  let tables = 0;
  let run: SourceLine[] = [];
  // Cells the lines of the run will give as table rows, so that a line of a million pipes is
  // refused before it is split.
  let runCells = 0;

  const count = (line: number, more: number) => {
    pieces += more;
    if (pieces > MAX_MARKDOWN_CELLS) throw tooLarge(line);
  };
  const paragraph = (line: number, body: string, loose: boolean) => {
    const plain = removeStrong(body);
    if (plain === "") return;
    count(line, 1);
    const block: TextBlock = { kind: "text", text: plain, loc: at(line) };
    if (loose) block.loose = true;
    blocks.push(block);
  };
  const endRun = () => {
    if (run.length === 0) return;
    const rows = run.map((l) => ({ line: l.line, cells: tableBody(l.text).split(UNESCAPED_PIPES).map(cellSource) }));
    const isTable = run.some((l) => l.text.trimStart().startsWith("|")) || rows.some((r) => isAlignmentRow(r.cells));
    if (isTable) {
      let used = false;
      for (const row of rows) {
        if (isAlignmentRow(row.cells)) continue;
        count(row.line, row.cells.length);
        blocks.push({ kind: "row", cells: row.cells.map((c) => ({ text: cellText(c) })), loc: at(row.line), table: tables });
        used = true;
      }
      if (used) tables++;
    } else {
      for (const l of run) paragraph(l.line, l.text.trim(), true);
    }
    run = [];
    runCells = 0;
  };
  const take = (source: string, line: number) => {
    const trimmed = source.trim();
    const heading = HEADING_MARK.exec(source);
    if (trimmed === "" || heading || isRule(trimmed)) {
      endRun();
      if (heading) paragraph(line, headingText(source.slice(heading[0].length)), false);
    } else if (UNESCAPED_PIPE.test(source)) {
      // A run is judged at its end; until then its lines are held.
      runCells += pipesIn(tableBody(source)) + 1;
      if (pieces + runCells > MAX_MARKDOWN_CELLS) throw tooLarge(line);
      run.push({ line, text: source });
    } else {
      endRun();
      paragraph(line, trimmed, true);
    }
  };

  const ends = /\r\n|\r|\n/gu;
  let from = 0;
  for (let line = 1; ; line++) {
    const end = ends.exec(text);
    take(text.slice(from, end ? end.index : text.length), line);
    if (!end) break;
    from = end.index + end[0].length;
  }
  endRun();
  return blocks;
}

function tooLarge(line: number): ParseError {
  return new ParseError("too-large", line, null, null, "", `单元格和段落超过 ${MAX_MARKDOWN_CELLS} 个，不是一份履职事项清单`);
}

function at(line: number) {
  return { line, at: String(line) };
}

/** A table line without its outer pipes, both optional: what lies between is split into cells. */
function tableBody(source: string): string {
  let body = source.trim();
  if (body.startsWith("|")) body = body.slice(1);
  if (body.endsWith("|") && !body.endsWith("\\|")) body = body.slice(0, -1);
  return body;
}

/** Unescaped pipes, counted without splitting, and only as far as the cap. */
function pipesIn(body: string): number {
  let pipes = 0;
  for (let i = body.indexOf("|"); i >= 0 && pipes <= MAX_MARKDOWN_CELLS; i = body.indexOf("|", i + 1)) if (body[i - 1] !== "\\") pipes++;
  return pipes;
}

/** A cell as written, `\|` read as a pipe. */
function cellSource(cell: string): string {
  return cell.replaceAll("\\|", "|").trim();
}

/** A thematic break or a setext underline (--- *** ___ ===, spaces allowed): a drawn line, not text. */
function isRule(trimmed: string): boolean {
  return RULE_START.test(trimmed) && RULE.test(trimmed.replace(/[ \t]/gu, ""));
}

function isAlignmentRow(cells: string[]): boolean {
  return cells.every((c) => ALIGNMENT.test(c));
}

function cellText(cell: string): string {
  return removeStrong(cell.replace(LINE_BREAK_TAG, "\n"))
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
}

/** A heading's text: without the closing #'s, which count only after a space. */
function headingText(rest: string): string {
  const body = rest.trim();
  let cut = body.length;
  while (cut > 0 && body[cut - 1] === "#") cut--;
  if (cut === 0) return "";
  if (cut < body.length && (body[cut - 1] === " " || body[cut - 1] === "\t")) return body.slice(0, cut).trim();
  return body;
}

/**
 * `**x**` and `__x__` without their markers. An opening marker is followed by a non-space, a
 * closing one follows a non-space and something lies between them; `__` also must not touch a
 * letter or digit on its outer side, so 填写__年__月 (blanks to fill in) stays as written.
 * Markers are paired left to right in one pass.
 */
function removeStrong(text: string): string {
  if (!text.includes("**") && !text.includes("__")) return text;
  const open = new Map<string, number>();
  const cuts: number[] = [];
  for (const m of text.matchAll(STRONG_MARK)) {
    const mark = m[0];
    const i = m.index;
    const before = text[i - 1];
    const after = text[i + 2];
    const wordBefore = mark === "__" && before !== undefined && /[\p{L}\p{N}]/u.test(before);
    const wordAfter = mark === "__" && after !== undefined && /[\p{L}\p{N}]/u.test(after);
    const opener = open.get(mark);
    if (opener !== undefined && i > opener + 2 && before !== undefined && !/\s/u.test(before) && !wordAfter) {
      cuts.push(opener, i);
      open.delete(mark);
    } else if (opener === undefined && after !== undefined && !/\s/u.test(after) && !wordBefore) {
      open.set(mark, i);
    }
  }
  if (cuts.length === 0) return text;
  cuts.sort((a, b) => a - b);
  let out = "";
  let from = 0;
  for (const cut of cuts) {
    out += text.slice(from, cut);
    from = cut + 2;
  }
  return out + text.slice(from);
}
