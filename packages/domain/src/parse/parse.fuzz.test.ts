import { readFileSync } from "node:fs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeDocument } from "../read/decode.ts";
import { parseDocument, type ParseResult } from "./parse.ts";
import { ParseError } from "../read/parse-error.ts";

/*
 * Property: whatever is done to the seed, parseDocument returns either a revision or a
 * ParseError located on a real line (1 … lines + 1) whose text is what that line holds, it
 * never throws, and no case takes a second. A swallowed internal exception (the catch-all in
 * parseDocument) counts as a crash here: it is the parser failing, not the document.
 *
 * Reproduce a failure with FUZZ_SEED=<printed seed> (and fast-check's printed path).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_241_128);
// Per block, 18,000 in all (at least 10,000 are required): about 45 s of CPU, about a minute on
// two shared, busy cores. FUZZ_SCALE=0.1 for a quick look.
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS = { structure: 6000, encoding: 5000, markup: 3000, combined: 4000 };
for (const key of Object.keys(RUNS) as (keyof typeof RUNS)[]) RUNS[key] = Math.max(1, Math.round(RUNS[key] * SCALE));
// Per block: ~10× what a block takes on a busy machine. Parsing is synchronous, so vitest cannot
// cut a hung case short; the per-case 1 s check reports a slow case as soon as it returns.
const TIMEOUT_MS = 900_000;
// A case is a few milliseconds; this catches a hang or a blow-up (the quadratic ones took minutes)
// without failing on a machine busy with other work.
const CASE_MS = 10_000;

const SEED_PATH = new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url);
const seedText = readFileSync(SEED_PATH, "utf8");
const seedLines = seedText.split("\n");

// ---------------------------------------------------------------------------------------------
// Mutations of the document as lines and cells (before encoding).

type LineOp =
  | { op: "cut"; at: number; count: number }
  | { op: "dup"; at: number; count: number }
  | { op: "swap"; a: number; b: number }
  | { op: "move"; from: number; to: number }
  | { op: "cellSwap"; line: number; a: number; b: number }
  | { op: "cellSwapLines"; la: number; lb: number; a: number; b: number }
  | { op: "tabRemove"; line: number; nth: number }
  | { op: "tabAdd"; line: number; pos: number; count: number }
  | { op: "seq"; line: number; value: string }
  | { op: "insert"; line: number; pos: number; text: string }
  | { op: "newLine"; at: number; text: string }
  | { op: "html"; target: Target; line: number; cell: number; pos: number; fragment: string }
  | { op: "huge"; target: Target; line: number; cell: number; pattern: string | null; tail: string };

/** Which lines an op aims at: any line, or a row of one list (so column-specific code is reached). */
type Target = "any" | "basic" | "coordinated" | "reclaimed";

const at = fc.nat({ max: 100_000 });

// Characters the parser's regexes key on (places, department suffixes, list words, markup,
// numbering), so that random text hits its branches rather than only plain CJK.
const domainChar = fc.constantFrom(
  ..."州局县分市盟地区旗镇乡街道苏木省自治及其他等相关部门委员会、，,；;：: <>/pPolLIbr=\"'&;#x1.．（）()一二、\u3000\u00a0序号清单基本配合收回履职事项",
);
const specialChar = fc.constantFrom(
  "\0",
  "\r",
  "\n",
  "\t",
  "\u2028",
  "\u2029",
  "\u0085",
  "\u000b",
  "\u000c",
  "\uFEFF",
  "\uFFFD",
  "\uD800",
  "\uDFFF",
  "\u200b",
);
const noise = fc.string({
  unit: fc.oneof(
    { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 2 },
    { arbitrary: domainChar, weight: 3 },
    { arbitrary: specialChar, weight: 1 },
  ),
  maxLength: 24,
});

