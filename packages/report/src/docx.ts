import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { count, share } from "./format.ts";
import { isShare, type ReportBlock, type ReportCell, type ReportDocument, type ReportImage } from "./model.ts";

/*
 * Writes a ReportDocument as a real Word document with the `docx` library: Word's own heading
 * styles (so the navigation pane and the table of contents work), captions in the Caption style,
 * tables with a header row that repeats on every page and rows that never split, images at the
 * text width. A pure function of its input (no DOM, no I/O): the browser calls it with charts it
 * rendered, the CLI without charts, and a worker pool can run it as it is.
 */

// Fonts as Chinese government documents set them: 黑体 headings, 仿宋 body, 宋体 in tables; Latin
// text and digits in Times New Roman. fontTable.xml (finishPackage) gives each its English name
// and GB2312 character set, so Word or WPS without the font substitutes one of the same kind.
const LATIN = "Times New Roman";
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });
const BODY = font("仿宋");
const TABLE = font("宋体");
const HEADING = font("黑体");
const SUBHEADING = font("楷体");

// A4 with margins of 2.5 cm top and bottom and 2.7 cm at the sides (1 cm = 567 twips).
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN = { top: 1418, bottom: 1418, left: 1531, right: 1531, header: 851, footer: 851 };
const TEXT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
/** docx sizes images in CSS pixels (96 per inch = 15 twips each). */
const TEXT_WIDTH_PX = Math.floor(TEXT_WIDTH / 15);
/** A figure and its caption stay on one page: at most this tall. */
const FIGURE_MAX_HEIGHT_PX = Math.floor((PAGE_HEIGHT - MARGIN.top - MARGIN.bottom) / 15) - 120;

export async function renderDocx(report: ReportDocument): Promise<Uint8Array> {
  const charts: Charts = new Map();
  const document = new Document({
    title: report.title,
    subject: report.subject,
    keywords: report.keywords,
    creator: "履职图谱",
    description: report.facts.map((f) => `${f.label}：${f.value}`).join("；"),
    styles: {
      default: {
        document: { run: { font: BODY, size: 24 }, paragraph: { spacing: { line: 360 } } },
        title: {
          run: { font: HEADING, size: 44, color: "000000" },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 600 } },
        },
        heading1: {
          run: { font: HEADING, size: 32, bold: false, color: "000000" },
          paragraph: { outlineLevel: 0, keepNext: true, keepLines: true, spacing: { before: 360, after: 120 } },
        },
        heading2: {
          run: { font: SUBHEADING, size: 28, bold: true, color: "000000" },
          paragraph: { outlineLevel: 1, keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } },
        },
      },
      paragraphStyles: [
        {
          id: "Caption",
          name: "caption",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { font: HEADING, size: 21, color: "000000" },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 60, after: 60, line: 300 } },
        },
        {
          id: "FigureNote",
          name: "Figure Note",
          basedOn: "Normal",
          next: "Normal",
          run: { font: BODY, size: 20, color: "444444" },
          paragraph: { spacing: { before: 0, after: 240, line: 300 } },
        },
        {
          id: "TableText",
          name: "Table Text",
          basedOn: "Normal",
          run: { font: TABLE, size: 21 },
          paragraph: { spacing: { before: 20, after: 20, line: 264 } },
        },
        {
          id: "Fact",
          name: "Title Page Fact",
          basedOn: "Normal",
          run: { font: BODY, size: 28 },
          paragraph: { spacing: { before: 80, after: 80, line: 360 }, indent: { left: 1134 } },
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE_WIDTH, height: PAGE_HEIGHT }, margin: MARGIN },
        },
        headers: { default: runningHeader(report.header), first: new Header({ children: [] }) },
        footers: { default: pageFooter(), first: new Footer({ children: [] }) },
        children: [...titlePage(report), ...contents(), ...body(report.blocks, charts)],
      },
    ],
  });
  const bytes = await Packer.pack(document, "uint8array");
  return finishPackage(bytes, charts);
}

function titlePage(report: ReportDocument): (Paragraph | Table)[] {
  return [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    ...report.facts.map(
      (fact) => new Paragraph({ style: "Fact", children: [new TextRun({ text: `${fact.label}：`, bold: true }), new TextRun(fact.value)] }),
    ),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

/** A table of contents already filled in from the headings (docx writes the entries), so it is never empty on opening. */
function contents(): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "目　录", font: HEADING, size: 32 })] }),
    new TableOfContents("目录", { hyperlink: true, headingStyleRange: "1-2", beginDirty: false }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function body(blocks: readonly ReportBlock[], charts: Charts): (Paragraph | Table)[] {
  let figures = 0;
  let tables = 0;
  return blocks.flatMap((block): (Paragraph | Table)[] => {
    switch (block.kind) {
      case "heading":
        return [new Paragraph({ text: block.text, heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 })];
      case "paragraph":
        return [new Paragraph({ text: block.text, indent: { firstLine: 480 } })];
      case "list":
        return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
      case "figure": {
        figures++;
        return [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            children: [image(block.image, `图 ${figures} ${block.title}`, charts)],
          }),
          new Paragraph({ style: "Caption", keepNext: block.note !== undefined, text: `图 ${figures}　${block.title}` }),
          ...(block.note ? [new Paragraph({ style: "FigureNote", text: `说明：${block.note}` })] : []),
        ];
      }
      default: {
        // The last kind: a table.
        tables++;
        return [
          new Paragraph({ style: "Caption", keepNext: true, text: `表 ${tables}　${block.title}` }),
          table(
            block.columns.map((c) => c.label),
            block.columns.map((c) => c.width ?? 1),
            block.rows,
            block.total,
          ),
          new Paragraph({ style: "FigureNote", text: block.note ? `说明：${block.note}` : "" }),
        ];
      }
    }
  });
}

