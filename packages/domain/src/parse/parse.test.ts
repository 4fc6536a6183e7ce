import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allDuties, type Revision } from "../types.ts";
import { parseDocument } from "./parse.ts";

const SEED = fileURLToPath(new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url));
const seedBytes = readFileSync(SEED);

function seed(): Revision {
  const result = parseDocument(seedBytes);
  if (!result.ok) throw result.error;
  return result.revision;
}

// The expected numbers below were counted on the seed with awk, independently of the parser, e.g.
//   awk -F'\t' 'NF==6 && $1!="序号"{n=split($4,a,"、"); t+=n} END{print t}'   → 150 links
//   awk -F'\t' 'NF==4 && $1!="序号"{split($4,a,"："); print a[1]}' | sort -u   → 14 receivers
describe("the seed document (兰州湾镇)", () => {
  const revision = seed();
  const { basic, coordinated, reclaimed } = revision.lists;

  it("reads the region from the title", () => {
    expect(revision.region).toEqual({ province: null, prefecture: "昌吉州", county: "玛纳斯县", town: "兰州湾镇" });
  });

  it("finds all three lists, including the title with the missing 职", () => {
    expect(basic).toHaveLength(109);
    expect(coordinated).toHaveLength(100);
    expect(reclaimed).toHaveLength(37);
    expect(revision.titles.coordinated?.text).toBe("昌吉州玛纳斯县兰州湾镇配合履事项清单");
    expect(revision.titles.coordinated?.line).toBe(142);
  });

  it("numbers each list 1..N", () => {
    for (const list of [basic, coordinated, reclaimed]) {
      expect(list.map((d) => d.seq)).toEqual(list.map((_, i) => i + 1));
    }
  });

  it("keeps categories per list and overall in order of appearance", () => {
    const distinct = (duties: { category: string }[]) => new Set(duties.map((d) => d.category)).size;
    expect(distinct(basic)).toBe(19);
    expect(distinct(coordinated)).toBe(17);
    expect(distinct(reclaimed)).toBe(10);
    expect(revision.categories).toHaveLength(20);
    expect(revision.categories.slice(0, 3)).toEqual(["党的建设", "经济发展", "民生服务"]);
    expect(revision.categories.at(-1)).toBe("教育培训监管");
    const perCategory = Object.fromEntries(revision.categories.map((c) => [c, basic.filter((d) => d.category === c).length]));
    // DOMAIN.md §10, basic list: 党的建设 22 … 综合政务 6.
    expect(perCategory).toMatchObject({ 党的建设: 22, 经济发展: 7, 乡村振兴: 14, 社会保障: 9, 综合政务: 6, 投资促进: 1 });
  });

  it("splits department cells, with or without a space after 、", () => {
    const links = coordinated.flatMap((d) => d.departments);
    expect(links).toHaveLength(150);
    expect(coordinated.filter((d) => d.departments.length > 1)).toHaveLength(25);
    expect(new Set(links.map((l) => l.name)).size).toBe(37);
    expect(coordinated[4]!.departments.map((d) => d.name)).toEqual(["玛纳斯县委组织部", "玛纳斯县人力资源和社会保障局"]);
    expect(coordinated[20]!.departments).toHaveLength(8);
    expect(links.filter((l) => l.name === "玛纳斯县农业农村局")).toHaveLength(13);
  });

  it("keeps the vague tail of a department as a note", () => {
    expect(coordinated[81]!.departments).toEqual([{ name: "玛纳斯县应急管理局", note: "及其他负有安全生产监督管理职责的部门" }]);
  });

  it("splits receiver and working method of reclaimed rows", () => {
    expect(new Set(reclaimed.flatMap((d) => d.receivers.map((r) => r.name))).size).toBe(14);
    expect(reclaimed[0]!.receivers).toEqual([{ name: "玛纳斯县民政局", note: null }]);
    expect(reclaimed[0]!.method.map((s) => s.text)).toEqual(["依据婚姻登记历史档案，出具婚姻状况证明，并加盖公章。"]);
    // Reclaimed 28 numbers its eight steps inline: 1. 现场检查与线索发现； 2. 立案审批； …
    expect(reclaimed[27]!.method.map((s) => s.text)).toEqual([
      "现场检查与线索发现；",
      "立案审批；",
      "调查取证；",
      "责令整改；",
      "行政处罚事先告知；",
      "作出处罚决定；",
      "执行与监督；",
      "结案归档。",
    ]);
  });

  it("knows 38 departments, with short names and kinds", () => {
    expect(revision.departments).toHaveLength(38);
    const byName = new Map(revision.departments.map((d) => [d.name, d]));
    expect(byName.get("玛纳斯县委编办")).toMatchObject({ shortName: "编办", abbreviation: "县委编办", level: "县", kind: "party" });
    expect(byName.get("玛纳斯县政协")).toMatchObject({ kind: "congress" });
    expect(byName.get("玛纳斯县红十字会")).toMatchObject({ kind: "mass" });
    expect(byName.get("昌吉州生态环境局玛纳斯县分局")).toMatchObject({ shortName: "生态环境局", level: "州", kind: "branch" });
    expect(byName.get("玛纳斯县市场监督管理局")).toMatchObject({ shortName: "市场监督管理局", kind: "government" });
  });

  it("leaves no markup in any text, but keeps angle brackets used as parentheses", () => {
    const texts = allDuties(revision).flatMap((d) => [
      d.name,
      d.category,
      ...(d.list === "coordinated" ? [...d.departmentDuties, ...d.townDuties] : d.list === "reclaimed" ? d.method : []).flatMap((s) => [
        s.text,
        s.heading ?? "",
      ]),
    ]);
    expect(texts.filter((t) => /<\/?(p|ol|li|br|span)\b/iu.test(t))).toEqual([]);
    expect(reclaimed[21]!.name).toContain("乡<镇>村");
    expect(reclaimed[21]!.name).toContain("<不涉及农用地>");
  });

  it("splits <p>-numbered cells into steps, keeping which department each belongs to", () => {
    const row15 = coordinated[14]!;
    expect(row15.departmentDuties).toHaveLength(4);
    expect(row15.departmentDuties.map((s) => s.department)).toEqual([
      "玛纳斯县民政局",
      "玛纳斯县公安局",
      null /* 县管理局 resolves to nothing */,
      "玛纳斯县卫生健康委员会",
    ]);
    expect(row15.departmentDuties[1]!.text).toBe("县公安局发现流浪乞讨人员，告知其到救助管理机构求助；");
  });

  it("reads cells divided per department by a bare department name", () => {
    const row76 = coordinated[75]!;
    expect(row76.departmentDuties.map((s) => [s.department, s.text])).toEqual([
      ["玛纳斯县委宣传部", "按要求向兰州湾镇配备各类图书；"],
      ["玛纳斯县委宣传部", "指导兰州湾镇做好图书选购，督促新华书店做好图书配送、发放工作。"],
      ["玛纳斯县文化体育广播电视台和旅游局", "指导兰州湾镇分类整理图书编目。"],
    ]);
    expect(row76.townDuties).toHaveLength(5);
  });

  it("keeps 一、/二、 headings of unclosed <ol> cells", () => {
    const row30 = coordinated[29]!;
    expect(row30.departmentDuties).toHaveLength(8);
    expect(row30.departmentDuties[0]).toMatchObject({ heading: "农药使用指导、服务工作", text: "组织技术人员开展科学使用农药化肥培训；" });
    expect(row30.departmentDuties[7]).toMatchObject({ heading: "农药包装废弃物回收清理工作" });
  });

  it("reports the wrong abbreviation 县管理局 instead of guessing", () => {
    const result = parseDocument(seedBytes);
    if (!result.ok) throw result.error;
    const unresolved = result.warnings.filter((w) => w.code === "unresolved-abbreviation");
    expect(unresolved.map((w) => [w.line, w.text])).toEqual([
      [167, "县管理局"],
      [179, "县管理局"],
    ]);
  });
});