const tagName = fc.constantFrom(
  "p",
  "ol",
  "ul",
  "li",
  "br",
  "div",
  "span",
  "strong",
  "font",
  "td",
  "h1",
  "script",
  "style",
  "img",
  "iframe",
  "svg",
  "镇",
  "不涉及农用地",
  "P",
  "OL",
);
const attribute = fc.oneof(
  fc.constant(""),
  fc.constant(' style="list-style-type: none"'),
  fc.constant(" onerror=alert(1)"),
  fc.constant(' class="a>b"'),
  fc.constant(" src=x"),
  noise.map((s) => ` ${s}`),
);
const htmlFragment = fc.oneof(
  fc.tuple(tagName, attribute, fc.constantFrom("", "/", " /")).map(([t, a, close]) => `<${t}${a}${close}>`),
  tagName.map((t) => `</${t}>`),
  fc.tuple(tagName, noise).map(([t, s]) => `<${t}>${s}</${t}>`),
  tagName.map((t) => `<${t} `), // never closed
  fc.constantFrom("<", ">", "<<", ">>", "</", "<>", "<p <p <p", "<!--", "-->", "<![CDATA[", "]]>", "<?xml?>", "<!DOCTYPE html>"),
  fc.constantFrom(
    "&nbsp;",
    "&amp;",
    "&lt;p&gt;",
    "&#0;",
    "&#x0;",
    "&#xD800;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#9999999;",
    "&#;",
    "&bogus;",
    "&",
    "&#x1F600;",
  ),
  fc.constant('<ol style="list-style-type: none">'), // the seed's unclosed list
  fc.constantFrom("乡<镇>村", "<不涉及农用地>"),
);
const scriptPayload = fc.constantFrom(
  "<script>alert(1)</script>",
  '<script src="https://evil.example/x.js"></script>',
  "<SCRIPT>document.cookie</SCRIPT>",
  "<scr<script>ipt>alert(1)</script>",
  "</p><script>alert('序号')</script><p>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  '<a href="javascript:alert(1)">1.</a>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '"><script>alert(1)</script>',
  "<script>\t1\t党的建设\t</script>",
  "<script>\n昌吉州玛纳斯县兰州湾镇基本履职事项清单\n</script>",
);

const lineOp: fc.Arbitrary<LineOp> = fc.oneof(
  fc.record({ op: fc.constant("cut" as const), at, count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("dup" as const), at, count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant("swap" as const), a: at, b: at }),
  fc.record({ op: fc.constant("move" as const), from: at, to: at }),
  fc.record({ op: fc.constant("cellSwap" as const), line: at, a: at, b: at }),
  fc.record({ op: fc.constant("cellSwapLines" as const), la: at, lb: at, a: at, b: at }),
  fc.record({ op: fc.constant("tabRemove" as const), line: at, nth: at }),
  fc.record({ op: fc.constant("tabAdd" as const), line: at, pos: at, count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    op: fc.constant("seq" as const),
    line: at,
    value: fc.oneof(
      fc.nat({ max: 1_000 }).map(String),
      fc.constantFrom("", "0", "-1", "1.5", "１", "一", "00001", "9999999", "1e3", " 7 ", "NaN"),
      noise,
    ),
  }),
  fc.record({ op: fc.constant("insert" as const), line: at, pos: at, text: noise }),
  fc.record({
    op: fc.constant("newLine" as const),
    at,
    text: fc.oneof(
      noise,
      fc.constantFrom(
        "序号\t事项类别\t事项名称",
        "序号",
        "序号\t\t\t",
        "附件1",
        "\t",
        "\t\t\t",
        "1\t党的建设",
        "昌吉州玛纳斯县兰州湾镇协同事项清单",
        "清单",
        "某某镇基本履职事项清单",
        "收回清单\t",
      ),
    ),
  }),
);

const markupOp: fc.Arbitrary<LineOp> = fc.oneof(
  fc.record({
    op: fc.constant("html" as const),
    target: fc.constantFrom<Target>("any", "coordinated", "reclaimed"),
    line: at,
    cell: at,
    pos: at,
    fragment: fc.oneof(htmlFragment, scriptPayload),
  }),
  fc.record({
    op: fc.constant("huge" as const),
    line: at,
    cell: at,
    target: fc.constantFrom<Target>("any", "basic", "coordinated", "reclaimed"),
    // null: repeat the cell's own text; otherwise a short pattern of parser-relevant characters,
    // or a department form the department regexes work hardest on.
    pattern: fc.option(
      fc.oneof(
        fc.string({ unit: fc.oneof(domainChar, specialChar), minLength: 1, maxLength: 12 }),
        fc.constantFrom(
          "昌吉州生态环境局玛纳斯县分局",
          "玛纳斯县应急管理局及其他负有安全生产监督管理职责的部门",
          "州局县",
          "及其他",
          "县农业局",
          "玛纳斯县民政局： 由县民政局负责",
        ),
      ),
      { nil: null },
    ),
    tail: fc.constantFrom("", "分局", "\u2028x", "及其他", "：", "<p>", "1."),
  }),
);