/**
 * A chart's PNG by the stand-in bytes docx is given in its place. docx deflates every part it zips,
 * and the charts (a megabyte of PNG, deflated already) took most of that time in a report's build
 * (bench:report) to save a sixth of their size; finishPackage puts them in stored as they are.
 */
type Charts = Map<string, Uint8Array>;

/** Fitted to the text width, and to one page's height with its caption. */
function image(source: ReportImage, title: string, charts: Charts): ImageRun {
  const scale = Math.min(TEXT_WIDTH_PX / source.width, FIGURE_MAX_HEIGHT_PX / source.height);
  // Unique per chart, so docx, which names media by a hash of their bytes, keeps one file each.
  const standIn = `duty-atlas-chart-${charts.size + 1}`;
  charts.set(standIn, source.png);
  return new ImageRun({
    type: "png",
    data: strToU8(standIn),
    transformation: { width: Math.round(source.width * scale), height: Math.round(source.height * scale) },
    altText: { name: title, title, description: title },
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" };

function table(columns: string[], weights: number[], rows: ReportCell[][], total: ReportCell[] | undefined): Table {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / sum));
  const cell = (value: ReportCell, column: number, options: { header?: boolean; bold?: boolean } = {}) => {
    const numeric = typeof value === "number" || isShare(value);
    return new TableCell({
      width: { size: widths[column]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      shading: options.header ? { type: ShadingType.CLEAR, fill: "E7E9EE", color: "auto" } : undefined,
      // A line break in the text starts a paragraph of its own (a change's place, category and name).
      children: cellText(value)
        .split("\n")
        .map(
          (line) =>
            new Paragraph({
              style: "TableText",
              alignment: options.header ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
              children: [new TextRun({ text: line, bold: options.header || options.bold })],
            }),
        ),
    });
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      // Repeated at the top of every page the table runs onto.
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c, i, { header: true })) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((value, i) => cell(value, i)) })),
      ...(total ? [new TableRow({ cantSplit: true, children: total.map((value, i) => cell(value, i, { bold: true })) })] : []),
    ],
  });
}

export function cellText(value: ReportCell): string {
  if (value === null) return "";
  if (typeof value === "number") return count(value);
  if (isShare(value)) return share(value.share);
  return value;
}

function runningHeader(text: string): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "808080", space: 1 } },
        children: [new TextRun({ text, font: BODY, size: 18, color: "444444" })],
      }),
    ],
  });
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["第 ", PageNumber.CURRENT, " 页　共 ", PageNumber.TOTAL_PAGES, " 页"], font: BODY, size: 18 })],
      }),
    ],
  });
}

/**
 * The fonts the document names, declared in fontTable.xml as Word itself declares them: with the
 * English name (altName), the GB2312 character set and the font family, which is what Word and WPS
 * use to pick a substitute when a reader's machine lacks 仿宋 or 黑体 (a Mac, LibreOffice on Linux).
 */
const FONT_DECLARATIONS: { name: string; altName?: string; panose: string; charset: string; family: string; pitch: string }[] = [
  { name: "仿宋", altName: "FangSong", panose: "02010609060101010101", charset: "86", family: "modern", pitch: "fixed" },
  { name: "宋体", altName: "SimSun", panose: "02010600030101010101", charset: "86", family: "auto", pitch: "variable" },
  { name: "黑体", altName: "SimHei", panose: "02010609060101010101", charset: "86", family: "modern", pitch: "fixed" },
  { name: "楷体", altName: "KaiTi", panose: "02010609060101010101", charset: "86", family: "modern", pitch: "fixed" },
  { name: LATIN, panose: "02020603050405020304", charset: "00", family: "roman", pitch: "variable" },
];

/** The package docx wrote, with the fonts declared and the charts' PNGs in place of their stand-ins. */
function finishPackage(docx: Uint8Array, charts: Charts): Uint8Array {
  const files = unzipSync(docx);
  const path = "word/fontTable.xml";
  const xml = files[path] ? strFromU8(files[path]) : null;
  if (!xml) throw new Error("docx 写出的文件缺少 word/fontTable.xml，无法声明字体");
  const declarations = FONT_DECLARATIONS.map(
    (f) =>
      `<w:font w:name="${f.name}">${f.altName ? `<w:altName w:val="${f.altName}"/>` : ""}<w:panose1 w:val="${f.panose}"/>` +
      `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join("");
  const patched =
    xml.endsWith("/>") && !xml.includes("</w:fonts>")
      ? xml.replace(/\/>$/u, `>${declarations}</w:fonts>`)
      : xml.replace("</w:fonts>", `${declarations}</w:fonts>`);
  files[path] = strToU8(patched);
  // [Content_Types].xml first, as Word writes it; some readers look for it there.
  const ordered: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { "[Content_Types].xml": files["[Content_Types].xml"]! };
  let placed = 0;
  for (const [name, data] of Object.entries(files)) {
    if (name === "[Content_Types].xml") continue;
    const chart = name.startsWith("word/media/") ? charts.get(strFromU8(data)) : undefined;
    if (chart) placed++;
    ordered[name] = chart ? [chart, { level: 0 }] : data;
  }
  if (placed !== charts.size) throw new Error(`报告的 ${charts.size} 张图只放入了 ${placed} 张（docx 未按原样写出图片占位）`);
  return zipSync(ordered, { level: 6 });
}
