import { describe, expect, it } from "vitest";
import { cellToText } from "../recognise/cell-text.ts";
import type { Block, RowBlock } from "./blocks.ts";
import { MAX_MARKDOWN_CELLS, readMarkdown } from "./markdown.ts";
import { lineOf, parseError, row, seedText, textAt } from "./test-support/expected.ts";
import { seedAsMarkdown } from "./test-support/web.ts";

/* Expected blocks are built from the sample's lines; line numbers come from where a marker sits. */

const heading = (line: number, text: string): Block => textAt(line, text, false);
const loose = (line: number, text: string): Block => textAt(line, text, true);

describe("readMarkdown", () => {
  it("reads headings, paragraphs and pipe tables, each table a new index", () => {
    const lines = [
      "# **兰州湾镇**履职事项清单 #",
      "",
      "说明：本清单自发布之日起施行。",
      "## 一、基本履职事项清单",
      "| 序号 | 事项类别 | 事项名称 |",
      "|:---|:---:|---:|",
      "| 1 | **党的建设** | 组织开展基层理论宣讲 |",
      "| 2 | 乡村振兴 | 农作物病虫害防治<br>1. 监测<br/>2. 上报 |",
      "",
      "| 3 | 平安法治 | 禁毒 \\| 反诈宣传 |",
      "第二段文字",
      "序号 | 事项名称 | 承接部门",
      "--- | --- | ---",
      "4 | 乡<镇>村公共设施用地审核 | 县自然资源局",
      "***",
      "填写__年__月，__重点__。**加粗**事项",
    ];
    expect(readMarkdown(lines.join("\n"))).toEqual([
      heading(1, "兰州湾镇履职事项清单"),
      loose(lineOf(lines, "说明"), "说明：本清单自发布之日起施行。"),
      heading(lineOf(lines, "## 一"), "一、基本履职事项清单"),
      row(lineOf(lines, "| 序号"), 0, "序号", "事项类别", "事项名称"),
      row(lineOf(lines, "| 1 |"), 0, "1", "党的建设", "组织开展基层理论宣讲"),
      row(lineOf(lines, "| 2 |"), 0, "2", "乡村振兴", "农作物病虫害防治\n1. 监测\n2. 上报"),
      row(lineOf(lines, "| 3 |"), 1, "3", "平安法治", "禁毒 | 反诈宣传"),
      loose(lineOf(lines, "第二段"), "第二段文字"),
      row(lineOf(lines, "序号 | 事项名称"), 2, "序号", "事项名称", "承接部门"),
      row(lineOf(lines, "4 |"), 2, "4", "乡<镇>村公共设施用地审核", "县自然资源局"),
      loose(lineOf(lines, "填写"), "填写__年__月，重点。加粗事项"),
    ]);
  });

  it("reads a run of pipes with neither a leading pipe nor an alignment row as text", () => {
    expect(readMarkdown("甲|乙\n丙 | 丁")).toEqual([loose(1, "甲|乙"), loose(2, "丙 | 丁")]);
  });

  it("keeps empty cells, an unescaped trailing pipe optional", () => {
    expect(readMarkdown("| a | | c\n|  |  |  |")).toEqual([row(1, 0, "a", "", "c"), row(2, 0, "", "", "")]);
  });

  it("counts lines over CRLF, CR and LF", () => {
    expect(readMarkdown("# 标题\r\n\r| a | b |\n\r\n段落")).toEqual([heading(1, "标题"), row(3, 0, "a", "b"), loose(5, "段落")]);
  });

  it("leaves unpaired and spaced markers as written", () => {
    expect(readMarkdown("**未闭合\n** 不是强调 **\n2**3")).toEqual([loose(1, "**未闭合"), loose(2, "** 不是强调 **"), loose(3, "2**3")]);
  });

  it("reads back the seed written as a Markdown note", () => {
    const expected = seedText
      .split("\n")
      .filter((l) => l.includes("\t"))
      .map((l) => l.split("\t").map(cellToText));
    const blocks = readMarkdown(seedAsMarkdown(seedText));
    const rows = blocks.filter((b): b is RowBlock => b.kind === "row");
    expect(rows.map((r) => r.cells.map((c) => cellToText(c.text)))).toEqual(expected);
    expect(new Set(rows.map((r) => r.table))).toEqual(new Set([0, 1, 2]));
    expect(blocks.filter((b) => b.kind === "text").map((b) => b.kind === "text" && b.text)).toEqual(
      seedText.split("\n").filter((l) => !l.includes("\t") && l.trim() !== ""),
    );
  });
});

describe("readMarkdown: hostile input", () => {
  it("pairs emphasis markers in one pass over a long line of openers", () => {
    const line = "**a ".repeat(200_000);
    const blocks = readMarkdown(line);
    expect(blocks).toHaveLength(1);
    // Each opener after the first follows a space, so only the first opens, and none closes.
    expect(blocks[0]!.kind === "text" && blocks[0]!.text).toBe(line.trim());
  }, 180_000);

  it("reads a heading of a million spaces and a line of a million #'s", () => {
    expect(readMarkdown(`#${" ".repeat(1_000_000)}x${" ".repeat(1_000_000)}#`)).toEqual([heading(1, "x")]);
    expect(readMarkdown("#".repeat(1_000_000))).toEqual([loose(1, "#".repeat(1_000_000))]);
  }, 180_000);

  it("refuses more cells than the cap, at the line where it is passed", () => {
    const error = parseError(() => readMarkdown("|".repeat(MAX_MARKDOWN_CELLS + 10)));
    expect({ code: error.code, line: error.line }).toEqual({ code: "too-large", line: 1 });
    const lines = Array.from({ length: MAX_MARKDOWN_CELLS + 1 }, (_, i) => `| ${i} |`);
    expect(parseError(() => readMarkdown(lines.join("\n"))).line).toBe(MAX_MARKDOWN_CELLS + 1);
    const paragraphs = Array.from({ length: MAX_MARKDOWN_CELLS + 1 }, () => "段落");
    expect(parseError(() => readMarkdown(paragraphs.join("\n"))).line).toBe(MAX_MARKDOWN_CELLS + 1);
  }, 180_000);

  it("keeps NUL characters as text", () => {
    expect(readMarkdown("\0\n| \0 | b |")).toEqual([loose(1, "\0"), row(2, 0, "\0", "b")]);
  });

  it("gives blocks or a ParseError for random text, with lines inside the text", () => {
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const pieces = ["|", "\\|", "\\", "-", ":", "#", "# ", "**", "__", "*", "_", "<br>", " ", "\n", "\r\n", "\r", "a", "乡<镇>村", "\0"];
    for (let round = 0; round < 3000; round++) {
      let sample = "";
      const length = Math.floor(next() * 50);
      for (let i = 0; i < length; i++) sample += pieces[Math.floor(next() * pieces.length)]!;
      const lineCount = sample.split(/\r\n|\r|\n/u).length;
      for (const block of readMarkdown(sample)) {
        expect(block.loc.line).toBeGreaterThanOrEqual(1);
        expect(block.loc.line).toBeLessThanOrEqual(lineCount);
        if (block.kind === "text") expect(block.text.trim(), JSON.stringify(sample)).not.toBe("");
      }
    }
  });
});
