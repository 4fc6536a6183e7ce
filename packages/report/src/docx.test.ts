import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderDocx } from "./docx.ts";
import type { ReportDocument } from "./model.ts";
import { readDocx } from "./test-support/read-docx.ts";
import { testPng } from "./test-support/png.ts";

const report: ReportDocument = {
  title: "兰州湾镇履职事项清单分析报告",
  facts: [
    { label: "范围", value: "昌吉州 / 玛纳斯县 / 兰州湾镇" },
    { label: "导出日期", value: "2026年12月1日" },
  ],
  header: "兰州湾镇履职事项清单分析报告　导出于 2026年12月1日",
  subject: "测试",
  keywords: "履职事项清单",
  blocks: [
    { kind: "heading", level: 1, text: "一、摘要" },
    { kind: "paragraph", text: "配合＋收回事项占比 55.7%。" },
    { kind: "heading", level: 2, text: "（一）图" },
    {
      kind: "figure",
      title: "三张清单事项数",
      note: "三张清单各有多少事项（项）。",
      image: { png: testPng(1800, 900), width: 1800, height: 900 },
    },
    { kind: "figure", title: "很高的图", image: { png: testPng(400, 4000), width: 400, height: 4000 } },
    {
      kind: "table",
      title: "各类别事项数",
      columns: [{ label: "事项类别", width: 3 }, { label: "基本履职事项" }, { label: "占比" }],
      rows: [
        ["社会保障", 9, { share: 0.557 }],
        ["党的建设\n（第二行）", 1234, null],
      ],
      total: ["合计", 246, { share: 1 }],
    },
  ],
};

describe("renderDocx", () => {
  it("writes a Word document a converter reads back: headings, numbered figures and tables, a filled table of contents", async () => {
    const doc = await readDocx(await renderDocx(report));
    expect(doc.problems).toEqual([]);
    expect(doc.headings).toEqual([
      { level: 1, text: "一、摘要" },
      { level: 2, text: "（一）图" },
    ]);
    expect(doc.paragraphs.slice(0, 3)).toEqual([
      "兰州湾镇履职事项清单分析报告",
      "范围：昌吉州 / 玛纳斯县 / 兰州湾镇",
      "导出日期：2026年12月1日",
    ]);
    // The table of contents lists the headings before Word ever updates it.
    expect(doc.paragraphs).toContain("一、摘要");
    expect(doc.paragraphs.filter((p) => p === "（一）图")).toHaveLength(1);
    expect(doc.paragraphs).toContain("图 1　三张清单事项数");
    expect(doc.paragraphs).toContain("说明：三张清单各有多少事项（项）。");
    expect(doc.paragraphs).toContain("图 2　很高的图");
    expect(doc.images.map((i) => i.alt)).toEqual(["图 1 三张清单事项数", "图 2 很高的图"]);
    expect(doc.tables).toEqual([
      {
        caption: "表 1　各类别事项数",
        rows: [
          ["事项类别", "基本履职事项", "占比"],
          ["社会保障", "9", "55.7%"],
          ["党的建设\n（第二行）", "1,234", ""],
          ["合计", "246", "100.0%"],
        ],
      },
    ]);
  });

  it("embeds each chart's PNG byte for byte, stored rather than deflated again", async () => {
    const bytes = await renderDocx(report);
    const pngs = report.blocks.flatMap((b) => (b.kind === "figure" ? [b.image.png] : []));
    const zip = unzipSync(bytes);
    const media = Object.entries(zip).filter(([path]) => path.startsWith("word/media/"));
    expect(media.map(([, data]) => Buffer.from(data))).toEqual(pngs.map((png) => Buffer.from(png)));
    // A stored zip entry holds its bytes as they are: each PNG is found verbatim in the file.
    for (const png of pngs) expect(Buffer.from(bytes).indexOf(Buffer.from(png))).toBeGreaterThan(0);
    // mammoth finds the images where the document's relationships point.
    const doc = await readDocx(bytes);
    expect(doc.images.map((i) => i.bytes)).toEqual(pngs.map((png) => png.length));
  });

  it("uses Word's heading styles with outline levels, repeats table headers, and numbers pages below a running header", async () => {
    const { parts } = await readDocx(await renderDocx(report));
    const styles = parts["word/styles.xml"]!;
    const style = (id: string) =>
      styles.slice(styles.indexOf(`w:styleId="${id}"`), styles.indexOf("</w:style>", styles.indexOf(`w:styleId="${id}"`)));
    expect(style("Heading1")).toContain('<w:name w:val="Heading 1"/>');
    expect(style("Heading1")).toContain('<w:outlineLvl w:val="0"/>');
    expect(style("Heading2")).toContain('<w:outlineLvl w:val="1"/>');
    expect(style("Heading1")).toContain('w:eastAsia="黑体"');
    expect(styles).toContain('w:eastAsia="仿宋"');
    const body = parts["word/document.xml"]!;
    expect(body).toContain("<w:tblHeader/>");
    expect(body).toContain("<w:cantSplit/>");
    // A real TOC field over heading levels 1–2, so Word's 更新目录 keeps working.
    expect(body).toContain("TOC \\h \\o &quot;1-2&quot;");
    // A4 portrait.
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
    const header = Object.entries(parts).find(([path, xml]) => path.startsWith("word/header") && xml.includes("导出于"))?.[1];
    expect(header).toContain("兰州湾镇履职事项清单分析报告　导出于 2026年12月1日");
    const footer = Object.entries(parts).find(([path, xml]) => path.startsWith("word/footer") && xml.includes("PAGE"))?.[1];
    expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/u);
  });

  it("declares its Chinese fonts with English names and the GB2312 character set, so a missing one is substituted in kind", async () => {
    const fonts = (await readDocx(await renderDocx(report))).parts["word/fontTable.xml"]!;
    for (const [name, alt] of [
      ["仿宋", "FangSong"],
      ["宋体", "SimSun"],
      ["黑体", "SimHei"],
    ]) {
      expect(fonts).toMatch(new RegExp(`<w:font w:name="${name}"><w:altName w:val="${alt}"/>.*?<w:charset w:val="86"/>`, "u"));
    }
  });

  it("fits a wide image to the text width and a tall one to the page", async () => {
    const body = (await readDocx(await renderDocx(report))).parts["word/document.xml"]!;
    const sizes = [...body.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/gu)].map((m) => [Number(m[1]) / 9525, Number(m[2]) / 9525]);
    expect(sizes).toHaveLength(2);
    const [wide, tall] = sizes as [[number, number], [number, number]];
    // 11906 − 2 × 1531 twips of text width = 589 px at 15 twips per px; the aspect ratio is kept.
    expect(wide[0]).toBeCloseTo(589, 0);
    expect(wide[0] / wide[1]).toBeCloseTo(2, 1);
    expect(tall[1]).toBeLessThan((16838 - 2 * 1418) / 15);
    expect(tall[1] / tall[0]).toBeCloseTo(10, 0);
  });
});
