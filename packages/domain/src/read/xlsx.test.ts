import { Paragraph } from "docx";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { cellToText } from "../recognise/cell-text.ts";
import type { Block, Cell, RowBlock } from "./blocks.ts";
import { MAX_PART_BYTES, MAX_XML_DEPTH } from "./ooxml.ts";
import { refusalOf, seedText as seed } from "./test-support/expected.ts";
import { docxOf, seedAsXlsx, withDeclaredSize, xlsxOf } from "./test-support/office.ts";
import { MAX_SHEET_COLUMNS, MAX_WORKBOOK_CELLS, readXlsx } from "./xlsx.ts";

/*
 * Every expectation is written from what the test put into the workbook, never copied from the
 * reader's output.
 */

function sheetName(line: number, name: string): Block {
  return { kind: "text", text: name, role: "sheet", loc: { line, at: `「${name}」` } };
}

/** Row `r` of sheet `sheet` (table `table`); `above` lists the 1-based columns copied from a merge. */
function row(line: number, sheet: string, table: number, r: number, texts: string[], above: number[] = []): RowBlock {
  const cells = texts.map((text, i): Cell => {
    const at = `「${sheet}」${String.fromCharCode(65 + i)}${r}`;
    return above.includes(i + 1) ? { text, fromAbove: true, at } : { text, at };
  });
  return { kind: "row", cells, table, loc: { line, at: `「${sheet}」第 ${r} 行` } };
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook written by hand, part by part, for markup the writer library does not produce. */
function handWritten(sheets: { name: string; xml: string; state?: string }[], sharedStrings?: string): Uint8Array {
  const parts: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    "_rels/.rels": strToU8(
      `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<x:workbook xmlns:x="${MAIN}" xmlns:r="${DOC_RELS}"><x:sheets>${sheets
        .map((s, i) => `<x:sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ""}/>`)
        .join("")}</x:sheets></x:workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="${RELS}">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${DOC_RELS}/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml"/>`)
        .join("")}<Relationship Id="rIdS" Type="${DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
  };
  sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<x:worksheet xmlns:x="${MAIN}">${s.xml}</x:worksheet>`);
  });
  if (sharedStrings !== undefined) parts["xl/sharedStrings.xml"] = strToU8(`<sst xmlns="${MAIN}">${sharedStrings}</sst>`);
  return zipSync(parts);
}

const refused = refusalOf("x.xlsx");

describe("readXlsx: sheets and rows as a person sees them", () => {
  it("reads a merged title, a merged 类别, line breaks, rich text and numbers as shown; skips hidden and empty sheets", async () => {
    const bytes = await xlsxOf((wb) => {
      const basic = wb.addWorksheet("基本履职事项");
      basic.getRow(1).values = ["兰州湾镇基本履职事项清单"];
      basic.mergeCells("A1:C1");
      basic.getRow(2).values = ["序号", "事项类别", "事项名称"];
      basic.getRow(3).values = [1, "党的建设", "学习宣传\n党的路线"];
      basic.getRow(4).values = [2, null, { richText: [{ text: "落实" }, { text: "议事规则", font: { bold: true } }] }];
      basic.getRow(5).values = [3, null, "加强党员队伍建设"];
      basic.mergeCells("B3:B5");
      basic.getRow(7).values = [0.1 + 0.2, 3.0000000000000004, true];
      basic.getRow(8).values = [{ formula: 'C5&""', result: "公式结果" }, -0, 12345678];
      const hidden = wb.addWorksheet("隐藏");
      hidden.state = "hidden";
      hidden.getRow(1).values = ["不应出现"];
      wb.addWorksheet("空白");
      const coordinated = wb.addWorksheet("配合履职事项");
      coordinated.getRow(1).values = ["序号", "事项名称"];
      coordinated.getRow(2).values = [1, "推荐县级以上党代表"];
    });
    const basic = "基本履职事项";
    const coordinated = "配合履职事项";
    expect(readXlsx(bytes)).toEqual([
      sheetName(1, basic),
      row(2, basic, 0, 1, ["兰州湾镇基本履职事项清单", "", ""]),
      row(3, basic, 0, 2, ["序号", "事项类别", "事项名称"]),
      row(4, basic, 0, 3, ["1", "党的建设", "学习宣传\n党的路线"]),
      row(5, basic, 0, 4, ["2", "党的建设", "落实议事规则"], [2]),
      row(6, basic, 0, 5, ["3", "党的建设", "加强党员队伍建设"], [2]),
      row(7, basic, 0, 7, ["0.3", "3", "TRUE"]),
      row(8, basic, 0, 8, ["公式结果", "0", "12345678"]),
      sheetName(9, coordinated),
      // 空白 is the second visible sheet: it has no blocks but keeps its table number.
      row(10, coordinated, 2, 1, ["序号", "事项名称"]),
      row(11, coordinated, 2, 2, ["1", "推荐县级以上党代表"]),
    ]);
  });

  it("reads hand-written markup: x: prefixes, cells and rows without r, inline and phonetic strings, escapes, errors", () => {
    const strings = [
      `<si><t>序号</t></si>`,
      `<si><r><t>党的</t></r><r><rPr><b/></rPr><t>建设</t></r><rPh sb="0" eb="2"><t>dǎng de</t></rPh><phoneticPr fontId="1"/></si>`,
      `<si><t xml:space="preserve">第一行_x000D_