const HUGE_CELL = 100_000;

/** Indexes of the lines that look like rows of `target`'s list, as the document now stands. */
function rowsOf(lines: string[], target: Target): number[] {
  const rows: number[] = [];
  let list: Target = "any";
  lines.forEach((line, i) => {
    if (!line.includes("\t") && line.includes("清单"))
      list = /收回/u.test(line) ? "reclaimed" : /配合|协同/u.test(line) ? "coordinated" : "basic";
    else if (/^\d+\t/u.test(line) && (target === "any" || list === target)) rows.push(i);
  });
  return rows;
}

/** A targeted op spares the 序号 cell, so the row still parses and the cell's own code runs. */
function cellIndex(target: Target, n: number, cells: number): number {
  return target === "any" || cells < 2 ? n % cells : 1 + (n % (cells - 1));
}

function applyLineOp(lines: string[], op: LineOp): void {
  const pick = (n: number) => n % Math.max(lines.length, 1);
  const editCells = (line: number, edit: (cells: string[]) => void, target: Target = "any") => {
    const rows = target === "any" ? [] : rowsOf(lines, target);
    const i = rows.length > 0 ? rows[line % rows.length]! : pick(line);
    if (lines[i] === undefined) return;
    const cells = lines[i].split("\t");
    edit(cells);
    lines[i] = cells.join("\t");
  };
  switch (op.op) {
    case "cut":
      lines.splice(pick(op.at), op.count);
      break;
    case "dup": {
      const i = pick(op.at);
      lines.splice(i, 0, ...lines.slice(i, i + op.count));
      break;
    }
    case "swap": {
      const a = pick(op.a);
      const b = pick(op.b);
      if (lines[a] === undefined || lines[b] === undefined) break;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      break;
    }
    case "move": {
      const [moved] = lines.splice(pick(op.from), 1);
      if (moved !== undefined) lines.splice(pick(op.to), 0, moved);
      break;
    }
    case "cellSwap":
      editCells(op.line, (cells) => {
        const a = op.a % cells.length;
        const b = op.b % cells.length;
        [cells[a], cells[b]] = [cells[b]!, cells[a]!];
      });
      break;
    case "cellSwapLines": {
      const la = pick(op.la);
      const lb = pick(op.lb);
      if (lines[la] === undefined || lines[lb] === undefined) break;
      const ca = lines[la].split("\t");
      const cb = la === lb ? ca : lines[lb].split("\t");
      const a = op.a % ca.length;
      const b = op.b % cb.length;
      [ca[a], cb[b]] = [cb[b]!, ca[a]!];
      lines[la] = ca.join("\t");
      lines[lb] = cb.join("\t");
      break;
    }
    case "tabRemove": {
      const i = pick(op.line);
      const line = lines[i];
      if (line === undefined) break;
      const tabs = [...line.matchAll(/\t/gu)].map((m) => m.index);
      if (tabs.length === 0) break;
      const t = tabs[op.nth % tabs.length]!;
      lines[i] = line.slice(0, t) + line.slice(t + 1);
      break;
    }
    case "tabAdd": {
      const i = pick(op.line);
      const line = lines[i];
      if (line === undefined) break;
      const p = op.pos % (line.length + 1);
      lines[i] = line.slice(0, p) + "\t".repeat(op.count) + line.slice(p);
      break;
    }
    case "seq":
      editCells(op.line, (cells) => {
        cells[0] = op.value;
      });
      break;
    case "insert": {
      const i = pick(op.line);
      const line = lines[i];
      if (line === undefined) break;
      const p = op.pos % (line.length + 1);
      lines[i] = line.slice(0, p) + op.text + line.slice(p);
      break;
    }
    case "newLine":
      lines.splice(pick(op.at), 0, op.text);
      break;
    case "html":
      editCells(op.line, (cells) => {
        const c = cellIndex(op.target, op.cell, cells.length);
        const cell = cells[c]!;
        const p = op.pos % (cell.length + 1);
        cells[c] = cell.slice(0, p) + op.fragment + cell.slice(p);
      });
      break;
    case "huge":
      editCells(
        op.line,
        (cells) => {
          const c = cellIndex(op.target, op.cell, cells.length);
          const pattern = op.pattern ?? (cells[c] || "事项");
          // Cut mid-pattern on purpose: a cell that stops inside a repeated unit defeats early exits.
          cells[c] = pattern.repeat(Math.ceil(HUGE_CELL / pattern.length)).slice(0, HUGE_CELL) + op.tail;
        },
        op.target,
      );
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Encodings and byte damage.

type Encoding =
  | { kind: "string" }
  | { kind: "utf8"; bom: boolean }
  | { kind: "gb18030" }
  | { kind: "utf16le" }
  // Each line (or each half of a line, split at `cut`) in UTF-8 or GB18030 as the mask says.
  | { kind: "mixed"; mask: boolean[]; cut: number | null };

type Eol = "\n" | "\r\n" | "\r";

type ByteOp =
  | { op: "flip"; at: number; mask: number }
  | { op: "set"; at: number; value: number }
  | { op: "insert"; at: number; bytes: Uint8Array }
  | { op: "delete"; at: number; count: number }
  | { op: "truncate"; at: number }
  | { op: "header"; bytes: Uint8Array };

const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  fc.constant({ kind: "string" as const }),
  fc.record({ kind: fc.constant("utf8" as const), bom: fc.boolean() }),
  fc.constant({ kind: "gb18030" as const }),
  fc.constant({ kind: "utf16le" as const }),
  fc.record({
    kind: fc.constant("mixed" as const),
    mask: fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
    cut: fc.option(at, { nil: null }),
  }),
);
const eol: fc.Arbitrary<Eol> = fc.constantFrom("\n", "\r\n", "\r");
const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }), weight: 4 },
  {
    arbitrary: fc.record({
      op: fc.constant("set" as const),
      at: fc.nat(),
      value: fc.constantFrom(0x00, 0x09, 0x0a, 0x0d, 0x80, 0xc0, 0xe4, 0xef, 0xfe, 0xff),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ op: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant("header" as const),
      bytes: fc.constantFrom(
        new Uint8Array([0xef, 0xbb, 0xbf]),
        new Uint8Array([0xff, 0xfe]),
        new Uint8Array([0xfe, 0xff]),
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]),
        new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
        new Uint8Array([0x84, 0x31, 0x95, 0x33]), // GB18030's own BOM
      ),
    }),
    weight: 1,
  },
);

