import { HeadingLevel, LevelFormat, Paragraph, Table, TableCell, TableRow } from "docx";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { cellToText } from "../recognise/cell-text.ts";
import type { Block, Cell, RowBlock } from "./blocks.ts";
import { MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, readDocx } from "./docx.ts";
import { MAX_PART_BYTES, MAX_XML_DEPTH, MAX_ZIP_ENTRIES } from "./ooxml.ts";
import { refusalOf, seedText as seed } from "./test-support/expected.ts";
import { docxOf, seedAsDocx, seedItems, wordCell, wordDocumentXml, withDeclaredSize, withPart, xlsxOf } from "./test-support/office.ts";

/*
 * Every expectation is written from what the test put into the document, never copied from the
 * reader's output: paragraphs and rows are counted by construction.
 */

function text(line: number, paragraph: number, value: string): Block {
  return { kind: "text", text: value, loc: { line, at: `第 ${paragraph} 段` } };
}

/** A row block of table `t` (1-based, as messages count), row `r`; `above` lists 1-based columns copied down. */
function row(line: number, t: number, r: number, texts: string[], above: number[] = []): RowBlock {
  const cells = texts.map((value, i): Cell => {
    const at = `表格 ${t} 第 ${r} 行第 ${i + 1} 列`;
    return above.includes(i + 1) ? { text: value, fromAbove: true, at } : { text: value, at };
  });
  return { kind: "row", cells, table: t - 1, loc: { line, at: `表格 ${t} 第 ${r} 行` } };
}

/** Blocks of a docx whose body is hand-written XML (inside an otherwise real file). */
async function bodyBlocks(body: string): Promise<Block[]> {
  return readDocx(withPart(await docxOf([new Paragraph("占位")]), "word/document.xml", wordDocumentXml(body)));
}

