import { describe, expect, it } from "vitest";
import { cellToText } from "../recognise/cell-text.ts";
import type { Block, Cell, RowBlock } from "./blocks.ts";
import { MAX_HTML_CELLS, MAX_HTML_DEPTH, MAX_HTML_TAGS, readHtml } from "./html.ts";
import { lineOf, parseError, row, seedText, textAt } from "./test-support/expected.ts";
import { seedAsHtml } from "./test-support/web.ts";

/* Expected blocks are built from the sample's lines; line numbers come from where a marker sits. */

const para = (line: number, text: string): Block => textAt(line, text, false);
const up = (text: string): Cell => ({ text, fromAbove: true });

const rowsOf = (blocks: Block[]) => blocks.filter((b): b is RowBlock => b.kind === "row");

describe("readHtml: pages", () => {
  it("reads paragraphs and a table in order, skipping head, script, style and comments", () => {
    const lines = [
      "<!DOCTYPE html>",
      '<html><head><meta charset="utf-8"><title>页面标题</title>',
      "<style>td { border: 1px solid }</style><script>var s = '<table><tr><td>脚本</td></tr></table>';</script>",
      "</head><body>",
      "<!-- 导航 --><h1>兰州湾镇   履职事项清单</h1>",
      "<p>第一行<br>第二行 &amp; 更多</p>",
      "<div>前言<span>（试行）</span><!-- 注释 -->说明</div>",
      '<table border="1">',
      "<caption>附件1</caption>",
      "<thead><tr><th>序号</th><th>类别</th><th>名称</th><th>配合职责</th></tr></thead>",
      "<tbody>",
      '<tr><td>1</td><td rowspan="2">党的建设</td><td>理论宣讲</td><td><p>1. 宣传；</p> <p>2. 组织。</p></td></tr>',
      "<tr><td>2</td><td>乡<镇>村 &lt;p&gt;公共设施</td><td>第一行<br/>第二行&nbsp;</td></tr>",
      '<tr><td colspan="3">合并单元格</td><td>末列</td></tr>',
      "</tbody>",
      "</table>",
      "<ul><li>甲</li><li>乙</li></ul>",
      "</body></html>",
    ];
    expect(readHtml(lines.join("\n"))).toEqual([
      para(lineOf(lines, "<h1>"), "兰州湾镇 履职事项清单"),
      para(lineOf(lines, "第一行<br>"), "第一行"),
      para(lineOf(lines, "第一行<br>"), "第二行 & 更多"),
      para(lineOf(lines, "前言"), "前言（试行）说明"),
      para(lineOf(lines, "<caption>"), "附件1"),
      row(lineOf(lines, "<thead>"), 0, "序号", "类别", "名称", "配合职责"),
      row(lineOf(lines, "<td>1</td>"), 0, "1", "党的建设", "理论宣讲", "1. 宣传；\n2. 组织。"),
      row(lineOf(lines, "<td>2</td>"), 0, "2", up("党的建设"), "乡<镇>村 <p>公共设施", "第一行\n第二行"),
      row(lineOf(lines, "colspan"), 0, "合并单元格", "", "", "末列"),
      para(lineOf(lines, "<ul>"), "甲"),
      para(lineOf(lines, "<ul>"), "乙"),
    ]);
  });

  it("lays rowspans and colspans out on the grid, within the table and its row group", () => {
    const lines = [
      "<table>",
      '<tr><td rowspan="2" colspan="2">A</td><td>B</td></tr>',
      "<tr><td>C</td></tr>",
      '<tr><td>D</td><td rowspan="5">E</td><td>F</td></tr>',
      "<tr><td>G</td></tr>",
      "</table>",
      '<table><tr><td>H</td><td>I</td><td rowspan="2">J</td></tr>',
      "<tr><td>K</td></tr>",
      '<tr><td rowspan="2">L</td></tr><tr></tr><tr></tr><tr><td>M</td></tr></table>',
      '<table><tbody><tr><td rowspan="3">X</td><td>1</td></tr></tbody>',
      "<tbody><tr><td>2</td></tr></tbody></table>",
      '<table><tr><td rowspan="0">Z</td><td>a</td></tr>',
      "<tr><td>b</td></tr><tr><td>c</td></tr></table>",
    ];
    const at = (marker: string) => lineOf(lines, marker);
    expect(readHtml(lines.join("\n"))).toEqual([
      row(at(">A<"), 0, "A", "", "B"),
      row(at(">C<"), 0, up("A"), up(""), "C"),
      row(at(">D<"), 0, "D", "E", "F"),
      // E's rowspan of 5 ends with the table: one more row.
      row(at(">G<"), 0, "G", up("E")),
      row(at(">H<"), 1, "H", "I", "J"),
      // A row shorter than the span to its right gets an empty cell in the gap.
      row(at(">K<"), 1, "K", "", up("J")),
      // An empty <tr> under a rowspan is a row of the merged cell; after it, an empty <tr> is nothing.
      row(at(">L<"), 1, "L"),
      row(at(">L<"), 1, up("L")),
      row(at(">M<"), 1, "M"),
      // A rowspan stops at the end of its <tbody>.
      row(at(">X<"), 2, "X", "1"),
      row(at(">2<"), 2, "2"),
      // rowspan="0" runs to the end of the group.
      row(at(">Z<"), 3, "Z", "a"),
      row(at(">b<"), 3, up("Z"), "b"),
      row(at(">b<"), 3, up("Z"), "c"),
    ]);
  });

  it("reads a layout table as its content: inner tables as tables, other text as paragraphs", () => {
    const lines = [
      '<table width="100%"><tr><td>',
      "<p>昌吉州玛纳斯县兰州湾镇基本履职事项清单</p>",
      '<table border="1"><tr><td>序号</td><td>名称</td></tr>',
      "<tr><td>1</td><td>宣讲</td></tr></table>",
      "</td><td>右侧栏</td></tr>",
      "<tr><td><div><table><tr><td>第二个</td><td>表</td></tr></table></div></td></tr>",
      "</table>",
      "<table><tr><td>独立</td><td>表格</td></tr></table>",
    ];
    expect(readHtml(lines.join("\n"))).toEqual([
      para(lineOf(lines, "基本履职"), "昌吉州玛纳斯县兰州湾镇基本履职事项清单"),
      row(lineOf(lines, "序号"), 0, "序号", "名称"),
      row(lineOf(lines, "宣讲"), 0, "1", "宣讲"),
      para(lineOf(lines, "右侧栏"), "右侧栏"),
      row(lineOf(lines, "第二个"), 1, "第二个", "表"),
      row(lineOf(lines, "独立"), 2, "独立", "表格"),
    ]);
  });

  it("reads a pasted fragment with end tags left out and cells outside any row", () => {
    const lines = ["<table>", "<tr><td>1<td>甲<td>乙", "<tr><th>2<th>丙<td>丁", "</table>", "<table><td>a</td><td>b</td></table>"];
    expect(readHtml(lines.join("\n"))).toEqual([
      row(lineOf(lines, "甲"), 0, "1", "甲", "乙"),
      row(lineOf(lines, "丙"), 0, "2", "丙", "丁"),
      row(lineOf(lines, "<td>a"), 1, "a", "b"),
    ]);
  });

  it("keeps 乡<镇>村 written raw as text: a < before a non-ASCII character opens no tag", () => {
    const cell = "乡（镇）村公共设施、公益事业使用集体建设用地审核（仅乡<镇>村公共设施、公益事业建设用地<不涉及农用地>的审核）";
    expect(readHtml(`<table><tr><td>22</td><td>${cell}</td></tr></table><p>乡<镇>村</p>`)).toEqual([
      row(1, 0, "22", cell),
      para(1, "乡<镇>村"),
    ]);
    // An ASCII letter after < does open a tag, as in a browser: <B> here is bold, not text.
    expect(readHtml("<p>A<B>C</p>")).toEqual([para(1, "AC")]);
  });

  it("numbers the items of an ordered list as a browser shows them", () => {
    const lines = [
      "<ol><li>甲</li><li>乙</li></ol>",
      '<ol start="3"><li>丙<li value="7">丁<li>戊</ol>',
      '<ol style="list-style-type: none"><li>无号</li></ol>',
      "<ul><li>圆点</li></ul>",
      "<table><tr><td><ol><li>步骤一</li><li>步骤二</li></ol></td></tr></table>",
    ];
    expect(readHtml(lines.join("\n"))).toEqual([
      para(1, "1. 甲"),
      para(1, "2. 乙"),
      para(2, "3. 丙"),
      para(2, "7. 丁"),
      para(2, "8. 戊"),
      para(3, "无号"),
      para(4, "圆点"),
      row(5, 0, "1. 步骤一\n2. 步骤二"),
    ]);
  });

  it("keeps the line breaks of <pre> and locates each block at its first visible character", () => {
    expect(readHtml("<pre>第一行\n  第二行\n\n第三行</pre>")).toEqual([para(1, "第一行"), para(2, "第二行"), para(4, "第三行")]);
    expect(readHtml("<p>\n\n   标题</p>")).toEqual([para(3, "标题")]);
    expect(readHtml("<p>a</p>\r\n<p>b</p>\r<p>c</p>\n<p>d</p>")).toEqual([para(1, "a"), para(2, "b"), para(3, "c"), para(4, "d")]);
  });

  it("reads back the seed published as a web page", () => {
    const expected = seedText
      .split("\n")
      .filter((l) => l.includes("\t"))
      .map((l) => l.split("\t").map(cellToText));
    const page = seedAsHtml(seedText);
    expect(page).toContain("乡&lt;镇&gt;村");
    const blocks = readHtml(page);
    const rows = rowsOf(blocks);
    expect(rows.map((r) => r.cells.map((c) => cellToText(c.text)))).toEqual(expected);
    expect(new Set(rows.map((r) => r.table))).toEqual(new Set([0, 1, 2]));
    const titles = seedText.split("\n").filter((l) => !l.includes("\t") && l.trim() !== "");
    expect(blocks.filter((b) => b.kind === "text" && titles.includes(b.text))).toHaveLength(titles.length);
  });
});

