import { beforeAll, describe, expect, it } from "vitest";
import { cellToText } from "../recognise/cell-text.ts";
import type { Block, RowBlock } from "./blocks.ts";
import { ParseError } from "./parse-error.ts";
import { MAX_PDF_PAGES, readPdf } from "./pdf.ts";
import { seedText } from "./test-support/expected.ts";
import { handMadePdf, pdfOf, printPdf, seedAsPdf, type Footer, type PrintedTable } from "./test-support/pdf.ts";

// The first read of a test file loads pdf.js, seconds on a busy machine; the seed prints to 32 pages.
const SLOW = { timeout: 120_000 };

/** Blocks as short literals: a string for a paragraph, [table, ...cells] for a row ("^" marks a cell copied from above). */
function shape(blocks: Block[]): (string | (number | string)[])[] {
  return blocks.map((b) => (b.kind === "text" ? b.text : [b.table, ...b.cells.map((c) => (c.fromAbove ? `^${c.text}` : c.text))]));
}

async function refusal(bytes: Uint8Array | Promise<Uint8Array>): Promise<ParseError> {
  const error = await readPdf(await bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

const HEADER = ["序号", "事项类别", "事项名称"];
// 9 pt text in a 200 pt column holds about 21 characters a line: this wraps over 4 lines.
const LONG = "深入学习贯彻习近平新时代中国特色社会主义思想，宣传和执行党的路线方针政策，执行上级党组织及本级党组织决议，加强政治建设";
const STEPS = "1. 明确代表推荐的总体要求、具体条件和推荐程序；\n2. 对上报的候选人初步人选进行资格审查；\n3. 完成选举后备案。";
// Latin words wrap whole and come back with their space.
const MIXED = "负责 12345 政务服务热线 and the data platform 系统的日常维护工作";
const XS = [60, 100, 180, 400];

/** Draws cell borders by hand at column lines xs and row lines ys, leaving out the listed pieces: [row line, column] across, [row, column line] down. */
function grid(
  doc: PDFKit.PDFDocument,
  xs: number[],
  ys: number[],
  gaps: { across?: [number, number][]; down?: [number, number][] } = {},
): void {
  const gap = (list: [number, number][] | undefined, a: number, b: number) => list?.some(([p, q]) => p === a && q === b);
  doc.lineWidth(0.5);
  for (const [r, y] of ys.entries()) {
    for (let c = 0; c + 1 < xs.length; c++)
      if (!gap(gaps.across, r, c))
        doc
          .moveTo(xs[c]!, y)
          .lineTo(xs[c + 1]!, y)
          .stroke();
  }
  for (const [c, x] of xs.entries()) {
    for (let r = 0; r + 1 < ys.length; r++)
      if (!gap(gaps.down, r, c))
        doc
          .moveTo(x, ys[r]!)
          .lineTo(x, ys[r + 1]!)
          .stroke();
  }
}

/** Writes one row's texts, each at the top left of its column. */
function put(doc: PDFKit.PDFDocument, texts: string[], y: number, xs = XS): void {
  for (const [c, text] of texts.entries()) if (text) doc.fontSize(10).text(text, xs[c]! + 3, y + 4, { lineBreak: false });
}

const table = (rows: string[][], extra: Partial<PrintedTable> = {}): PrintedTable => ({
  kind: "table",
  header: HEADER,
  rows,
  widths: [40, 70, 200],
  ...extra,
});

describe("readPdf: tables", SLOW, () => {
  it("joins a cell wrapped over several lines into one cell, keeping numbered steps on their lines", async () => {
    const bytes = await printPdf([
      { kind: "title", text: "测试镇基本履职事项清单" },
      table([
        ["1", "党的建设", LONG],
        ["2", "党的建设", STEPS],
        ["3", "经济发展", MIXED],
      ]),
    ]);
    const blocks = await readPdf(bytes);
    expect(shape(blocks)).toEqual([
      "测试镇基本履职事项清单",
      [0, ...HEADER],
      [0, "1", "党的建设", LONG],
      [0, "2", "党的建设", STEPS],
      [0, "3", "经济发展", MIXED],
    ]);
    expect(blocks.map((b) => b.loc)).toEqual([1, 2, 3, 4, 5].map((line) => ({ line, at: "第 1 页" })));
  });

  it("keeps a space a line wrapped at, and a paragraph break after a full line", async () => {
    // 163 pt of text across: the first line holds 18 characters, and the space after 「方案。」
    // does not fit; 「汇总…上报。」 fills its line exactly and 「县自然资源局」 starts a paragraph.
    const duty = "指导制定防汛抗旱应急预案和调度方案。 县水利局 负责组织指挥体系建设。\n汇总申报自然灾害防治项目并及时上报。\n县自然资源局";
    const bytes = await printPdf([
      table(
        [
          ["1", "平安法治", duty],
          ["2", "党的建设", LONG],
        ],
        { widths: [40, 70, 171] },
      ),
    ]);
    expect(shape(await readPdf(bytes))).toEqual([
      [0, ...HEADER],
      [0, "1", "平安法治", duty],
      [0, "2", "党的建设", LONG],
    ]);
  });

  it("tells a line that ends short because a bracket was carried down from one that ends a paragraph", async () => {
    const lines = ["合理布设县、镇、村回收站", "（点），与经营企业签订回收协议，建立台账；", "依法查处违法行为。", "县农业农村局"];
    const bytes = await pdfOf((doc) => {
      grid(doc, XS, [100, 120, 180]);
      put(doc, HEADER, 100);
      put(doc, ["1", "生态环保"], 120);
      for (const [i, line] of lines.entries()) doc.fontSize(10).text(line, XS[2]! + 3, 124 + i * 13.5, { lineBreak: false });
    });
    const [, row] = shape(await readPdf(bytes));
    expect(row).toEqual([
      0,
      "1",
      "生态环保",
      "合理布设县、镇、村回收站（点），与经营企业签订回收协议，建立台账；依法查处违法行为。\n县农业农村局",
    ]);
  });

  it("makes one row of a row cut by a page break, after the header repeated on the next page", async () => {
    // The gap leaves room for the header and a few lines of the long row only.
    const tall = Array.from({ length: 12 }, (_, i) => `${i + 1}. 第${i + 1}项工作要求，按照上级部署落实到位并及时报送情况`).join("\n");
    const bytes = await printPdf([
      { kind: "gap", height: 630 },
      table([
        ["1", "党的建设", tall],
        ["2", "经济发展", "做好统计工作"],
      ]),
    ]);
    const blocks = await readPdf(bytes);
    expect(shape(blocks)).toEqual([
      [0, ...HEADER],
      [0, "1", "党的建设", tall],
      [0, ...HEADER],
      [0, "2", "经济发展", "做好统计工作"],
    ]);
    expect(blocks.map((b) => b.loc.at)).toEqual(["第 1 页", "第 1 页", "第 2 页", "第 2 页"]);
  });

  it("makes one row of a row cut with borders closed on both sides of the break", async () => {
    const tall = Array.from({ length: 12 }, (_, i) => `${i + 1}. 第${i + 1}项工作要求，按照上级部署落实到位`).join("\n");
    const bytes = await printPdf([
      { kind: "gap", height: 630 },
      table(
        [
          ["1", "党的建设", tall],
          ["2", "经济发展", "做好统计工作"],
        ],
        { closedSplit: true, repeatHeader: false },
      ),
    ]);
    expect(shape(await readPdf(bytes))).toEqual([
      [0, ...HEADER],
      [0, "1", "党的建设", tall],
      [0, "2", "经济发展", "做好统计工作"],
    ]);
  });

  it("makes one row of a row that runs over three pages", async () => {
    // 70 steps of two lines each: about 1,700 pt, more than two A4 pages.
    const huge = Array.from({ length: 70 }, (_, i) => `${i + 1}. 第${i + 1}项工作要求，按照上级部署落实到位并及时报送情况`).join("\n");
    const bytes = await printPdf([
      table(
        [
          ["1", "党的建设", huge],
          ["2", "经济发展", "做好统计工作"],
        ],
        { repeatHeader: false },
      ),
    ]);
    const blocks = await readPdf(bytes);
    expect(shape(blocks)).toEqual([
      [0, ...HEADER],
      [0, "1", "党的建设", huge],
      [0, "2", "经济发展", "做好统计工作"],
    ]);
    expect(blocks[2]!.loc.at).toBe("第 3 页");
  });

  it("reads a title, its table and the note under it as paragraphs and rows in order", async () => {
    // The note is wider than the page and wraps over two lines: one paragraph.
    const note =
      "注：本清单所列事项为乡镇（街道）依法履行的基本职责，上级部门不得以签订责任状、考核评比等方式将职责范围外的事项转嫁给乡镇。";
    const bytes = await printPdf([
      { kind: "title", text: "测试镇配合履职事项清单" },
      table([["1", "党的建设", "党内统计工作"]]),
      { kind: "text", text: note },
    ]);
    expect(shape(await readPdf(bytes))).toEqual(["测试镇配合履职事项清单", [0, ...HEADER], [0, "1", "党的建设", "党内统计工作"], note]);
  });

  it("reads merged cells: a category merged down two rows, two columns merged across", async () => {
    const bytes = await pdfOf((doc) => {
      // No border under 党的建设 (row 1 to row 2) in the category column, none between the
      // category and the name in row 3.
      grid(doc, XS, [100, 120, 140, 160, 180], { across: [[2, 1]], down: [[3, 2]] });
      put(doc, HEADER, 100);
      put(doc, ["1", "", "事项甲"], 120);
      put(doc, ["", "党的建设", ""], 130);
      put(doc, ["2", "", "事项乙"], 140);
      put(doc, ["3", "说明：本行两列合并", ""], 160);
    });
    expect(shape(await readPdf(bytes))).toEqual([
      [0, ...HEADER],
      [0, "1", "党的建设", "事项甲"],
      [0, "2", "^党的建设", "事项乙"],
      [0, "3", "说明：本行两列合并", ""],
    ]);
  });

  it("carries a merged category over a page break to the rows it covers on the next page", async () => {
    const bytes = await pdfOf((doc) => {
      // The category cell of row 1 stays open at the foot of page 1.
      grid(doc, XS, [700, 720, 740], { across: [[2, 1]] });
      put(doc, HEADER, 700);
      put(doc, ["1", "党的建设", "事项甲"], 720);
      doc.addPage();
      grid(doc, XS, [60, 80, 100, 120]);
      put(doc, HEADER, 60);
      put(doc, ["2", "", "事项乙"], 80);
      put(doc, ["3", "经济发展", "事项丙"], 100);
    });
    const blocks = await readPdf(bytes);
    expect(shape(blocks)).toEqual([
      [0, ...HEADER],
      [0, "1", "党的建设", "事项甲"],
      [0, ...HEADER],
      [0, "2", "^党的建设", "事项乙"],
      [0, "3", "经济发展", "事项丙"],
    ]);
    expect(blocks.map((b) => b.loc.at)).toEqual(["第 1 页", "第 1 页", "第 2 页", "第 2 页", "第 2 页"]);
  });

  it("reads a table printed without borders from its columns", async () => {
    const rows = [
      ["1", "党的建设", "加强基层阵地建设，优化提升服务能力，做好党员教育管理工作"],
      ["2", "经济发展", "负责本镇统计工作"],
    ];
    const bytes = await printPdf([{ kind: "title", text: "无边框的清单" }, table(rows, { ruled: false, widths: [40, 80, 200] })]);
    expect(shape(await readPdf(bytes))).toEqual(["无边框的清单", [0, ...HEADER], ...rows.map((r) => [0, ...r])]);
  });
});

describe("readPdf: pages", SLOW, () => {
  // Two lists: the first goes on at the top of page 2 (without its header), the second starts on page 3.
  const rows = (n: number, what: string) => Array.from({ length: n }, (_, i) => [String(i + 1), "党的建设", `${what}第${i + 1}项`]);
  const items = [
    { kind: "title", text: "第一份清单" },
    table(rows(3, "甲")),
    { kind: "gap", height: 600 },
    table(rows(2, "乙"), { header: null }),
    { kind: "page-break" },
    { kind: "title", text: "第二份清单" },
    table(rows(2, "丙")),
  ] as const;
  const expected = [
    "第一份清单",
    [0, ...HEADER],
    ...rows(3, "甲").map((r) => [0, ...r]),
    // Same columns at the top of the next page: the table goes on, its index stays.
    [0, "1", "党的建设", "乙第1项"],
    [0, "2", "党的建设", "乙第2项"],
    "第二份清单",
    [1, ...HEADER],
    ...rows(2, "丙").map((r) => [1, ...r]),
  ];

  for (const footer of ["page-of-total", "dash", "number"] as Footer[]) {
    it(`drops page numbers (${footer}) and keeps each table's index`, async () => {
      const blocks = await readPdf(await printPdf([...items], { footer }));
      expect(shape(blocks)).toEqual(expected);
      expect(blocks.map((b) => b.loc.line)).toEqual(expected.map((_, i) => i + 1));
    });
  }

  it("keeps the index of a table that goes on at the top of the next page", async () => {
    // 40 short rows do not fit on one A4 page.
    const many = rows(40, "丁");
    const blocks = (await readPdf(await printPdf([{ kind: "title", text: "长清单" }, table(many)]))).filter(
      (b): b is RowBlock => b.kind === "row",
    );
    const data = blocks.filter((b) => b.cells[0]!.text !== "序号");
    expect(data.map((b) => b.cells.map((c) => c.text))).toEqual(many);
    expect(new Set(blocks.map((b) => b.table))).toEqual(new Set([0]));
    expect(blocks.filter((b) => b.cells[0]!.text === "序号").map((b) => b.loc.at)).toEqual(["第 1 页", "第 2 页"]);
  });
});

describe("readPdf: page geometry", SLOW, () => {
  it("reads a page turned by /Rotate as it is displayed", async () => {
    const bytes = await pdfOf((doc) => {
      // A portrait page shown landscape: the content is drawn turned back, as printers do.
      Object.assign(doc.page.dictionary.data, { Rotate: 90 });
      doc.transform(0, -1, 1, 0, 0, 841.89);
      doc.fontSize(12).text("横向页面的标题", 300, 40, { lineBreak: false });
      grid(doc, [60, 120, 300, 780], [80, 100, 120]);
      put(doc, HEADER, 80, [60, 120, 300]);
      put(doc, ["1", "党的建设", "横向表格中的事项"], 100, [60, 120, 300]);
    });
    expect(shape(await readPdf(bytes))).toEqual(["横向页面的标题", [0, ...HEADER], [0, "1", "党的建设", "横向表格中的事项"]]);
  });
});

describe("readPdf: text", SLOW, () => {
  it("drops a running header repeated on every page", async () => {
    const items = [
      { kind: "title", text: "长清单" },
      table(Array.from({ length: 40 }, (_, i) => [String(i + 1), "党的建设", `事项${i + 1}`])),
    ] as const;
    const blocks = await readPdf(await printPdf([...items], { footer: "dash", running: "兰州湾镇履职事项清单（2025 年版）" }));
    expect(blocks.filter((b) => b.kind === "text").map((b) => b.text)).toEqual(["长清单"]);
    expect(blocks.filter((b) => b.kind === "row")).toHaveLength(42);
  });

  it("decodes a font that is not embedded, with a predefined CMap (UniGB-UCS2-H)", async () => {
    expect(shape(await readPdf(handMadePdf("兰州湾镇基本履职事项清单", "UniGB-UCS2-H")))).toEqual(["兰州湾镇基本履职事项清单"]);
  });

  it("reads Kangxi radicals that a font maps its glyphs to as the ideographs they look like", async () => {
    expect(shape(await readPdf(handMadePdf("⽣态环保⾏政执法", "Identity-H")))).toEqual(["生态环保行政执法"]);
  });
});

describe("readPdf: refusals", SLOW, () => {
  const small = () => printPdf([{ kind: "title", text: "测试" }, table([["1", "党的建设", "党内统计工作"]])]);

  it("refuses a PDF without a text layer", async () => {
    const shapes = pdfOf((doc) => {
      doc.rect(60, 60, 300, 200).stroke();
      doc.circle(300, 500, 80).fill("#888888");
    });
    const error = await refusal(shapes);
    expect(error.code).toBe("unsupported-format");
    expect(error.detail).toBe("这是扫描版 PDF（没有文字层），无法读取文字；请提供 Word/Excel 原件或文字版 PDF");
  });

  it("refuses a password-protected PDF, reads one with only an owner password", async () => {
    const draw = (doc: PDFKit.PDFDocument) => doc.fontSize(12).text("加密的清单", 60, 60, { lineBreak: false });
    const error = await refusal(pdfOf(draw, { userPassword: "1234", ownerPassword: "5678", pdfVersion: "1.7" }));
    expect(error.code).toBe("unsupported-format");
    expect(error.detail).toContain("已加密");
    expect(shape(await readPdf(await pdfOf(draw, { ownerPassword: "5678", pdfVersion: "1.7" })))).toEqual(["加密的清单"]);
  });

  it("refuses truncated bytes", async () => {
    const bytes = await small();
    for (const keep of [0.3, 0.6, 0.95]) {
      expect((await refusal(bytes.slice(0, Math.floor(bytes.length * keep)))).code).toBe("bad-file");
    }
  });

  it("refuses random bytes, with and without PDF markers", async () => {
    // A fixed linear congruential sequence: the same noise on every run.
    const noise = new Uint8Array(4000);
    for (let i = 0, x = 7; i < noise.length; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      noise[i] = x & 0xff;
    }
    expect((await refusal(noise)).code).toBe("bad-file");
    const dressed = new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), ...noise, ...new TextEncoder().encode("\n%%EOF\n")]);
    expect((await refusal(dressed)).code).toBe("bad-file");
    expect((await refusal(new Uint8Array())).code).toBe("bad-file");
  });

  it(`refuses more than ${MAX_PDF_PAGES} pages`, async () => {
    // The first page and MAX_PDF_PAGES more, all blank.
    const bytes = await pdfOf((doc) => {
      for (let i = 0; i < MAX_PDF_PAGES; i++) doc.addPage();
    });
    expect((await refusal(bytes)).code).toBe("too-large");
  });
});

