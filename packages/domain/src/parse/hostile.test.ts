import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ListKind } from "../types.ts";
import { MAX_DOCUMENT_BYTES } from "../read/decode.ts";
import { MAX_DUTIES } from "../recognise/recognise.ts";

/** Bound against hangs, not a speed goal: the slow paths these tests guard took minutes. */
const HANG_MS = 10_000;
import { parseDocument, type ParseResult } from "./parse.ts";
import { ParseError, type ParseErrorCode } from "../read/parse-error.ts";

/*
 * Documents no town would publish on purpose: empty, binary, huge, re-encoded, and the seed
 * broken in one known place. Every expected line number is computed from the input the test
 * builds, never copied from the parser's output.
 */

const seedBytes = new Uint8Array(readFileSync(new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url)));
const seedText = new TextDecoder().decode(seedBytes);
const seedLines = seedText.split("\n");

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: ArrayLike<number>[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
};

function parsed(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a revision, got ${result.error.message}`);
  return result;
}

function failed(result: ParseResult, code: ParseErrorCode, line: number): ParseError {
  if (result.ok) throw new Error(`expected ${code} on line ${line}, but the document parsed`);
  expect(result.error).toBeInstanceOf(ParseError);
  expect({ code: result.error.code, line: result.error.line }, result.error.message).toEqual({ code, line });
  return result.error;
}

/** 0-based index of the title line of a list in `lines`. */
function titleIndex(lines: string[], kind: ListKind): number {
  const word = { basic: "基本", coordinated: "配合", reclaimed: "收回" }[kind];
  const i = lines.findIndex((l) => !l.includes("\t") && l.includes("清单") && l.includes(word));
  if (i < 0) throw new Error(`no ${kind} title`);
  return i;
}

/** 0-based index of the row with `seq` in a list (the first such line after the list's title). */
function rowIndex(lines: string[], kind: ListKind, seq: number): number {
  const from = titleIndex(lines, kind);
  const i = lines.findIndex((l, j) => j > from && l.startsWith(`${seq}\t`));
  if (i < 0) throw new Error(`no row ${seq} in ${kind}`);
  return i;
}

/** The seed with one line rewritten; returns the document and the 1-based line that was changed. */
function seedWithRow(kind: ListKind, seq: number, edit: (cells: string[]) => string[] | string): { doc: string; line: number } {
  const lines = [...seedLines];
  const i = rowIndex(lines, kind, seq);
  const edited = edit(lines[i]!.split("\t"));
  lines[i] = typeof edited === "string" ? edited : edited.join("\t");
  return { doc: lines.join("\n"), line: i + 1 };
}

/** Same pseudo-random bytes on every run (mulberry32). */
function randomBytes(length: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const original = parsed(parseDocument(seedBytes));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("empty and binary documents", () => {
  it("a 0-byte document is not a duty list (line 1), as bytes and as a string", () => {
    failed(parseDocument(new Uint8Array(0)), "not-a-duty-list", 1);
    failed(parseDocument(""), "not-a-duty-list", 1);
  });

  it("a document of blank lines and prose is not a duty list, located at its first non-blank line", () => {
    const doc = ["", "   ", "附件1", "关于做好2024年工作的通知", "一、总体要求"].join("\n");
    const error = failed(parseDocument(doc), "not-a-duty-list", 3);
    expect(error.text).toBe("附件1");
  });

  it("random bytes with NULs are refused as binary, at the line of the first NUL", () => {
    const bytes = randomBytes(64 * 1024, 7);
    const nul = bytes.indexOf(0);
    expect(nul).toBeGreaterThanOrEqual(0);
    // Line of the first NUL, counting \r\n, \n and \r as line ends (as the text parser does).
    const before = new TextDecoder("latin1").decode(bytes.subarray(0, nul));
    const line = before.split(/\r\n|\n|\r/u).length;
    failed(parseDocument(bytes), "bad-encoding", line);
  });

  it("locates a NUL by \\n, \\r\\n and lone \\r line ends alike", () => {
    const bytes = concat(utf8("标题\n序号\r\n第三行\r第四行 "), [0], utf8(" 尾"));
    failed(parseDocument(bytes), "bad-encoding", 4);
  });

  it("a PNG is refused as a picture, by its signature", () => {
    const png = concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52], randomBytes(512, 3));
    expect(failed(parseDocument(png), "unsupported-format", 1).message).toContain("图片");
  });

  it("high bytes without NULs (neither UTF-8 nor a list) never parse", () => {
    const bytes = randomBytes(4096, 11).map((b) => b | 0x80);
    expect(parseDocument(bytes).ok).toBe(false);
  });

  it("an invalid byte in a UTF-8 list is reported on its own line, not line 1", () => {
    const i = rowIndex(seedLines, "coordinated", 40);
    const head = utf8(`${seedLines.slice(0, i).join("\n")}\n40\t`);
    const tail = utf8(seedLines.slice(i).join("\n").slice(3));
    // 0xFF is never valid in UTF-8, and 0xFF 0xFF is not GB18030 either.
    failed(parseDocument(concat(head, [0xff, 0xff], tail)), "bad-encoding", i + 1);
  });
});

describe("size limits", () => {
  it("a 50 MB document gets a clear too-large error without being decoded", () => {
    const size = 50 * 1024 * 1024;
    const bytes = new Uint8Array(size);
    for (let at = 0; at < size; at += seedBytes.length) bytes.set(seedBytes.subarray(0, Math.min(seedBytes.length, size - at)), at);
    const decode = vi.spyOn(TextDecoder.prototype, "decode");
    const started = performance.now();
    const error = failed(parseDocument(bytes), "too-large", 1);
    expect(performance.now() - started).toBeLessThan(HANG_MS);
    expect(decode).not.toHaveBeenCalled();
    expect(error.message).toContain("文件过大");
    expect(error.message).toContain(String(size));
  });

  it("a 50 MB string is refused the same way, before any line is read", () => {
    const text = `${seedText}\n${"1\t党的建设\t事项\n".repeat(Math.ceil((50 * 1024 * 1024) / 12))}`;
    expect(text.length).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    const started = performance.now();
    const error = failed(parseDocument(text), "too-large", 1);
    expect(performance.now() - started).toBeLessThan(HANG_MS);
    expect(error.message).toContain("文件过大");
  });

  it(`${MAX_DUTIES} well-formed rows (the most a document may hold) parse in reasonable time`, { timeout: 60_000 }, () => {
    const categories = original.revision.categories.slice(0, 19);
    const lines = ["昌吉州玛纳斯县兰州湾镇基本履职事项清单", "序号\t事项类别\t事项名称"];
    for (let seq = 1; seq <= MAX_DUTIES; seq++) {
      // Headers repeat like the seed's page-break leftovers; categories come in contiguous blocks.
      if (seq % 50 === 0) lines.push("序号\t事项类别\t事项名称");
      lines.push(`${seq}\t${categories[Math.floor(((seq - 1) * categories.length) / MAX_DUTIES)]}\t负责第${seq}项工作的组织实施和监督检查`);
    }
    const bytes = utf8(lines.join("\n"));
    const started = performance.now();
    const result = parsed(parseDocument(bytes));
    const ms = performance.now() - started;
    expect(result.revision.lists.basic).toHaveLength(MAX_DUTIES);
    expect(result.revision.lists.basic.at(-1)).toMatchObject({ seq: MAX_DUTIES, line: lines.length });
    expect(result.revision.lists.basic[49]).toMatchObject({ seq: 50, line: 53 }); // after the repeated header on line 52
    expect(result.revision.categories).toEqual(categories);
    expect(result.warnings.map((w) => w.code)).toEqual(["missing-list", "missing-list"]);
    // The bound leaves room for a busy machine while still catching a quadratic step.
    expect(ms).toBeLessThan(10_000);
  });

  it("one duty more than the maximum is refused at its row, with one clear line", { timeout: 60_000 }, () => {
    const lines = ["昌吉州玛纳斯县兰州湾镇基本履职事项清单", "序号\t事项类别\t事项名称"];
    for (let seq = 1; seq <= MAX_DUTIES + 1; seq++) lines.push(`${seq}\t类别${seq}\t事项${seq}`);
    const started = performance.now();
    const error = failed(parseDocument(lines.join("\n")), "too-large", lines.length);
    expect(error.describe("x.txt")).toBe(`x.txt:${lines.length}: 基本履职事项清单，事项超过 ${MAX_DUTIES} 项，不像一个乡镇的清单`);
    // Each row names a new category: the check of category blocks must stay linear (was 25 s at 100,000).
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("a coordinated list naming thousands of departments is refused at the first one too many (was minutes)", () => {
    const lines = ["昌吉州玛纳斯县兰州湾镇配合履职事项清单", "序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责\t兰州湾镇配合职责"];
    for (let seq = 1; seq <= 3000; seq++)
      lines.push(`${seq}\t党的建设\t事项${seq}\t玛纳斯县第${seq}局\t1. 县第${seq}局负责指导。\t配合县第${seq}局做好工作`);
    const started = performance.now();
    // The 201st distinct department is on row 201, line 2 + 201.
    const error = failed(parseDocument(lines.join("\n")), "bad-cell", 203);
    expect(error.column).toBe("对应上级部门");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("a 100,000-character department cell is refused quickly (the department regexes took minutes)", () => {
    const { doc, line } = seedWithRow("coordinated", 1, (cells) => {
      cells[3] = "昌吉州生态环境局玛纳斯县分局".repeat(8000).slice(0, 100_000 - 1);
      return cells;
    });
    const started = performance.now();
    const error = failed(parseDocument(doc), "bad-cell", line);
    expect(error.column).toBe("对应上级部门");
    expect(performance.now() - started).toBeLessThan(HANG_MS);
  });
});

describe("the seed in other encodings gives exactly the same revision", () => {
  it.each([
    ["GB18030", () => new Uint8Array(iconv.encode(seedText, "gb18030"))],
    ["UTF-8 with BOM and CRLF", () => utf8(`\uFEFF${seedText.replace(/\n/gu, "\r\n")}`)],
    ["UTF-16LE with BOM", () => new Uint8Array(iconv.encode(seedText, "utf16le", { addBOM: true }))],
    ["UTF-16BE with BOM", () => new Uint8Array(iconv.encode(seedText, "utf16be", { addBOM: true }))],
    ["UTF-8 with lone CR line ends", () => utf8(seedText.replace(/\n/gu, "\r"))],
    ["a string with BOM", () => `\uFEFF${seedText}`],
  ])("%s", (_name, encode) => {
    const input = encode();
    if (typeof input !== "string") expect(input).not.toEqual(seedBytes);
    const result = parsed(parseDocument(input));
    expect(result.revision).toEqual(original.revision);
    expect(result.warnings).toEqual(original.warnings);
  });
});

describe("broken lists fail with the right kind of error on the right line", () => {
  it("the seed itself parses: 109 + 100 + 37 duties", () => {
    const { basic, coordinated, reclaimed } = original.revision.lists;
    expect([basic.length, coordinated.length, reclaimed.length]).toEqual([109, 100, 37]);
  });

  it("a row with one cell too many", () => {
    const { doc, line } = seedWithRow("basic", 5, (cells) => [...cells, "多出的一列"]);
    const error = failed(parseDocument(doc), "column-count", line);
    expect(error.list).toBe("basic");
  });

  it("a row with one cell too few", () => {
    const { doc, line } = seedWithRow("coordinated", 30, (cells) => cells.slice(0, 5));
    failed(parseDocument(doc), "column-count", line);
  });

  it("a non-numeric 序号", () => {
    const { doc, line } = seedWithRow("reclaimed", 12, (cells) => ["十二", ...cells.slice(1)]);
    const error = failed(parseDocument(doc), "bad-seq", line);
    expect(error.text).toBe("十二");
  });

  it("a 序号 that goes backwards", () => {
    const lines = [...seedLines];
    const a = rowIndex(lines, "basic", 20);
    const b = rowIndex(lines, "basic", 21);
    expect(b).toBe(a + 1);
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    // 21 after 19 is a gap (a warning); 20 after 21 is the error, on the second of the two lines.
    failed(parseDocument(lines.join("\n")), "seq-order", b + 1);
  });

  it("a repeated 序号", () => {
    const lines = [...seedLines];
    const i = rowIndex(lines, "coordinated", 50);
    lines.splice(i + 1, 0, lines[i]!);
    failed(parseDocument(lines.join("\n")), "seq-order", i + 2);
  });

  it("a gap in 序号 is only a warning, on the row after the gap", () => {
    const lines = [...seedLines];
    lines.splice(rowIndex(lines, "basic", 30), 1);
    const next = rowIndex(lines, "basic", 31);
    const result = parsed(parseDocument(lines.join("\n")));
    expect(result.revision.lists.basic).toHaveLength(108);
    const gaps = result.warnings.filter((w) => w.code === "seq-gap");
    expect(gaps).toEqual([expect.objectContaining({ line: next + 1, list: "basic", text: "31" })]);
  });

  it("an empty 事项名称", () => {
    const { doc, line } = seedWithRow("basic", 77, (cells) => [cells[0]!, cells[1]!, "   "]);
    failed(parseDocument(doc), "empty-cell", line);
  });

  it("an empty 事项名称 followed by a stray tab is still an empty cell, not a missing column", () => {
    const { doc, line } = seedWithRow("basic", 78, (cells) => `${cells[0]}\t${cells[1]}\t\t`);
    const error = failed(parseDocument(doc), "empty-cell", line);
    expect(error.column).toBe("事项名称");
  });

  it("an empty 事项名称 in the middle of a wide row", () => {
    const { doc, line } = seedWithRow("coordinated", 64, (cells) => cells.map((c, i) => (i === 2 ? "" : c)));
    const error = failed(parseDocument(doc), "empty-cell", line);
    expect(error.column).toBe("事项名称");
  });

  it("a header before any title", () => {
    const lines = [...seedLines];
    const title = titleIndex(lines, "basic");
    lines[title] = ""; // keep the line numbering
    const header = lines.findIndex((l) => l.startsWith("序号\t"));
    const error = failed(parseDocument(lines.join("\n")), "not-a-duty-list", header + 1);
    expect(error.message).toContain("表头出现在任何清单标题之前");
  });

  it("a row before any title", () => {
    const doc = ["说明", "1\t党的建设\t事项", "昌吉州玛纳斯县兰州湾镇基本履职事项清单"].join("\n");
    const error = failed(parseDocument(doc), "not-a-duty-list", 2);
    expect(error.message).toContain("表格行出现在任何清单标题之前");
  });

  it("a row between a title and its header", () => {
    const lines = [...seedLines];
    const title = titleIndex(lines, "reclaimed");
    lines.splice(title + 1, 0, "1\t党的建设\t事项\t玛纳斯县民政局： 负责");
    failed(parseDocument(lines.join("\n")), "row-before-header", title + 2);
  });

  it("a row without tabs inside a list", () => {
    const { doc, line } = seedWithRow("coordinated", 7, (cells) => cells.join(" "));
    failed(parseDocument(doc), "no-separator", line);
  });

  it("a repeated header that changes the columns", () => {
    const lines = [...seedLines];
    const title = titleIndex(lines, "coordinated");
    const repeated = lines.findIndex((l, i) => i > title + 2 && l.startsWith("序号\t"));
    lines[repeated] = "序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责";
    failed(parseDocument(lines.join("\n")), "bad-header", repeated + 1);
  });

  it("a list title that appears twice", () => {
    const lines = [...seedLines];
    const second = titleIndex(lines, "reclaimed");
    lines.splice(second, 0, lines[titleIndex(lines, "basic")]!);
    failed(parseDocument(lines.join("\n")), "duplicate-list", second + 1);
  });

  it("a reclaimed cell without the 「承接部门：工作方式」 colon", () => {
    const { doc, line } = seedWithRow("reclaimed", 3, (cells) => [...cells.slice(0, 3), "由有关部门负责"]);
    failed(parseDocument(doc), "bad-cell", line);
  });

  it("titles without a town, located at the first title", () => {
    const lines = seedLines.map((l) => (!l.includes("\t") && l.includes("清单") ? l.replace("昌吉州玛纳斯县兰州湾镇", "") : l));
    failed(parseDocument(lines.join("\n")), "no-town", titleIndex(lines, "basic") + 1);
  });

  it("titles without a town when the lists come in another order: the error is at the first title", () => {
    const lines = seedLines.map((l) => (!l.includes("\t") && l.includes("清单") ? l.replace("昌吉州玛纳斯县兰州湾镇", "") : l));
    const reclaimed = lines.slice(titleIndex(lines, "reclaimed"));
    const rest = lines.slice(0, titleIndex(lines, "reclaimed"));
    const reordered = [...reclaimed, ...rest];
    failed(parseDocument(reordered.join("\n")), "no-town", titleIndex(reordered, "reclaimed") + 1);
  });

  it.each(["玛纳斯县constructor", "玛纳斯县toString", "玛纳斯县__proto__", "玛纳斯县委hasOwnProperty"])(
    "a department named like an Object.prototype member (%s) never yields a non-string field",
    (name) => {
      const { doc, line } = seedWithRow("coordinated", 2, (cells) => cells.map((c, i) => (i === 3 ? name : c)));
      const result = parseDocument(doc);
      if (!result.ok) {
        expect({ code: result.error.code, line: result.error.line }).toEqual({ code: "bad-cell", line });
        return;
      }
      for (const d of result.revision.departments) {
        expect([typeof d.name, typeof d.shortName, typeof d.abbreviation]).toEqual(["string", "string", "string"]);
      }
      expect(() => structuredClone(result.revision)).not.toThrow();
    },
  );

  it("the same errors keep their lines with CRLF line ends and a BOM", () => {
    const { doc, line } = seedWithRow("basic", 5, (cells) => [...cells, "多出的一列"]);
    failed(parseDocument(utf8(`\uFEFF${doc.replace(/\n/gu, "\r\n")}`)), "column-count", line);
    failed(parseDocument(new Uint8Array(iconv.encode(doc, "gb18030"))), "column-count", line);
  });
});
