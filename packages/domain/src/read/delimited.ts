import type { Block } from "./blocks.ts";
import { ParseError } from "./parse-error.ts";

/*
 * CSV as Excel saves it ("CSV UTF-8", or GB18030 from a Chinese Excel), Excel's "Unicode 文本"
 * (tab-separated, UTF-16) and the repository's own tab-separated text, which is the same layout
 * without quoting. Quoting follows Excel, not RFC 4180's strict form: only a field that *begins*
 * with a quote is quoted, so the seed's cells (<ol style="list-style-type: none">) keep their
 * quotes as text, and a quoted field ends only at a quote followed by the separator, a line end
 * or the end of the text — a lone quote inside stays text, as Excel reads it.
 *
 * One pass over the text, each character looked at once: a 30 MB field costs what 30 MB of
 * small fields cost.
 */

/**
 * Fields (and one-field lines) a file may hold. A list is about 1 500 cells; this leaves room for
 * a whole county's lists in one file and stops a file of bare separators from filling memory.
 */
export const MAX_DELIMITED_CELLS = 200_000;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Code units per String.fromCharCode call, well below any engine's argument limit. */
const CHUNK = 8192;

/**
 * A delimited text file → blocks: a record with at least one separator is a row (every field,
 * trailing empty ones included), a record without one is a loose text block (a title sits alone
 * in its line or cell), an empty record is nothing. Rows after a text block start a new table;
 * blank lines do not, since the seed leaves them between the pages of one list.
 * `line` is the line where the record starts (a quoted field may run over several lines).
 * A quote that no later quote closes is text, as Excel reads it. Throws ParseError for files of
 * more than MAX_DELIMITED_CELLS fields.
 */
export function readDelimited(text: string, separator: "," | "\t"): Block[] {
  const sep = separator.charCodeAt(0);
  const n = text.length;
  const blocks: Block[] = [];
  let pos = 0;
  let line = 1;
  // Excel writes "sep=," on a first line of its own to name the separator; it is not content.
  if (text.startsWith(`sep=${separator}`) && isLineEnd(text, 4 + separator.length)) {
    pos = skipLineEnd(text, 4 + separator.length);
    line = 2;
  }
  const lastCloser = lastClosingQuote(text, sep);
  let cells = 0;
  let table = 0;
  let rowSeen = false;
  let textSinceRow = false;

  while (pos < n) {
    const first = text.charCodeAt(pos);
    if (first === LF || first === CR) {
      // An empty line, taken without building a record: a file of line breaks costs no more than its length.
      pos = skipLineEnd(text, pos);
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      if (++cells > MAX_DELIMITED_CELLS) {
        throw new ParseError("too-large", start, null, null, "", `单元格超过 ${MAX_DELIMITED_CELLS} 个，不是一份履职事项清单`);
      }
      let end: number;
      const field = text.charCodeAt(pos) === QUOTE && pos < lastCloser ? quotedField(text, pos, sep, line) : null;
      if (field) {
        fields.push(field.text);
        line = field.line;
        end = field.end;
      } else {
        // Unquoted, or a quote that nothing closes: Excel reads that quote as text, not as the rest of the file.
        end = pos;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === sep || c === LF || c === CR) break;
          end++;
        }
        fields.push(text.slice(pos, end));
      }
      pos = end + 1;
      if (end >= n || text.charCodeAt(end) !== sep) break;
    }
    if (pos <= n && text.charCodeAt(pos - 1) === CR && text.charCodeAt(pos) === LF) pos++;
    if (pos <= n) line++;

    const loc = { line: start, at: String(start) };
    if (fields.length === 1) {
      // Spaces alone or an empty quoted field make no block, and give back their count.
      const only = fields[0]!;
      if (only.trim() === "") {
        cells--;
        continue;
      }
      blocks.push({ kind: "text", text: only, loc, loose: true });
      textSinceRow = true;
    } else {
      if (rowSeen && textSinceRow) table++;
      blocks.push({ kind: "row", cells: fields.map((f) => ({ text: f })), loc, table });
      rowSeen = true;
      textSinceRow = false;
    }
  }
  return blocks;
}

/**
 * The quoted field opening at `open`: its text ("" → ", line breaks → "\n"), the index just after
 * its closing quote, and the line that index is on. The field's end is found first, then its
 * text is cut out once (and unescaped in one more pass), so a long field is never rebuilt piece
 * by piece.
 */
function quotedField(text: string, open: number, sep: number, startLine: number): { text: string; end: number; line: number } | null {
  const n = text.length;
  let line = startLine;
  let doubled = false;
  let carriageReturn = false;
  for (let i = open + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // The end of the text closes a field as a line end does.
      const next = i + 1 < n ? text.charCodeAt(i + 1) : LF;
      if (next === QUOTE) {
        doubled = true;
        i++;
      } else if (next === sep || next === LF || next === CR) {
        const body = text.slice(open + 1, i);
        return { text: doubled || carriageReturn ? unescapeField(body) : body, end: i + 1, line };
      }
    } else if (c === LF) {
      line++;
    } else if (c === CR) {
      carriageReturn = true;
      if (text.charCodeAt(i + 1) !== LF) line++;
    }
  }
  return null;
}

/**
 * The last quote that could close a quoted field (followed by a separator, a line end or the end),
 * found once: a field opening after it is known unclosed without scanning to the end, so a file
 * of many unclosed quotes stays linear.
 */
function lastClosingQuote(text: string, sep: number): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (text.charCodeAt(i) !== QUOTE) continue;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : LF;
    if (next === sep || next === LF || next === CR) return i;
  }
  return -1;
}

/**
 * A quoted field's body with "" as " and CRLF or CR as LF, in one pass into a buffer: a field of
 * millions of doubled quotes costs what its length costs, where string replacement builds it
 * piece by piece. Pairs are taken left to right, as the scan in quotedField took them.
 */
function unescapeField(body: string): string {
  const units = new Uint16Array(body.length);
  let length = 0;
  for (let i = 0; i < body.length; i++) {
    let c = body.charCodeAt(i);
    if (c === QUOTE && body.charCodeAt(i + 1) === QUOTE) i++;
    else if (c === CR) {
      if (body.charCodeAt(i + 1) === LF) i++;
      c = LF;
    }
    units[length++] = c;
  }
  // fromCharCode keeps every code unit as it is (a decoder would replace a lone surrogate).
  const chunks: string[] = [];
  for (let from = 0; from < length; from += CHUNK)
    chunks.push(String.fromCharCode(...units.subarray(from, Math.min(length, from + CHUNK))));
  return chunks.join("");
}

function isLineEnd(text: string, at: number): boolean {
  return at >= text.length || text.charCodeAt(at) === LF || text.charCodeAt(at) === CR;
}

function skipLineEnd(text: string, at: number): number {
  if (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF) return at + 2;
  return at + 1;
}