const utf8 = new TextEncoder();

function encode(lines: string[], enc: Encoding, lineEnd: Eol): Uint8Array | string {
  const text = lines.join(lineEnd);
  switch (enc.kind) {
    case "string":
      return text;
    case "utf8":
      return concat([enc.bom ? new Uint8Array([0xef, 0xbb, 0xbf]) : new Uint8Array(0), utf8.encode(text)]);
    case "gb18030":
      return new Uint8Array(iconv.encode(text, "gb18030"));
    case "utf16le":
      return new Uint8Array(iconv.encode(text, "utf16le", { addBOM: true }));
    case "mixed": {
      const parts: Uint8Array[] = [];
      const asGb = (i: number) => enc.mask[i % enc.mask.length]!;
      lines.forEach((line, i) => {
        if (i > 0) parts.push(utf8.encode(lineEnd));
        const cut = enc.cut === null ? line.length : enc.cut % (line.length + 1);
        const pieces = [line.slice(0, cut), line.slice(cut)];
        pieces.forEach((piece, half) => {
          parts.push(asGb(i + half) ? new Uint8Array(iconv.encode(piece, "gb18030")) : utf8.encode(piece));
        });
      });
      return concat(parts);
    }
  }
}

function damage(bytes: Uint8Array, ops: ByteOp[]): Uint8Array {
  let out = bytes;
  for (const op of ops) {
    const p = out.length === 0 ? 0 : op.op === "header" ? 0 : op.at % out.length;
    switch (op.op) {
      case "flip":
        if (out.length) out[p] = out[p]! ^ op.mask;
        break;
      case "set":
        if (out.length) out[p] = op.value;
        break;
      case "insert":
        out = concat([out.subarray(0, p), op.bytes, out.subarray(p)]);
        break;
      case "delete":
        out = concat([out.subarray(0, p), out.subarray(p + op.count)]);
        break;
      case "truncate":
        out = out.slice(0, p);
        break;
      case "header":
        out = concat([op.bytes, out]);
        break;
    }
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The property.

interface Case {
  ops: LineOp[];
  enc: Encoding;
  lineEnd: Eol;
  bytes: ByteOp[];
}

const LINE_BREAK = /\r\n|\n|\r/u;

/** Lines as the parser counts them (\r\n, \n and \r each end a line). */
function lineCountOfBytes(bytes: Uint8Array): number {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const text = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes);
    return text.split(LINE_BREAK).length;
  }
  // UTF-8 and GB18030 never use 0x0A or 0x0D inside a multi-byte character.
  let lines = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) lines++;
  }
  return lines;
}