describe("other documents", () => {
  const basicOnly = (rows: string) => `某省某市某县某镇基本履职事项清单\n序号\t事项类别\t事项名称\n${rows}`;

  it("accepts 镇街/街道 wording and a district", () => {
    const doc =
      "重庆市黔江区城东街道配合履职事项清单\n序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责\t街道配合职责\n1\t党的建设\t组织工作\t黔江区委组织部\t1.指导；2.督促\t1.落实\n";
    const result = parseDocument(doc);
    if (!result.ok) throw result.error;
    // 重庆市 is a municipality: a province-level unit, whose districts are county-level.
    expect(result.revision.region).toEqual({ province: "重庆市", prefecture: null, county: "黔江区", town: "城东街道" });
    expect(result.revision.departments[0]).toMatchObject({ name: "黔江区委组织部", abbreviation: "区委组织部", kind: "party" });
    expect(result.revision.lists.coordinated[0]!.departmentDuties.map((s) => s.text)).toEqual(["指导；", "督促"]);
  });

  it("decodes entities after removing tags, so encoded markup stays text", () => {
    const doc =
      "某县某镇上级部门收回事项清单\n序号\t事项类别\t事项名称\t承接部门及工作方式\n1\t其他\t&lt;p&gt;名称\t某县民政局：<p>由&amp;县民政局负责</p>\n";
    const result = parseDocument(doc);
    if (!result.ok) throw result.error;
    expect(result.revision.lists.reclaimed[0]!.name).toBe("&lt;p&gt;名称");
    expect(result.revision.lists.reclaimed[0]!.method[0]!.text).toBe("由&县民政局负责");
  });

  it("warns about a 序号 gap but keeps the rows", () => {
    const result = parseDocument(basicOnly("1\t甲\t事项一\n3\t甲\t事项三\n"));
    if (!result.ok) throw result.error;
    expect(result.revision.lists.basic.map((d) => d.seq)).toEqual([1, 3]);
    expect(result.warnings.filter((w) => w.code === "seq-gap").map((w) => w.line)).toEqual([4]);
  });

  it.each([
    ["no title at all", "序号\t事项类别\t事项名称\n1\t甲\t乙\n", "not-a-duty-list", 1],
    ["wrong column count", basicOnly("1\t甲\t事项一\n2\t甲\n"), "column-count", 4],
    ["non-numeric 序号", basicOnly("1\t甲\t事项一\n二\t甲\t事项二\n"), "bad-seq", 4],
    ["out-of-order 序号", basicOnly("1\t甲\t事项一\n2\t甲\t事项二\n2\t甲\t事项三\n"), "seq-order", 5],
    ["empty name", basicOnly("1\t甲\t事项一\n2\t甲\t \n3\t甲\t事项三\n"), "empty-cell", 4],
    ["row before its header", "某县某镇基本履职事项清单\n1\t甲\t事项一\n", "row-before-header", 2],
    ["row without tabs inside a list", basicOnly("1\t甲\t事项一\n续行文字\n"), "no-separator", 4],
    ["a header without 事项名称", "某县某镇基本履职事项清单\n序号\t事项类别\t备注栏\n", "bad-header", 2],
  ])("%s is a located ParseError", (_what, doc, code, line) => {
    const result = parseDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.line).toBe(line);
    expect(result.error.describe("x.txt")).toMatch(new RegExp(`^x\\.txt:${line}: `));
  });
});
