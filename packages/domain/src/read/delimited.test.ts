import { describe, expect, it } from "vitest";
import { cellToText } from "../recognise/cell-text.ts";
import type { Block, RowBlock } from "./blocks.ts";
import { decodeDocument } from "./decode.ts";
import { MAX_DELIMITED_CELLS, readDelimited } from "./delimited.ts";
import { ParseError } from "./parse-error.ts";
import { lineOf, parseError, row, seedText, textAt } from "./test-support/expected.ts";
import { seedAsCsv, seedAsUnicodeText } from "./test-support/web.ts";

/*
 * Every expected block is built from the sample's own lines: line numbers come from where a
 * marker sits in the sample, never from the reader's output.
 */

/** A line that is not a row: every such line of a CSV is loose. */
const text = (line: number, body: string): Block => textAt(line, body, true);

/** Same pseudo-random numbers on every run (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("readDelimited: Excel CSV", () => {
  it("reads titles, quoted cells with commas, quotes and line breaks, and keeps trailing empty fields", () => {
    const lines = [
      "sep=,",
      "兰州湾镇基本履职事项清单",
      "序号,事项类别,事项名称,",
      '1,党的建设,"学习贯彻，""两个确立"", 做到 ""两个维护""",',
      '2,"乡村振兴","1. 组织培训；',
      '2. 定期巡查",备注',
      ",,,",
      "",
      '"兰州湾镇配合履职事项清单"',
      "序号,事项类别,对应上级部门",
      "3,平安法治,县公安局",
    ];
    const blocks = readDelimited(lines.join("\r\n"), ",");
    expect(blocks).toEqual([
      text(lineOf(lines, "基本履职"), "兰州湾镇基本履职事项清单"),
      row(lineOf(lines, "序号,事项类别,事项名称"), 0, "序号", "事项类别", "事项名称", ""),
      row(lineOf(lines, "1,党的建设"), 0, "1", "党的建设", '学习贯彻，"两个确立", 做到 "两个维护"', ""),
      row(lineOf(lines, "2,"), 0, "2", "乡村振兴", "1. 组织培训；\n2. 定期巡查", "备注"),
      row(lineOf(lines, ",,,"), 0, "", "", "", ""),
      text(lineOf(lines, "配合履职"), "兰州湾镇配合履职事项清单"),
      row(lineOf(lines, "对应上级部门"), 1, "序号", "事项类别", "对应上级部门"),
      row(lineOf(lines, "3,平安法治"), 1, "3", "平安法治", "县公安局"),
    ]);
  });

  it("takes a quote in the middle of a field as text, and a quoted field only ends at a quote before a separator or line end", () => {
    expect(readDelimited('a"b,c\n"x"y",z\n"""",""\n', ",")).toEqual([row(1, 0, 'a"b', "c"), row(2, 0, 'x"y', "z"), row(3, 0, '"', "")]);
  });

  it("counts CRLF, LF and CR alike, also inside quoted fields", () => {
    const sample = 'a,b\r\n"c\rd",e\nf,"g\r\nh"\rlast,1';
    expect(readDelimited(sample, ",")).toEqual([
      row(1, 0, "a", "b"),
      row(2, 0, "c\nd", "e"),
      row(4, 0, "f", "g\nh"),
      row(6, 0, "last", "1"),
    ]);
  });

  it("skips only Excel's sep line naming this separator", () => {
    expect(readDelimited("sep=,\na,b", ",")).toEqual([row(2, 0, "a", "b")]);
    expect(readDelimited("sep=;\na,b", ",")).toEqual([text(1, "sep=;"), row(2, 0, "a", "b")]);
  });

  it("gives nothing for empty text, blank lines and an empty quoted field alone", () => {
    expect(readDelimited("", ",")).toEqual([]);
    expect(readDelimited("\n\r\n\r\n", ",")).toEqual([]);
    expect(readDelimited('""\n', ",")).toEqual([]);
  });

  it("reads a quote that nothing closes as text, as Excel does, and goes on with the next lines", () => {
    const lines = ["标题", "1,a,b", '2,"未闭合的单元格', "后面还有", "3,c,d"];
    const blocks = readDelimited(lines.join("\n"), ",");
    expect(blocks.map((b) => (b.kind === "row" ? b.cells.map((c) => c.text) : b.text))).toEqual([
      "标题",
      ["1", "a", "b"],
      ["2", '"未闭合的单元格'],
      "后面还有",
      ["3", "c", "d"],
    ]);
    expect(blocks[2]!.loc.line).toBe(lineOf(lines, "未闭合"));
  });
});

describe("readDelimited: tab-separated text", () => {
  it("reads the seed as one row per tab line and one text block per title line", () => {
    const lines = seedText.split("\n");
    const tabLines = lines.flatMap((l, i) => (l.includes("\t") ? [i + 1] : []));
    const titleLines = lines.flatMap((l, i) => (!l.includes("\t") && l.trim() !== "" ? [i + 1] : []));
    expect(tabLines.length).toBeGreaterThan(290);
    expect(titleLines).toHaveLength(3);

    const blocks = readDelimited(seedText, "\t");
    const rows = blocks.filter((b): b is RowBlock => b.kind === "row");
    expect(rows.map((r) => r.loc.line)).toEqual(tabLines);
    expect(rows.map((r) => r.cells.map((c) => c.text))).toEqual(tabLines.map((n) => lines[n - 1]!.split("\t")));
    expect(blocks.filter((b) => b.kind === "text").map((b) => b.loc.line)).toEqual(titleLines);
    // Each title starts a new list, so a new table.
    const tableAt = (line: number) => rows.find((r) => r.loc.line > line)!.table;
    expect(titleLines.map(tableAt)).toEqual([0, 1, 2]);
  });

  it("reads Excel's Unicode text: quoted multi-line cells between tabs", () => {
    const sample = '序号\t事项名称\t配合职责\r\n1\t"农药使用指导、""服务""工作"\t"1. 宣传；\n2. 巡查。"\r\n';
    expect(readDelimited(sample, "\t")).toEqual([
      row(1, 0, "序号", "事项名称", "配合职责"),
      row(2, 0, "1", '农药使用指导、"服务"工作', "1. 宣传；\n2. 巡查。"),
    ]);
  });

  it("keeps commas as text in tab-separated files", () => {
    expect(readDelimited("a,b\tc", "\t")).toEqual([row(1, 0, "a,b", "c")]);
  });
});

describe("readDelimited: files written as Excel writes them", () => {
  const seedRows = seedText
    .split("\n")
    .filter((l) => l.includes("\t"))
    .map((l) => l.split("\t").map(cellToText));

  const cellsOf = (blocks: Block[]) =>
    blocks.filter((b): b is RowBlock => b.kind === "row").map((r) => r.cells.map((c) => cellToText(c.text)));

  it.each(["utf-8-bom", "gb18030"] as const)("reads back the seed saved as CSV (%s)", (encoding) => {
    const blocks = readDelimited(decodeDocument(seedAsCsv(seedText, { encoding })), ",");
    expect(cellsOf(blocks)).toEqual(seedRows);
    expect(blocks.filter((b) => b.kind === "text")).toHaveLength(3);
  });

  it("reads back the seed saved as Unicode text", () => {
    const blocks = readDelimited(decodeDocument(seedAsUnicodeText(seedText)), "\t");
    expect(cellsOf(blocks)).toEqual(seedRows);
  });
});

describe("readDelimited: hostile input", () => {
  const big = 30 * 1024 * 1024;

  it("reads a 30 MB quoted single-line field in one pass", () => {
    const field = "长".repeat(big);
    const blocks = readDelimited(`a,"${field}",b\n`, ",");
    expect(blocks).toHaveLength(1);
    const cells = (blocks[0] as RowBlock).cells;
    expect(cells.map((c) => c.text.length)).toEqual([1, big, 1]);
  }, 180_000);

  it("reads a 30 MB unquoted field and a 30 MB field of doubled quotes", () => {
    expect((readDelimited(`x\t${"y".repeat(big)}`, "\t")[0] as RowBlock).cells[1]!.text).toHaveLength(big);
    const quotes = readDelimited(`"${'""'.repeat(big / 2)}",z`, ",");
    expect((quotes[0] as RowBlock).cells[0]!.text).toBe('"'.repeat(big / 2));
  }, 180_000);

  it("reads an unclosed quote before 30 MB of text as text, in one pass", () => {
    const started = performance.now();
    const blocks = readDelimited(`a\nb\n"${"\n".repeat(1000)}${"x".repeat(big)}`, ",");
    // The quote ends line 3 alone; its 1,000 line breaks leave 999 empty lines before the x's.
    expect(blocks.map((b) => b.loc.line)).toEqual([1, 2, 3, 1003]);
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 180_000);

  it("refuses a file of bare separators beyond the cell cap, and reads a file of line breaks as nothing", () => {
    const error = parseError(() => readDelimited(",".repeat(big), ","));
    expect({ code: error.code, line: error.line }).toEqual({ code: "too-large", line: 1 });
    const rows = Array.from({ length: MAX_DELIMITED_CELLS / 2 + 1 }, () => "a,b").join("\n");
    expect(parseError(() => readDelimited(rows, ",")).line).toBe(MAX_DELIMITED_CELLS / 2 + 1);
    expect(readDelimited("\n".repeat(big), ",")).toEqual([]);
  }, 180_000);

  it("keeps NUL characters as text", () => {
    expect(readDelimited("a\0b,\0\n\0", ",")).toEqual([row(1, 0, "a\0b", "\0"), text(2, "\0")]);
  });

  it("gives blocks or a ParseError for random text, with lines inside the text", () => {
    const next = random(20240601);
    const pieces = [",", "\t", '"', '""', "\n", "\r", "\r\n", "a", "乡<镇>村", " ", "\0", "sep=,", "，"];
    for (let round = 0; round < 2000; round++) {
      let sample = "";
      const length = Math.floor(next() * 60);
      for (let i = 0; i < length; i++) sample += pieces[Math.floor(next() * pieces.length)]!;
      const lineCount = sample.split(/\r\n|\r|\n/u).length;
      for (const separator of [",", "\t"] as const) {
        try {
          for (const block of readDelimited(sample, separator)) {
            expect(block.loc.line).toBeGreaterThanOrEqual(1);
            expect(block.loc.line).toBeLessThanOrEqual(lineCount);
          }
        } catch (error) {
          expect(error, JSON.stringify(sample)).toBeInstanceOf(ParseError);
          expect((error as ParseError).code).toBe("bad-cell");
        }
      }
    }
  });
});
