import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seedAsDocx, seedAsXlsx } from "../read/test-support/office.ts";
import { seedAsPdf } from "../read/test-support/pdf.ts";
import { seedAsCsv, seedAsHtml, seedAsMarkdown, seedAsUnicodeText } from "../read/test-support/web.ts";
import type { ListKind, Region } from "../types.ts";
import { readDocument } from "./parse.ts";

/*
 * Documents laid out the many ways towns publish them, generated from a known model so every
 * expected count is known by construction: header wordings, categories as a column or as section
 * rows, 序号 restarting per category or written 1、/（1）/full-width or missing, an overall title
 * with numbered sections, 附件 marks and years, lists in another order or missing, a notice before
 * and notes after, departments written in full, as 县…, bare, abbreviated, with role marks and
 * every separator — each written as text, HTML, Markdown, CSV, Unicode text, Word and Excel.
 */

interface Model {
  region: Region;
  /** The place as titles print it. */
  place: string;
  basic: { category: string; name: string }[];
  coordinated: { category: string; name: string; departments: number[] }[];
  reclaimed: { category: string; name: string; receivers: number[] }[];
}

/** Departments of the model: the body as the canonical name has it, and an abbreviation documents use. */
const DEPARTMENTS: { body: string; abbreviation: string; party?: boolean }[] = [
  { body: "民政局", abbreviation: "民政局" },
  { body: "人力资源和社会保障局", abbreviation: "人社局" },
  { body: "住房和城乡建设局", abbreviation: "住建局" },
  { body: "市场监督管理局", abbreviation: "市场监管局" },
  { body: "组织部", abbreviation: "组织部", party: true },
  { body: "农业农村局", abbreviation: "农业农村局" },
];

const PLACES: { region: Region; place: string }[] = [
  { region: { province: "福建省", prefecture: "福州市", county: "闽侯县", town: "南屿镇" }, place: "福建省福州市闽侯县南屿镇" },
  { region: { province: null, prefecture: "温州市", county: "鹿城区", town: "五马街道" }, place: "温州市鹿城区五马街道" },
  {
    region: { province: null, prefecture: "昌吉回族自治州", county: "木垒哈萨克自治县", town: "西吉尔镇" },
    place: "昌吉回族自治州木垒哈萨克自治县西吉尔镇",
  },
  { region: { province: "江苏省", prefecture: "徐州市", county: "铜山区", town: "柳泉镇" }, place: "江苏省徐州市铜山区柳泉镇" },
  { region: { province: null, prefecture: null, county: "昆山市", town: "巴城镇" }, place: "昆山市巴城镇" },
  {
    region: { province: "内蒙古自治区", prefecture: "锡林郭勒盟", county: "正蓝旗", town: "那日图苏木" },
    place: "内蒙古自治区锡林郭勒盟正蓝旗那日图苏木",
  },
  {
    region: { province: "广西壮族自治区", prefecture: "桂林市", county: "龙胜各族自治县", town: "伟江乡" },
    place: "广西壮族自治区桂林市龙胜各族自治县伟江乡",
  },
  { region: { province: null, prefecture: "杭州市", county: "西湖区", town: "转塘街道" }, place: "杭州市西湖区转塘街道" },
  { region: { province: null, prefecture: null, county: "玛纳斯县", town: "兰州湾镇" }, place: "玛纳斯县兰州湾镇" },
  {
    region: { province: "贵州省", prefecture: "黔东南苗族侗族自治州", county: "雷山县", town: "方祥乡" },
    place: "贵州省黔东南苗族侗族自治州雷山县方祥乡",
  },
];

/** Same numbers on every run (mulberry32). */
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

const CATEGORIES = ["党的建设", "经济发展", "民生服务", "平安法治", "应急管理及消防"];

function model(seed: number): Model {
  const r = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const { region, place } = pick(PLACES);
  const rows = (prefix: string) =>
    CATEGORIES.slice(0, 2 + Math.floor(r() * 3)).flatMap((category, c) =>
      Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => ({ category, name: `${prefix}${category}第${c + 1}类第${i + 1}项工作` })),
    );
  const depts = () => [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => Math.floor(r() * DEPARTMENTS.length)))];
  return {
    region,
    place,
    basic: rows("负责"),
    coordinated: rows("配合").map((d) => ({ ...d, departments: depts() })),
    reclaimed: rows("收回").map((d) => ({ ...d, receivers: depts().slice(0, 1) })),
  };
}