describe("readHtml: hostile input", () => {
  it("refuses 100 000 nested divs at the first one past the depth cap", () => {
    const closed = `${"<div>".repeat(100_000)}x${"</div>".repeat(100_000)}`;
    expect(parseError(() => readHtml(closed)).code).toBe("too-large");
    const error = parseError(() => readHtml("<div>\n".repeat(100_000)));
    expect({ code: error.code, line: error.line }).toEqual({ code: "too-large", line: MAX_HTML_DEPTH + 1 });
  }, 180_000);

  it("reads nesting up to the cap", () => {
    expect(readHtml(`${"<div>".repeat(MAX_HTML_DEPTH)}深处${"</div>".repeat(MAX_HTML_DEPTH)}`)).toEqual([para(1, "深处")]);
  });

  it("refuses 200 000 nested tables, by depth or by tag count", () => {
    expect(parseError(() => readHtml("<table>".repeat(200_000))).code).toBe("too-large");
    const error = parseError(() => readHtml("<table><tr><td>\n".repeat(200_000)));
    // The tag cap is passed on the line holding tag number MAX_HTML_TAGS + 1, three tags a line.
    expect({ code: error.code, line: error.line }).toEqual({ code: "too-large", line: Math.floor(MAX_HTML_TAGS / 3) + 1 });
  }, 180_000);

  it("reads a row of as many <td>s as the cell cap allows, and refuses one more", () => {
    const blocks = readHtml(`<table><tr>${"<td>x".repeat(MAX_HTML_CELLS)}</table>`);
    expect(rowsOf(blocks).map((r) => r.cells.length)).toEqual([MAX_HTML_CELLS]);
    expect(parseError(() => readHtml(`<table><tr>${"<td>x".repeat(MAX_HTML_CELLS + 1)}</table>`)).code).toBe("too-large");
  }, 180_000);

  it("clamps spans and caps what spans multiply", () => {
    expect(rowsOf(readHtml('<table><tr><td colspan="99999">a</td></tr></table>'))[0]!.cells).toHaveLength(1000);
    // Each row opens one more span down the rest of the table: rows grow 1, 2, 3 … cells.
    const staircase = `<table>${'<tr><td rowspan="65534">x</td></tr>\n'.repeat(5000)}</table>`;
    const error = parseError(() => readHtml(staircase));
    expect(error.code).toBe("too-large");
    // The cap falls in the row whose cells take the total past it: n(n+1)/2 > MAX_HTML_CELLS.
    expect(error.line).toBe(Math.ceil((Math.sqrt(8 * MAX_HTML_CELLS + 1) - 1) / 2));
  }, 180_000);

  it("finishes the parser's worst case: unmatched end tags at the deepest nesting", () => {
    const page = `${"<div>".repeat(MAX_HTML_DEPTH)}${"</dvi>".repeat(MAX_HTML_TAGS - MAX_HTML_DEPTH)}`;
    expect(readHtml(page)).toEqual([]);
    expect(parseError(() => readHtml(`${page}<b>`)).code).toBe("too-large");
  }, 180_000);

  it("drops an unclosed script or comment with everything after it, and keeps NUL as text", () => {
    expect(readHtml(`<p>前</p><script>${"<td>x</td>".repeat(1000)}`)).toEqual([para(1, "前")]);
    expect(readHtml("<p>前</p><!-- <p>后</p>")).toEqual([para(1, "前")]);
    expect(readHtml("<p>a\0b</p><table><tr><td>\0</td></tr></table>")).toEqual([para(1, "a\0b"), row(1, 0, "\0")]);
  });

  it("gives blocks or a ParseError for random markup, with lines inside the text", () => {
    let seed = 11;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const pieces = [
      "<",
      ">",
      "</",
      "/>",
      "table",
      "tr",
      "td",
      "th",
      "tbody",
      "caption",
      "p",
      "br",
      "div",
      "ol",
      "li",
      "pre",
      "script",
      " ",
      'rowspan="',
      "colspan=",
      "0",
      "3",
      "99999",
      '"',
      "&",
      "amp;",
      "&#",
      "x;",
      "\n",
      "\r",
      "乡<镇>村",
      "\0",
      "<!--",
      "-->",
      "=",
      "a",
    ];
    for (let round = 0; round < 3000; round++) {
      let sample = "";
      const length = Math.floor(next() * 80);
      for (let i = 0; i < length; i++) sample += pieces[Math.floor(next() * pieces.length)]!;
      const lineCount = sample.split(/\r\n|\r|\n/u).length;
      for (const block of readHtml(sample)) {
        expect(block.loc.line, JSON.stringify(sample)).toBeGreaterThanOrEqual(1);
        expect(block.loc.line, JSON.stringify(sample)).toBeLessThanOrEqual(lineCount);
      }
    }
  });
});