第二行</t></si>`,
      `<si><t>A&amp;B_x005F_x0041_</t></si>`,
    ].join("");
    const sheet = [
      `<x:sheetData>`,
      `<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:r><x:t>内联</x:t></x:r><x:r><x:t>文本</x:t></x:r></x:is></x:c></x:row>`,
      `<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>公式</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>`,
      `<x:row r="5"><x:c r="B5" t="s"><x:v>3</x:v></x:c><x:c r="C5" s="1"/><x:c r="D5"><x:v>1.5E+3</x:v></x:c></x:row>`,
      `</x:sheetData>`,
    ].join("");
    const bytes = handWritten(
      [
        { name: "清单", xml: sheet },
        {
          name: "旧表",
          xml: `<x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>不应出现</x:t></x:is></x:c></x:row></x:sheetData>`,
          state: "veryHidden",
        },
      ],
      strings,
    );
    expect(readXlsx(bytes)).toEqual([
      sheetName(1, "清单"),
      row(2, "清单", 0, 1, ["序号", "党的建设", "", "内联文本"]),
      row(3, "清单", 0, 2, ["第一行\n第二行", "#N/A", "公式", "FALSE"]),
      row(4, "清单", 0, 5, ["", "A&B_x0041_", "", "1500"]),
    ]);
  });

  it("spreads a 2×2 merged block: the text down the left column, the rest empty, covered values hidden", () => {
    const cells = (r: number, values: [string, string][]) =>
      `<x:row r="${r}">${values.map(([ref, v]) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${v}</x:t></x:is></x:c>`).join("")}</x:row>`;
    const xml =
      `<x:sheetData>${cells(1, [
        ["A1", "类别"],
        ["B1", "被合并遮住"],
        ["C1", "甲"],
      ])}${cells(2, [["C2", "乙"]])}${cells(3, [["A3", "丙"]])}</x:sheetData>` +
      `<x:mergeCells count="2"><x:mergeCell ref="A1:B2"/><x:mergeCell ref="C3:A3"/></x:mergeCells>`;
    expect(readXlsx(handWritten([{ name: "合并", xml }]))).toEqual([
      sheetName(1, "合并"),
      row(2, "合并", 0, 1, ["类别", "", "甲"]),
      row(3, "合并", 0, 2, ["类别", "", "乙"], [1]),
      row(4, "合并", 0, 3, ["丙", "", ""]),
    ]);
  });
});

describe("readXlsx: the seed as an Excel workbook", () => {
  // Rows as the seed's text has them: a title line is a row of one cell, a tab line a row of cells.
  const seedRows = seed
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => (line.includes("\t") ? line.split("\t").map(cellToText) : [line.trim()]));

  function expectSeedRows(blocks: Block[]) {
    const rows = blocks.filter((b): b is RowBlock => b.kind === "row");
    expect(rows.map((b) => b.cells.map((c) => cellToText(c.text)))).toEqual(
      seedRows.map((cells, i) => [...cells, ...Array<string>(rows[i]!.cells.length - cells.length).fill("")]),
    );
    expect(blocks.map((b) => b.loc.line)).toEqual(blocks.map((_, i) => i + 1));
  }

  it("gives every row of the seed, one sheet per list named after it", async () => {
    const blocks = readXlsx(await seedAsXlsx(seed));
    expectSeedRows(blocks);
    const titles = seedRows.filter((cells) => cells.length === 1).map(([title]) => title);
    expect(blocks.filter((b) => b.kind === "text").map((b) => b.text)).toEqual(titles);
    expect(new Set(blocks.filter((b) => b.kind === "row").map((b) => (b as RowBlock).table))).toEqual(new Set([0, 1, 2]));
  });

  it("copies merged 类别 cells down every row they span, on separate sheets and on one sheet", async () => {
    // A row's 类别 is merged with the row above when both are rows of one list with the same 类别.
    let previous = "";
    const mergedRows = seedRows.filter((cells) => {
      const category = cells.length > 1 ? cells[1]! : "";
      const merged = category !== "" && category === previous;
      previous = category;
      return merged;
    }).length;
    for (const oneSheet of [false, true]) {
      const blocks = readXlsx(await seedAsXlsx(seed, { mergeCategories: true, oneSheet }));
      expectSeedRows(blocks);
      const copied = blocks.flatMap((b) => (b.kind === "row" ? b.cells.filter((c) => c.fromAbove) : []));
      expect(copied.length).toBe(mergedRows);
      expect(copied.every((c) => /^「[^」]+」B\d+$/u.test(c.at!))).toBe(true);
      if (oneSheet) expect(blocks.filter((b) => b.kind === "text")).toHaveLength(1);
    }
  });
});