interface Layout {
  headers: "official" | "synonyms" | "district";
  /** sections: 一、党的建设 as a line of its own; seq-rows: 一 | 党的建设 in the 序号 and 事项名称 cells of a row. */
  categories: "column" | "sections" | "seq-rows" | "blank-below";
  seq: "straight" | "restart" | "dotted" | "bracketed" | "full-width" | "compound" | "none";
  /** combined: one table of all three lists, a 事项类型 column naming each row's list. */
  titles: "per-list" | "overall" | "attachment" | "combined";
  order: ListKind[];
  departments: "full" | "county-marker" | "bare" | "abbreviated" | "role-marks";
  separator: string;
  extras: boolean;
  /** A 备注 column after the list's own columns. */
  remarks: boolean;
}

const HEADERS: Record<Layout["headers"], Record<ListKind, string[]>> = {
  official: {
    basic: ["序号", "事项类别", "事项名称"],
    coordinated: ["序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡镇配合职责"],
    reclaimed: ["序号", "事项类别", "事项名称", "承接部门及工作方式"],
  },
  synonyms: {
    basic: ["序  号", "类别", "履职事项名称"],
    coordinated: ["序号", "领域", "职责事项", "牵头部门", "牵头部门职责", "配合职责"],
    reclaimed: ["序号", "类型", "具体事项", "承接单位", "工作方式"],
  },
  district: {
    basic: ["序号", "事项类型", "履职事项"],
    coordinated: ["序号", "类别", "事项名称", "区级部门", "区级部门职责", "街道职责"],
    reclaimed: ["序号", "类别", "收回事项", "收回部门", "承接方式"],
  },
};

const TITLE_WORDS: Record<ListKind, string> = {
  basic: "基本履职事项清单",
  coordinated: "配合履职事项清单",
  reclaimed: "上级部门收回事项清单",
};
const CHINESE = ["一", "二", "三", "四", "五", "六"];

function departmentText(m: Model, index: number, style: Layout["departments"]): string {
  const d = DEPARTMENTS[index]!;
  const county = m.region.county!;
  const levelChar = county.at(-1)!;
  const wei = d.party ? "委" : "";
  switch (style) {
    case "full":
      return `${county}${wei}${d.body}`;
    case "county-marker":
      return `${levelChar}${wei}${d.body}`;
    case "bare":
      return d.body;
    case "abbreviated":
      return `${levelChar}${wei}${d.abbreviation}`;
    case "role-marks":
      return `${county}${wei}${d.body}（牵头）`;
  }
}