const p = (content: string) => `<w:p><w:r><w:t xml:space="preserve">${content}</w:t></w:r></w:p>`;
const tc = (content: string, props = "") => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ""}${content}</w:tc>`;

const refused = refusalOf("x.docx");

describe("readDocx: paragraphs and tables in reading order", () => {
  it("reads a title, a table with a merged 类别 and a section row, a note and a second table", async () => {
    const bytes = await docxOf([
      new Paragraph({ text: "昌吉州玛纳斯县兰州湾镇基本履职事项清单", heading: HeadingLevel.HEADING_1 }),
      new Paragraph(""),
      new Table({
        rows: [
          new TableRow({ children: [wordCell("序号"), wordCell("事项类别"), wordCell("事项名称")] }),
          new TableRow({ children: [wordCell("一、党的建设", { columnSpan: 3 })] }),
          new TableRow({ children: [wordCell("1"), wordCell("党的建设", { rowSpan: 3 }), wordCell("学习宣传党的路线方针政策")] }),
          new TableRow({ children: [wordCell("2"), wordCell("落实党委议事规则\n执行重大事项请示报告制度")] }),
          new TableRow({ children: [wordCell("3"), wordCell("加强党员队伍建设")] }),
        ],
      }),
      new Paragraph("注：本清单实行动态调整。"),
      new Table({
        rows: [
          new TableRow({ children: [wordCell("备注"), wordCell("无")] }),
          new TableRow({ children: [wordCell(""), wordCell("")] }),
          new TableRow({ children: [wordCell("甲"), wordCell("乙")] }),
        ],
      }),
    ]);
    expect(readDocx(bytes)).toEqual([
      text(1, 1, "昌吉州玛纳斯县兰州湾镇基本履职事项清单"),
      row(2, 1, 1, ["序号", "事项类别", "事项名称"]),
      row(3, 1, 2, ["一、党的建设", "", ""]),
      row(4, 1, 3, ["1", "党的建设", "学习宣传党的路线方针政策"]),
      row(5, 1, 4, ["2", "党的建设", "落实党委议事规则\n执行重大事项请示报告制度"], [2]),
      row(6, 1, 5, ["3", "党的建设", "加强党员队伍建设"], [2]),
      text(7, 2, "注：本清单实行动态调整。"),
      row(8, 2, 1, ["备注", "无"]),
      // Row 2 of the second table is empty and left out; row 3 keeps its number.
      row(9, 2, 3, ["甲", "乙"]),
    ]);
  });

  it("reads runs as Word shows them: tabs, breaks, insertions, fields, content controls; not deletions, hidden text, text boxes or ruby", async () => {
    const blocks = await bodyBlocks(
      [
        `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t>乙</w:t></w:r><w:r><w:br/><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r></w:p>`,
        `<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删除</w:delText></w:r><w:r><w:tab/></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins><w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>`,
        `<w:sdt><w:sdtPr><w:alias w:val="控件"/></w:sdtPr><w:sdtContent>${p("控件中的段落")}</w:sdtContent></w:sdt>`,
        `<w:customXml w:element="x"><w:p><w:smartTag w:element="place"><w:r><w:t>智能</w:t></w:r></w:smartTag><w:hyperlink r:id="rId9"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p></w:customXml>`,
        `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2025年</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
        `<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>可见</w:t></w:r></w:p>`,
        `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>${p("文本框")}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>${p("文本框")}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>`,
        `<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>pīn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>拼</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>A&amp;B&lt;C&gt;&#x4E00;</w:t></w:r></w:p>`,
        `<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>`,
      ].join(""),
    );
    expect(blocks).toEqual([
      text(1, 1, "甲\t乙\n丙\n丁"),
      text(2, 2, "保留插入"),
      text(3, 3, "控件中的段落"),
      text(4, 4, "智能链接7"),
      text(5, 5, "2025年"),
      text(6, 6, "可见"),
      text(7, 7, "正文"),
      text(8, 8, "拼A&B<C>一"),
    ]);
  });

  it("lays rows on the grid: gridBefore, a 2×2 merged block, rows wrapped in content controls", async () => {
    const grid = `<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>`;
    const blocks = await bodyBlocks(
      `<w:tbl>${grid}` +
        `<w:tr>${tc(p("序号"))}${tc(p("类别"), `<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`)}${tc(p("名称"))}</w:tr>` +
        `<w:sdt><w:sdtContent><w:tr>${tc(p("1"))}${tc(p("不应出现"), `<w:gridSpan w:val="2"/><w:vMerge/>`)}${tc(p("甲"))}</w:tr></w:sdtContent></w:sdt>` +
        `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p("跳过首列"))}</w:tr>` +
        `<w:tr>${tc(p("仅一格"))}</w:tr>` +
        `</w:tbl>`,
    );
    expect(blocks).toEqual([
      row(1, 1, 1, ["序号", "类别", "", "名称"]),
      row(2, 1, 2, ["1", "类别", "", "甲"], [2]),
      row(3, 1, 3, ["", "跳过首列", "", ""]),
      row(4, 1, 4, ["仅一格", "", "", ""]),
    ]);
  });

  it("leaves out a row whose only text runs down from a merged cell", async () => {
    const blocks = await bodyBlocks(
      `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>` +
        `<w:tr>${tc(p("党的建设"), `<w:vMerge w:val="restart"/>`)}${tc(p("甲"))}</w:tr>` +
        `<w:tr>${tc("<w:p/>", `<w:vMerge/>`)}${tc("<w:p/>")}</w:tr>` +
        `<w:tr>${tc("<w:p/>", `<w:vMerge w:val="continue"/>`)}${tc(p("乙"))}</w:tr>` +
        `</w:tbl>`,
    );
    expect(blocks).toEqual([row(1, 1, 1, ["党的建设", "甲"]), row(2, 1, 3, ["党的建设", "乙"], [1])]);
  });

  it("folds a nested table into its cell, rows joined by line breaks", async () => {
    const inner = new Table({
      rows: [
        new TableRow({ children: [wordCell("县委组织部"), wordCell("牵头")] }),
        new TableRow({ children: [wordCell("县人社局"), wordCell("配合")] }),
      ],
    });
    const bytes = await docxOf([
      new Table({
        rows: [
          new TableRow({ children: [wordCell("1"), new TableCell({ children: [new Paragraph("承接部门："), inner, new Paragraph("")] })] }),
        ],
      }),
    ]);
    expect(readDocx(bytes)).toEqual([row(1, 1, 1, ["1", "承接部门：\n县委组织部 牵头\n县人社局 配合"])]);
  });

  it("reads the same document in the strict schema with its own prefixes", async () => {
    const strict = `<?xml version="1.0" encoding="UTF-8"?><document xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><body><p><r><t>标题</t></r></p><tbl><tblGrid><gridCol/><gridCol/></tblGrid><tr><tc><p><r><t>1</t></r></p></tc><tc><p><r><t>甲</t></r></p></tc></tr></tbl></body></document>`;
    const bytes = withPart(await docxOf([new Paragraph("占位")]), "word/document.xml", strict);
    expect(readDocx(bytes)).toEqual([text(1, 1, "标题"), row(2, 1, 1, ["1", "甲"])]);
  });

  it("shows Word's automatic numbers: a numbered 序号 column, numbered steps, 一、 headings, a restarted list", async () => {
    const numbering = {
      config: [
        { reference: "seq", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1" }] },
        { reference: "steps", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1." }] },
        { reference: "heading", levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: "%1、" }] },
      ],
    };
    const seq = (instance: number) => new TableCell({ children: [new Paragraph({ numbering: { reference: "seq", level: 0, instance } })] });
    const step = (value: string) => new Paragraph({ text: value, numbering: { reference: "steps", level: 0 } });
    const bytes = await docxOf(
      [
        new Paragraph({ text: "党的建设", numbering: { reference: "heading", level: 0 } }),
        new Table({
          rows: [
            new TableRow({ children: [seq(1), new TableCell({ children: [step("明确推荐要求"), step("审查人选")] })] }),
            new TableRow({ children: [seq(1), wordCell("乙")] }),
          ],
        }),
        new Paragraph({ text: "经济发展", numbering: { reference: "heading", level: 0 } }),
        new Table({ rows: [new TableRow({ children: [seq(2), wordCell("丙")] })] }),
      ],
      { numbering },
    );
    expect(readDocx(bytes)).toEqual([
      text(1, 1, "一、\t党的建设"),
      row(2, 1, 1, ["1", "1.\t明确推荐要求\n2.\t审查人选"]),
      row(3, 1, 2, ["2", "乙"]),
      text(4, 2, "二、\t经济发展"),
      row(5, 2, 1, ["1", "丙"]),
    ]);
  });
});