/** Compares error text to its line ignoring layout: messages join cells with " | " or " ". */
const squash = (s: string) => s.replace(/[\s|\uFEFF]+/gu, "");

const newStats = () => ({ cases: 0, ok: 0, totalMs: 0, maxMs: 0, slowest: "", codes: new Map<string, number>() });
let stats = newStats();
let totalCases = 0;

// Plain checks rather than expect(): a parsed case has ~250 duties, and an expect() per duty
// more than doubled the run time.
function check(input: Uint8Array | string, label: string): void {
  const fail = (problem: string): never => {
    throw new Error(`${problem} (${label})`);
  };
  const started = performance.now();
  let result: ParseResult;
  try {
    result = parseDocument(input);
  } catch (err) {
    fail(`parseDocument threw: ${String(err)}`);
    return;
  }
  const ms = performance.now() - started;
  stats.cases++;
  stats.totalMs += ms;
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.slowest = label;
  }
  // A bound against hangs and blow-ups, not a speed goal.
  if (!(ms < CASE_MS)) fail(`case took ${ms.toFixed(0)} ms`);

  // The text the parser read, to check that reported lines hold what they are said to hold.
  let text: string | null = null;
  if (typeof input === "string") text = input.replace(/^\uFEFF/u, "");
  else {
    try {
      text = decodeDocument(input);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
    }
  }
  const lines = text === null ? null : text.split(LINE_BREAK);
  const lineCount = lines ? lines.length : lineCountOfBytes(input as Uint8Array);
  const inRange = (line: number, max: number) => Number.isInteger(line) && line >= 1 && line <= max;

  if (result.ok) {
    stats.ok++;
    const { revision, warnings } = result;
    for (const duty of [...revision.lists.basic, ...revision.lists.coordinated, ...revision.lists.reclaimed]) {
      if (!inRange(duty.line, lineCount)) fail(`duty ${duty.list} ${duty.seq} on line ${duty.line} of ${lineCount}`);
      // A duty's line is the row it came from, whose first cell is its 序号 (full-width digits and
      // 1. / 1、/ （1） allowed); a list that numbers each category from 1 keeps positions instead.
      const first = lines?.[duty.line - 1]?.split("\t")[0]?.trim() ?? "";
      const printed = Number(
        first.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/^[（(]|[)）]?[、.．]?$/gu, ""),
      );
      const list = revision.lists[duty.list];
      const byPosition = list.every((d, i) => d.seq === i + 1) && Number.isInteger(printed) && printed >= 1;
      if (lines && printed !== duty.seq && !byPosition)
        fail(`duty ${duty.list} ${duty.seq} points at line ${duty.line}, which starts with ${first}`);
    }
    for (const w of warnings) {
      if (!inRange(w.line, lineCount)) fail(`warning ${w.code} on line ${w.line} of ${lineCount}`);
      if (lines && w.code === "seq-gap" && !squash(lines[w.line - 1]!).includes(squash(w.text)))
        fail(`seq-gap warning text not on line ${w.line}`);
    }
    return;
  }

  const error = result.error;
  stats.codes.set(error.code, (stats.codes.get(error.code) ?? 0) + 1);
  if (!(error instanceof ParseError)) fail(`error is not a ParseError: ${String(error)}`);
  // The catch-all in parseDocument turns exceptions into errors; reaching it is a parser crash.
  if (/解析器内部错误|文件结构异常/u.test(error.message)) fail(`swallowed crash: ${error.message}`);
  if (!inRange(error.line, lineCount + 1)) fail(`error on line ${error.line} of ${lineCount}: ${error.message}`);
  // Where the error quotes the document, the quote must be on the line it names.
  // A quoted cell may carry a record over several lines (Excel's quoting): the quote must then be in
  // the record that starts there, so it is looked for from that line on, across the record's lines.
  if (lines && error.text && error.code !== "too-large" && error.code !== "bad-encoding") {
    const own = squash(lines[error.line - 1] ?? "");
    const record = lines[error.line - 1]?.includes('"') ? squash(lines.slice(error.line - 1, error.line + 2000).join("")) : own;
    if (!record.includes(squash(error.text))) fail(`error text not on line ${error.line}: ${error.message}`);
  }
}