/** 序号 as the layout writes it; `category` is the category's number, for the 1-3 style. */
function seqText(layout: Layout, n: number, category: number): string {
  switch (layout.seq) {
    case "straight":
    case "restart":
      return String(n);
    case "dotted":
      return `${n}、`;
    case "bracketed":
      return `（${n}）`;
    case "full-width":
      return String(n).replace(/\d/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case "compound":
      return `${category}-${n}`;
    case "none":
      return "";
  }
}

/** The model as a document in the tab-separated text layout (which the writers turn into other formats). */
function render(m: Model, layout: Layout): string {
  if (layout.titles === "combined") return renderCombined(m, layout);
  const lines: string[] = [];
  if (layout.extras)
    lines.push(`关于印发《${m.place}履行职责事项清单》的通知`, "各村（社区）：", "现将清单印发给你们，请结合实际认真贯彻落实。", "");
  if (layout.titles === "overall") lines.push(`${m.place}履行职责事项清单（2025年版）`, "");
  layout.order.forEach((kind, i) => {
    const title =
      layout.titles === "per-list"
        ? `${m.place}${TITLE_WORDS[kind]}`
        : layout.titles === "overall"
          ? `${CHINESE[i]}、${TITLE_WORDS[kind]}`
          : `附件${i + 1}：2025年${m.place}${TITLE_WORDS[kind]}`;
    lines.push(title);
    const header = [...HEADERS[layout.headers][kind]];
    const withSeq = layout.seq !== "none";
    const withCategory = layout.categories !== "sections" && layout.categories !== "seq-rows";
    const cols = [...header.filter((_, c) => (withSeq || c !== 0) && (withCategory || c !== 1)), ...(layout.remarks ? ["备注"] : [])];
    lines.push(cols.join("\t"));
    const rows = m[kind];
    let last = "";
    let inCategory = 0;
    let sections = 0;
    let categoriesSeen = 0;
    rows.forEach((row, r) => {
      if (row.category !== last) {
        inCategory = 0;
        categoriesSeen++;
        if (layout.categories === "sections") lines.push(`${CHINESE[sections++]}、${row.category}`);
        if (layout.categories === "seq-rows") lines.push([CHINESE[sections++], row.category, ...cols.slice(2).map(() => "")].join("\t"));
      }
      inCategory++;
      const n = layout.seq === "restart" || layout.seq === "compound" ? inCategory : r + 1;
      const category = layout.categories === "blank-below" && row.category === last ? "" : row.category;
      last = row.category;
      const cells: string[] = [];
      if (withSeq) cells.push(seqText(layout, n, sections || categoriesSeen));
      if (withCategory) cells.push(category);
      cells.push(row.name);
      if (kind === "coordinated") {
        const d = (row as Model["coordinated"][number]).departments;
        cells.push(
          d.map((i) => departmentText(m, i, layout.departments)).join(layout.separator),
          "1. 制定方案；2. 组织实施。",
          "1. 宣传动员；2. 收集上报。",
        );
      }
      if (kind === "reclaimed") {
        const d = (row as Model["reclaimed"][number]).receivers[0]!;
        const receiver = departmentText(m, d, layout.departments);
        if (layout.headers === "official") cells.push(`${receiver}：直接执法。`);
        else cells.push(receiver, "直接执法。");
      }
      if (layout.remarks) cells.push(r % 2 === 0 ? "新增" : "");
      lines.push(cells.join("\t"));
    });
    lines.push("");
  });
  if (layout.extras) lines.push("注：本清单自印发之日起施行，由县委编办负责解释。");
  return lines.join("\n");
}

/** All three lists in one table, as a district's import template has them (DOMAIN.md §11). */
function renderCombined(m: Model, layout: Layout): string {
  const lines: string[] = [];
  if (layout.extras)
    lines.push(`关于印发《${m.place}履行职责事项清单》的通知`, "各村（社区）：", "现将清单印发给你们，请结合实际认真贯彻落实。", "");
  lines.push(`${m.place}履职事项清单`);
  const withSeq = layout.seq !== "none";
  const header = ["序号", "事项类型", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡镇配合职责", "承接部门", "工作方式"];
  lines.push((withSeq ? header : header.slice(1)).join("\t"));
  let n = 0;
  for (const kind of layout.order) {
    for (const row of m[kind]) {
      const cells = [TITLE_WORDS[kind].replace(/清单$/u, ""), row.category, row.name, "", "", "", "", ""];
      if (kind === "coordinated") {
        const d = (row as Model["coordinated"][number]).departments;
        cells.splice(
          3,
          3,
          d.map((i) => departmentText(m, i, layout.departments)).join(layout.separator),
          "1. 制定方案；2. 组织实施。",
          "1. 宣传动员；2. 收集上报。",
        );
      }
      if (kind === "reclaimed") {
        const d = (row as Model["reclaimed"][number]).receivers[0]!;
        cells.splice(6, 2, departmentText(m, d, layout.departments), "直接执法。");
      }
      lines.push((withSeq ? [String(++n), ...cells] : cells).join("\t"));
    }
  }
  if (layout.extras) lines.push("", "注：本清单自印发之日起施行，由县委编办负责解释。");
  return lines.join("\n");
}

function layout(seed: number): Layout {
  const r = random(seed * 7919);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const orders: ListKind[][] = [
    ["basic", "coordinated", "reclaimed"],
    ["reclaimed", "coordinated", "basic"],
    ["basic", "reclaimed"],
    ["coordinated", "basic", "reclaimed"],
  ];
  const titles = pick(["per-list", "overall", "attachment", "combined"] as const);
  // One table of all lists numbers its rows straight through, its categories in their column.
  const seq =
    titles === "combined"
      ? pick(["straight", "none"] as const)
      : pick(["straight", "restart", "dotted", "bracketed", "full-width", "compound", "none"] as const);
  // A table of one column (no 序号, categories as section rows) cannot be told from paragraphs in a text file.
  const categories =
    titles === "combined"
      ? "column"
      : seq === "none"
        ? pick(["column", "blank-below"] as const)
        : pick(["column", "sections", "seq-rows", "blank-below"] as const);
  return {
    headers: pick(["official", "synonyms", "district"] as const),
    categories,
    seq,
    titles,
    order: pick(orders),
    departments: pick(["full", "county-marker", "bare", "abbreviated", "role-marks"] as const),
    // <br> is how the text layout writes a line break inside a cell (the writers turn it into one).
    separator: pick(["、", "，", "；", "、 ", "/", "<br>"]),
    extras: r() < 0.5,
    remarks: r() < 0.3 && titles !== "combined",
  };
}

type Format = "text" | "html" | "markdown" | "csv" | "unicode" | "docx" | "xlsx" | "pdf";

async function write(text: string, format: Format): Promise<{ bytes: Uint8Array; fileName: string }> {
  switch (format) {
    case "text":
      return { bytes: new TextEncoder().encode(text), fileName: "list.txt" };
    case "html":
      return { bytes: new TextEncoder().encode(seedAsHtml(text)), fileName: "list.html" };
    case "markdown":
      return { bytes: new TextEncoder().encode(seedAsMarkdown(text)), fileName: "list.md" };
    case "csv":
      return { bytes: seedAsCsv(text, { encoding: "gb18030" }), fileName: "list.csv" };
    case "unicode":
      return { bytes: seedAsUnicodeText(text), fileName: "list.txt" };
    case "docx":
      return { bytes: await seedAsDocx(text), fileName: "list.docx" };
    case "pdf":
      return { bytes: await seedAsPdf(text), fileName: "list.pdf" };
    case "xlsx":
      // One sheet: the writer would start a sheet at every paragraph (a notice, a category heading).
      return { bytes: await seedAsXlsx(text, { mergeCategories: true, oneSheet: true }), fileName: "list.xlsx" };
  }
}

const FORMATS: Format[] = ["text", "html", "markdown", "csv", "unicode", "docx", "xlsx", "pdf"];
const CASES = Array.from({ length: 96 }, (_, i) => i + 1);

describe("generated documents in many layouts read back to their model", () => {
  it.each(CASES)("layout %i", { timeout: 60_000 }, async (seed) => {
    const m = model(seed);
    const l = layout(seed);
    const format = FORMATS[seed % FORMATS.length]!;
    const text = render(m, l);
    if (process.env.LAYOUT_DUMP) writeFileSync(`${process.env.LAYOUT_DUMP}/layout-${seed}.txt`, text);
    const { bytes, fileName } = await write(text, format);
    const result = await readDocument(bytes, { fileName });
    if (!result.ok) throw new Error(`${format} ${JSON.stringify(l)}: ${result.error.describe(fileName)}`);
    const { revision } = result;
    expect(revision.region).toEqual(m.region);
    if (l.remarks) {
      const noted = revision.lists[l.order[0]!].filter((d) => d.notes?.some((n) => n.column === "备注" && n.text === "新增")).length;
      expect(noted).toBe(Math.ceil(m[l.order[0]!].length / 2));
    }
    for (const kind of ["basic", "coordinated", "reclaimed"] as const) {
      const want = l.order.includes(kind) ? m[kind] : [];
      expect(
        revision.lists[kind].map((d) => [d.category, d.name]),
        `${kind} in ${format} ${JSON.stringify(l)}`,
      ).toEqual(want.map((d) => [d.category, d.name]));
      expect(revision.lists[kind].map((d) => d.seq)).toEqual(want.map((_, i) => i + 1));
    }
    const name = (i: number) => `${m.region.county}${DEPARTMENTS[i]!.party ? "委" : ""}${DEPARTMENTS[i]!.body}`;
    if (l.order.includes("coordinated")) {
      expect(revision.lists.coordinated.map((d) => d.departments.map((x) => x.name))).toEqual(
        m.coordinated.map((d) => d.departments.map(name)),
      );
      expect(
        revision.lists.coordinated.map((d) => [d.departmentDuties.map((s) => s.text), d.townDuties.map((s) => s.text)]),
        `${format} ${JSON.stringify(l)}`,
      ).toEqual(
        m.coordinated.map(() => [
          ["制定方案；", "组织实施。"],
          ["宣传动员；", "收集上报。"],
        ]),
      );
    }
    if (l.order.includes("reclaimed")) {
      expect(revision.lists.reclaimed.map((d) => d.receivers.map((x) => x.name))).toEqual(m.reclaimed.map((d) => d.receivers.map(name)));
      expect(revision.lists.reclaimed.map((d) => d.method.map((s) => s.text))).toEqual(m.reclaimed.map(() => ["直接执法。"]));
    }
    const kinds = new Map(DEPARTMENTS.map((d, i) => [name(i), d.party ? "party" : "government"]));
    for (const d of revision.departments) expect(d.kind).toBe(kinds.get(d.name));
  });
});