describe("readPdf: the seed printed as a town prints it", SLOW, () => {
  const text = seedText;
  let blocks: Block[] = [];
  beforeAll(async () => {
    blocks = await readPdf(await seedAsPdf(text));
  }, SLOW.timeout);

  // The expectation comes from the seed text: titles are the lines without tabs, a list's first
  // row is its header, and rows equal to the header are its repetitions.
  const squeeze = (s: string) => s.replace(/\s+/gu, "");
  const lists: { title: string; header: string[]; rows: string[][] }[] = [];
  for (const line of text.split(/\r?\n/u)) {
    if (!line.includes("\t")) {
      if (line.trim()) lists.push({ title: line.trim(), header: [], rows: [] });
      continue;
    }
    const list = lists[lists.length - 1]!;
    const cells = line.split("\t").map((c) => squeeze(cellToText(c)));
    if (list.header.length === 0) list.header = cells;
    else if (cells.join("\t") !== list.header.join("\t")) list.rows.push(cells);
  }

  it("gives every data row of the seed, in order, cell by cell", () => {
    const rows = blocks.filter((b): b is RowBlock => b.kind === "row");
    const got = rows
      .map((b) => b.cells.map((c) => squeeze(c.text)))
      .filter((cells) => !lists.some((l) => cells.join("\t") === l.header.join("\t")));
    expect(got).toEqual(lists.flatMap((l) => l.rows));
    expect(lists.map((l) => l.rows.length)).toEqual([109, 100, 37]);
  });

  it("puts each title before its table, and drops the footers", () => {
    const texts = blocks.filter((b) => b.kind === "text").map((b) => b.text);
    expect(texts).toEqual(lists.map((l) => l.title));
    lists.forEach((list, i) => {
      const title = blocks.findIndex((b) => b.kind === "text" && b.text === list.title);
      const first = blocks.findIndex((b) => b.kind === "row" && b.table === i);
      expect(first).toBe(title + 1);
      expect(shape([blocks[first]!])).toEqual([[i, ...list.header.map((h) => h)]]);
    });
    expect(blocks.map((b) => b.loc.line)).toEqual(blocks.map((_, i) => i + 1));
  });
});