function label(c: Case): string {
  return `${c.enc.kind}${c.enc.kind === "utf8" && c.enc.bom ? "+bom" : ""} ${JSON.stringify(c.lineEnd)} ops=${c.ops.map((o) => o.op).join(",")} bytes=${c.bytes.map((o) => o.op).join(",")}`;
}

function runCase(c: Case): void {
  const lines = [...seedLines];
  for (const op of c.ops) applyLineOp(lines, op);
  let input = encode(lines, c.enc, c.lineEnd);
  if (c.bytes.length > 0) {
    const bytes = typeof input === "string" ? utf8.encode(input) : input;
    input = damage(bytes, c.bytes);
  }
  check(input, label(c));
}

const caseOf = (ops: fc.Arbitrary<LineOp[]>, enc: fc.Arbitrary<Encoding>, bytes: fc.Arbitrary<ByteOp[]>): fc.Arbitrary<Case> =>
  fc.record({ ops, enc, lineEnd: eol, bytes });

const noBytes = fc.constant<ByteOp[]>([]);
const plainUtf8 = fc.constant<Encoding>({ kind: "utf8", bom: false });

/** Runs one block of cases and prints what came out, so a run shows what the mutations reached. */
function runBlock(name: string, arbitrary: fc.Arbitrary<Case>, seed: number, numRuns: number): void {
  stats = newStats();
  try {
    fc.assert(fc.property(arbitrary, runCase), { seed, numRuns });
  } finally {
    totalCases += stats.cases;
    const codes = [...stats.codes]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    console.log(
      `parse fuzz [${name}] seed ${seed}: ${stats.cases} cases, ${stats.ok} parsed; errors: ${codes}; ` +
        `mean ${(stats.totalMs / Math.max(stats.cases, 1)).toFixed(1)} ms, max ${stats.maxMs.toFixed(0)} ms (${stats.slowest})`,
    );
  }
}

describe(`parseDocument on mutated seed documents (fast-check seed ${SEED})`, () => {
  beforeAll(() => {
    console.log(`parse fuzz: fast-check seed ${SEED} (reproduce with FUZZ_SEED=${SEED})`);
  });
  afterAll(() => {
    console.log(`parse fuzz: ${totalCases} cases in all`);
  });

  it("survives cut, duplicated, swapped and moved lines, swapped cells and moved tabs", { timeout: TIMEOUT_MS }, () => {
    const ops = fc.array(lineOp, { minLength: 1, maxLength: 6 });
    runBlock("structure", caseOf(ops, fc.oneof(plainUtf8, fc.constant<Encoding>({ kind: "string" })), noBytes), SEED, RUNS.structure);
  });

  it("survives encodings (GB18030, UTF-16, BOM, mixed GB18030/UTF-8 lines) and flipped, inserted or cut bytes", {
    timeout: TIMEOUT_MS,
  }, () => {
    // Half the cases keep their bytes whole: nearly any byte damage ends in bad-encoding, and the
    // encodings themselves must still reach the parser.
    const bytes = fc.oneof(noBytes, fc.array(byteOp, { minLength: 1, maxLength: 6 }));
    runBlock("encoding", caseOf(fc.array(lineOp, { maxLength: 2 }), encoding, bytes), SEED + 1, RUNS.encoding);
  });

  it("survives HTML fragments, <script> payloads and 100k-character cells", { timeout: TIMEOUT_MS }, () => {
    const ops = fc.array(markupOp, { minLength: 1, maxLength: 4 });
    runBlock("markup", caseOf(ops, fc.oneof(plainUtf8, fc.constant<Encoding>({ kind: "gb18030" })), noBytes), SEED + 2, RUNS.markup);
  });

  it("survives all of it at once", { timeout: TIMEOUT_MS }, () => {
    const ops = fc.array(fc.oneof({ arbitrary: lineOp, weight: 3 }, { arbitrary: markupOp, weight: 1 }), { maxLength: 8 });
    const bytes = fc.oneof({ arbitrary: noBytes, weight: 2 }, { arbitrary: fc.array(byteOp, { minLength: 1, maxLength: 3 }), weight: 1 });
    runBlock("combined", caseOf(ops, encoding, bytes), SEED + 3, RUNS.combined);
  });

  it("ran the number of cases asked for", () => {
    expect(totalCases).toBeGreaterThanOrEqual(Math.round(10_000 * SCALE));
  });
});