describe("readDocx: the seed as a Word document", () => {
  it("gives every row of the seed, cell for cell, and its titles as paragraphs", async () => {
    const blocks = readDocx(await seedAsDocx(seed));
    const items = seedItems(seed);
    const titles = items.flatMap((item) => (item.kind === "title" ? [item.text] : []));
    const tables = items.flatMap((item) => (item.kind === "table" ? [item.rows] : []));
    expect(blocks.filter((b) => b.kind === "text").map((b) => b.text)).toEqual(titles);
    tables.forEach((rows, t) => {
      const read = blocks.filter((b): b is RowBlock => b.kind === "row" && b.table === t);
      expect(read.map((b) => b.cells.map((c) => cellToText(c.text)))).toEqual(rows);
    });
    // Counted from the seed's lines themselves, not from the helper that wrote the file.
    const seedRows = seed.split("\n").filter((line) => line.includes("\t"));
    expect(blocks.filter((b) => b.kind === "row").map((b) => (b as RowBlock).cells.map((c) => cellToText(c.text)))).toEqual(
      seedRows.map((line) => line.split("\t").map(cellToText)),
    );
    expect(blocks.map((b) => b.loc.line)).toEqual(blocks.map((_, i) => i + 1));
  });
});

describe("readDocx: hostile files are refused with a located one-line message", () => {
  it("refuses a file cut in half", async () => {
    const bytes = await seedAsDocx(seed);
    const error = refused(() => readDocx(bytes.slice(0, bytes.length >> 1)), "bad-file");
    expect(error.message).toContain("已损坏或不完整");
    expect({ line: error.line, at: error.at }).toEqual({ line: 1, at: "1" });
  });

  it("refuses random bytes, with and without a zip signature", () => {
    let state = 42;
    const random = Uint8Array.from({ length: 4096 }, () => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state >>> 24;
    });
    expect(refused(() => readDocx(random), "bad-file").message).toContain("不是 ZIP");
    random.set([0x50, 0x4b, 0x03, 0x04]);
    expect(refused(() => readDocx(random), "bad-file").message).toContain("已损坏");
    refused(() => readDocx(new Uint8Array(0)), "bad-file");
  });

  it("refuses a zip that is not a Word document, saying what it is", async () => {
    expect(refused(() => readDocx(zipSync({ "notes.txt": strToU8("履职事项") })), "bad-file").message).toContain("没有 word/document.xml");
    const workbook = await xlsxOf((wb) => wb.addWorksheet("清单").addRow(["序号"]));
    expect(refused(() => readDocx(workbook), "bad-file").message).toContain("Excel 工作簿");
    const odt = zipSync({
      mimetype: strToU8("application/vnd.oasis.opendocument.text"),
      "content.xml": strToU8("<office:document-content/>"),
    });
    expect(refused(() => readDocx(odt), "bad-file").message).toContain("OpenDocument");
  });

  it("refuses an old .doc (an OLE compound file) as unsupported", () => {
    const doc = new Uint8Array(1024);
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(refused(() => readDocx(doc), "unsupported-format").message).toContain(".doc");
  });

  it("refuses a part whose declared size is huge before inflating it", async () => {
    const bytes = withDeclaredSize(await seedAsDocx(seed), "word/document.xml", 0xfffffff0);
    expect(refused(() => readDocx(bytes), "too-large").message).toContain(String(MAX_PART_BYTES));
  });

  it("refuses a part that declares a small size but holds far more (a zip bomb), without inflating it", async () => {
    const bomb = zipSync({ "word/document.xml": strToU8(wordDocumentXml(" ".repeat(16 * 1024 * 1024))) }, { level: 9 });
    const start = performance.now();
    expect(refused(() => readDocx(withDeclaredSize(bomb, "word/document.xml", 1000)), "bad-file").message).toContain(
      "压缩数据与记录的大小不符",
    );
    expect(performance.now() - start).toBeLessThan(20_000);
  });

  it("refuses a part whose real size differs from its declared size", async () => {
    const bytes = await docxOf([new Paragraph("甲".repeat(2000))]);
    const real = unzipSync(bytes)["word/document.xml"]!.length;
    // More declared than held: the inflated part comes up short.
    expect(refused(() => readDocx(withDeclaredSize(bytes, "word/document.xml", real + 100)), "bad-file").message).toContain("大小");
    // Less declared than held: the part is cut at the declared size and its XML is left unclosed.
    expect(refused(() => readDocx(withDeclaredSize(bytes, "word/document.xml", real - 100)), "bad-file").message).toContain("不完整");
  });

  it("refuses broken XML and text that is not UTF-8", async () => {
    const base = await docxOf([new Paragraph("占位")]);
    const cut = wordDocumentXml(p("甲") + p("乙")).slice(0, -40);
    expect(refused(() => readDocx(withPart(base, "word/document.xml", cut)), "bad-file").message).toContain("word/document.xml");
    const gbk = Uint8Array.from([...strToU8(wordDocumentXml(p("X")).replace("X", "")), 0xc4, 0xe3]);
    expect(refused(() => readDocx(withPart(base, "word/document.xml", gbk)), "bad-file").message).toContain("UTF-8");
    refused(() => readDocx(withPart(base, "word/document.xml", "<html><body>不是 Word</body></html>")), "bad-file");
  });

  it("reads tables nested a few levels deep and refuses nesting beyond the limit, quickly", async () => {
    const nest = (depth: number) => {
      let xml = p("最里层");
      for (let i = 0; i < depth; i++) xml = `<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>${tc(`${xml}<w:p/>`)}</w:tr></w:tbl>`;
      return xml;
    };
    expect(await bodyBlocks(nest(20))).toEqual([row(1, 1, 1, ["最里层"])]);
    const deep = withPart(await docxOf([new Paragraph("占位")]), "word/document.xml", wordDocumentXml(nest(20_000)));
    const start = performance.now();
    expect(refused(() => readDocx(deep), "bad-file").message).toContain(String(MAX_XML_DEPTH));
    expect(performance.now() - start).toBeLessThan(20_000);
  });

  it("refuses a table wider than the limit, located at the table", async () => {
    const base = await docxOf([new Paragraph("占位")]);
    const span = withPart(
      base,
      "word/document.xml",
      wordDocumentXml(`${p("标题")}<w:tbl><w:tr>${tc(p("甲"), `<w:gridSpan w:val="2000000000"/>`)}</w:tr></w:tbl>`),
    );
    const spanError = refused(() => readDocx(span), "bad-file");
    expect({ line: spanError.line, at: spanError.at }).toEqual({ line: 2, at: "表格 1 第 1 行" });
    expect(spanError.message).toContain(String(MAX_TABLE_COLUMNS));
    const grid = `<w:tblGrid>${"<w:gridCol/>".repeat(MAX_TABLE_COLUMNS + 1)}</w:tblGrid>`;
    const wide = withPart(base, "word/document.xml", wordDocumentXml(`<w:tbl>${grid}<w:tr>${tc(p("甲"))}</w:tr></w:tbl>`));
    expect(refused(() => readDocx(wide), "bad-file").at).toBe("表格 1");
  });

  it("refuses tables with more cells than the limit, empty rows counted, located at the row that passes it", async () => {
    const columns = MAX_TABLE_COLUMNS;
    const rows = Math.floor(MAX_TABLE_CELLS / columns) + 1;
    const grid = `<w:tblGrid>${"<w:gridCol/>".repeat(columns)}</w:tblGrid>`;
    const body = `<w:tbl>${grid}${`<w:tr>${tc("<w:p/>")}</w:tr>`.repeat(rows)}</w:tbl>`;
    const bytes = withPart(await docxOf([new Paragraph("占位")]), "word/document.xml", wordDocumentXml(body));
    const error = refused(() => readDocx(bytes), "too-large");
    expect(error.at).toBe(`表格 1 第 ${rows} 行`);
  });

  it("refuses content Word pulls in from another part (altChunk) rather than reading a document without it", async () => {
    const bytes = withPart(
      await docxOf([new Paragraph("占位")]),
      "word/document.xml",
      wordDocumentXml(`${p("标题")}<w:altChunk r:id="rId5"/>`),
    );
    expect(refused(() => readDocx(bytes), "unsupported-format").at).toBe("第 2 段");
  });

  it("refuses a zip whose directory lists more entries than any Word file has", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) files[`x/${i}`] = new Uint8Array(0);
    expect(refused(() => readDocx(zipSync(files)), "bad-file").message).toContain(String(MAX_ZIP_ENTRIES));
  });
});