describe("readXlsx: hostile files are refused with a located one-line message, or read without blowing up", () => {
  it("refuses a file cut in half, random bytes, and zips that are not workbooks", async () => {
    const bytes = await seedAsXlsx(seed);
    expect(refused(() => readXlsx(bytes.slice(0, bytes.length >> 1)), "bad-file").message).toContain("已损坏或不完整");
    let state = 7;
    const random = Uint8Array.from({ length: 4096 }, () => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state >>> 24;
    });
    refused(() => readXlsx(random), "bad-file");
    expect(refused(() => readXlsx(zipSync({ "a.csv": strToU8("序号,事项名称") })), "bad-file").message).toContain("没有 xl/workbook.xml");
    const document = await docxOf([new Paragraph("清单")]);
    expect(refused(() => readXlsx(document), "bad-file").message).toContain("Word 文档");
  });

  it("reads a cell at XFD1048576 without allocating the sheet, padding rows to its width", async () => {
    const bytes = await xlsxOf((wb) => {
      const sheet = wb.addWorksheet("远处");
      sheet.getCell("A1").value = "甲";
      sheet.getCell("XFD1048576").value = "远处的格";
    });
    const blocks = readXlsx(bytes);
    expect(blocks).toHaveLength(3);
    const far = blocks[2] as RowBlock;
    expect(far.loc.at).toBe("「远处」第 1048576 行");
    expect(far.cells).toHaveLength(MAX_SHEET_COLUMNS);
    expect(far.cells.at(-1)).toEqual({ text: "远处的格", at: "「远处」XFD1048576" });
    expect((blocks[1] as RowBlock).cells.filter((c) => c.text)).toEqual([{ text: "甲", at: "「远处」A1" }]);
  });

  it("refuses a sheet whose padded rows exceed the cell limit, located at the far cell", () => {
    const rows = Array.from(
      { length: Math.ceil(MAX_WORKBOOK_CELLS / MAX_SHEET_COLUMNS) + 1 },
      (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}"><x:v>${i + 1}</x:v></x:c></x:row>`,
    );
    rows.push(`<x:row r="1048576"><x:c r="XFD1048576" t="inlineStr"><x:is><x:t>远</x:t></x:is></x:c></x:row>`);
    const error = refused(() => readXlsx(handWritten([{ name: "宽表", xml: `<x:sheetData>${rows.join("")}</x:sheetData>` }])), "too-large");
    expect(error.at).toBe("「宽表」XFD1048576");
  });

  it("reads a merge over the whole sheet without walking it", () => {
    const xml = `<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>全表</x:t></x:is></x:c></x:row><x:row r="3"><x:c r="A3"><x:v>3</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:XFD1048576"/></x:mergeCells>`;
    const blocks = readXlsx(handWritten([{ name: "大合并", xml }]));
    // Row 3 lies under the merge: its own value is hidden and only the copied text remains.
    expect(blocks).toHaveLength(2);
    expect((blocks[1] as RowBlock).cells).toHaveLength(MAX_SHEET_COLUMNS);
  });

  it("refuses references beyond Excel's limits and shared strings that do not exist, located at the cell", () => {
    const sheet = (cells: string) =>
      handWritten([{ name: "坏", xml: `<x:sheetData><x:row r="2">${cells}</x:row></x:sheetData>` }], `<si><t>唯一</t></si>`);
    expect(refused(() => readXlsx(sheet(`<x:c r="XFE2"><x:v>1</x:v></x:c>`)), "bad-file").at).toBe("「坏」第 2 行");
    expect(refused(() => readXlsx(sheet(`<x:c r="A99999999999"><x:v>1</x:v></x:c>`)), "bad-file").message).toContain("A99999999999");
    expect(refused(() => readXlsx(sheet(`<x:c r="B2" t="s"><x:v>5</x:v></x:c>`)), "bad-file").at).toBe("「坏」B2");
    const badRow = handWritten([{ name: "坏", xml: `<x:sheetData><x:row r="1048577"><x:c><x:v>1</x:v></x:c></x:row></x:sheetData>` }]);
    expect(refused(() => readXlsx(badRow), "bad-file").at).toBe("「坏」第 1048577 行");
  });

  it("refuses a workbook that lists a sheet it does not hold", () => {
    const bytes = handWritten([{ name: "清单", xml: `<x:sheetData/>` }]);
    const files = unzipSync(bytes);
    delete files["xl/worksheets/sheet1.xml"];
    expect(refused(() => readXlsx(zipSync(files)), "bad-file").message).toContain("清单");
  });

  it("refuses a part whose declared size is huge, and XML nested beyond the limit", async () => {
    const bytes = withDeclaredSize(await seedAsXlsx(seed), "xl/sharedStrings.xml", 0xfffffff0);
    expect(refused(() => readXlsx(bytes), "too-large").message).toContain(String(MAX_PART_BYTES));
    const deep = handWritten([{ name: "深", xml: `${"<x:a>".repeat(20_000)}${"</x:a>".repeat(20_000)}` }]);
    expect(refused(() => readXlsx(deep), "bad-file").message).toContain(String(MAX_XML_DEPTH));
  });
});
