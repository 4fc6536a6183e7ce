import { describe, expect, it } from "vitest";
import type { Block, Cell, DocumentFormat } from "../read/blocks.ts";
import { ParseError } from "../read/parse-error.ts";
import type { Region } from "../types.ts";
import { recognise } from "./recognise.ts";

/*
 * Layouts other towns publish, written as blocks (what any reader produces) so each sample states
 * exactly what a person sees: a string is a paragraph, an array is a table row, and a cell written
 * "^text" lies in a merged cell below its first row (the reader copies its text down).
 */
type Item = string | string[] | { sheet: string };

function blocks(items: Item[], loose: boolean): Block[] {
  let table = 0;
  let inTable = false;
  return items.map((item, i): Block => {
    const loc = { line: i + 1, at: String(i + 1) };
    if (typeof item === "string") {
      if (inTable) table++;
      inTable = false;
      return { kind: "text", text: item, loc, ...(loose ? { loose } : {}) };
    }
    if (!Array.isArray(item)) {
      inTable = false;
      table++;
      return { kind: "text", text: item.sheet, loc, role: "sheet" };
    }
    inTable = true;
    const cells = item.map((t): Cell => (t.startsWith("^") ? { text: t.slice(1), fromAbove: true } : { text: t }));
    return { kind: "row", cells, loc, table };
  });
}

function read(items: Item[], options: { region?: Region; format?: DocumentFormat } = {}) {
  const format = options.format ?? "docx";
  // Lines of a text-like file carry no table structure of their own; Word paragraphs do.
  return recognise(blocks(items, format === "text" || format === "csv" || format === "markdown"), { ...options, format });
}

function refused(items: Item[], options: { region?: Region; format?: DocumentFormat } = {}): ParseError {
  try {
    read(items, options);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error("expected a ParseError, but the document was read");
}

const perCategory = (duties: { category: string }[]) => {
  const out: Record<string, number> = {};
  for (const d of duties) out[d.category] = (out[d.category] ?? 0) + 1;
  return out;
};

const TOWN: Region = { province: null, prefecture: null, county: "某某县", town: "甲镇" };

describe("header wordings", () => {
  it("reads synonyms of every column, spaced headers and extra columns kept as notes", () => {
    const { revision } = read([
      "某某县甲镇基本履职事项清单",
      ["序  号", "类型", "履职事项名称", "备注"],
      ["1", "党的建设", "抓党建", "重点"],
      ["2", "党的建设", "管干部", ""],
      "某某县甲镇配合履职事项清单",
      ["编号", "领域", "职责事项", "牵头部门", "牵头部门职责", "镇职责"],
      ["A1", "平安法治", "治安巡逻", "县公安局", "1.部署；2.指导", "1.巡逻"],
      "某某县甲镇上级部门收回事项清单",
      ["序号", "具体事项", "承接单位", "承接方式"],
      ["1", "对违法建设的处罚", "县住建局", "由县住建局直接执法"],
    ]);
    expect(revision.region).toEqual({ province: null, prefecture: null, county: "某某县", town: "甲镇" });
    expect(revision.lists.basic.map((d) => [d.seq, d.category, d.name])).toEqual([
      [1, "党的建设", "抓党建"],
      [2, "党的建设", "管干部"],
    ]);
    expect(revision.lists.basic[0]!.notes).toEqual([{ column: "备注", text: "重点" }]);
    expect(revision.lists.basic[1]!.notes).toBeUndefined();
    // 编号 is a note, not 序号: the list has no 序号 column, so items count from 1.
    const [c] = revision.lists.coordinated;
    expect(c).toMatchObject({ seq: 1, category: "平安法治", name: "治安巡逻", notes: [{ column: "编号", text: "A1" }] });
    expect(c!.departments).toEqual([{ name: "某某县公安局", note: null }]);
    expect(c!.departmentDuties.map((s) => s.text)).toEqual(["部署；", "指导"]);
    expect(c!.townDuties.map((s) => s.text)).toEqual(["巡逻"]);
    const [r] = revision.lists.reclaimed;
    expect(r!.category).toBe("未分类");
    expect(r!.receivers).toEqual([{ name: "某某县住房和城乡建设局", note: null }]);
    expect(r!.method.map((s) => s.text)).toEqual(["由县住建局直接执法"]);
  });

  it("reads the town's own name in the town column and a department column of a 收回 list as its receivers", () => {
    const { revision } = read([
      "某某县甲镇配合履职事项清单",
      ["序号", "事项类别", "事项名称", "对应县级部门", "县级部门职责", "甲镇配合职责"],
      ["1", "民生服务", "低保审核", "某某县民政局", "审批", "初审"],
      "某某县甲镇上级收回事项清单",
      ["序号", "事项类别", "事项名称", "责任部门", "工作方式"],
      ["1", "市场监管", "食品抽检", "县市场监管局", "县市场监管局统一抽检"],
    ]);
    expect(revision.lists.coordinated[0]!.townDuties.map((s) => s.text)).toEqual(["初审"]);
    expect(revision.lists.reclaimed[0]!.receivers).toEqual([{ name: "某某县市场监督管理局", note: null }]);
  });

  it("joins a header written over two rows", () => {
    const { revision } = read([
      "某某县甲镇配合履职事项清单",
      ["序号", "事项类别", "事项名称", "对应上级部门", "职责分工", ""],
      ["^序号", "^事项类别", "^事项名称", "^对应上级部门", "上级部门职责", "乡镇配合职责"],
      ["1", "民生服务", "低保审核", "县民政局", "审批", "初审"],
    ]);
    const [d] = revision.lists.coordinated;
    expect(d!.departmentDuties.map((s) => s.text)).toEqual(["审批"]);
    expect(d!.townDuties.map((s) => s.text)).toEqual(["初审"]);
  });

  it("reads sub-headings under the group heading merged across them (对应县级部门 over 名称 | 职责)", () => {
    const { revision } = read([
      "某某县甲镇配合履职事项清单",
      ["序号", "事项名称", "对应县级部门", "", "乡镇配合职责"],
      ["^序号", "^事项名称", "名称", "职责", "^乡镇配合职责"],
      ["1", "低保审核", "县民政局", "审批", "初审"],
    ]);
    const [d] = revision.lists.coordinated;
    expect(d!.name).toBe("低保审核");
    expect(d!.departments.map((x) => x.name)).toEqual(["某某县民政局"]);
    expect(d!.departmentDuties.map((s) => s.text)).toEqual(["审批"]);
    expect(d!.townDuties.map((s) => s.text)).toEqual(["初审"]);
  });

  it("refuses a header that lacks a column its list cannot do without", () => {
    const err = refused(["某某县甲镇配合履职事项清单", ["序号", "事项类别", "事项名称", "备注"], ["1", "甲", "乙", ""]]);
    expect(err.code).toBe("bad-header");
    expect(err.message).toContain("对应上级部门");
  });
});

describe("categories", () => {
  it("reads category section rows in place of a category column", () => {
    const { revision } = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "事项名称"],
      ["一、党的建设（2项）", ""],
      ["1", "抓党建"],
      ["2", "管干部"],
      ["二、经济发展", ""],
      ["3", "招商引资"],
    ]);
    expect(revision.lists.basic.map((d) => [d.seq, d.category])).toEqual([
      [1, "党的建设"],
      [2, "党的建设"],
      [3, "经济发展"],
    ]);
  });

  it("reads category headings between tables (Word) and numbered heading lines (text)", () => {
    const word = read([
      "某某县甲镇基本履职事项清单",
      "党的建设",
      ["序号", "事项名称"],
      ["1", "抓党建"],
      "经济发展",
      ["序号", "事项名称"],
      ["1", "招商引资"],
    ]);
    expect(perCategory(word.revision.lists.basic)).toEqual({ 党的建设: 1, 经济发展: 1 });
    const text = read(
      ["某某县甲镇基本履职事项清单", ["序号", "事项名称"], "（一）党的建设", ["1", "抓党建"], "（二）经济发展", ["2", "招商引资"]],
      { format: "text" },
    );
    expect(perCategory(text.revision.lists.basic)).toEqual({ 党的建设: 1, 经济发展: 1 });
  });

  it("reads category rows numbered 一、二 in the 序号 column above items numbered 1, 2, 3", () => {
    const { revision } = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "事项名称", "备注"],
      ["一", "党的建设（2项）", ""],
      ["1", "抓党建", ""],
      ["2", "管干部", "新增"],
      ["二、", "经济发展", ""],
      ["1", "招商引资", ""],
    ]);
    expect(revision.lists.basic.map((d) => [d.category, d.name])).toEqual([
      ["党的建设", "抓党建"],
      ["党的建设", "管干部"],
      ["经济发展", "招商引资"],
    ]);
    // The heading may stand in the 类别 column, its 事项名称 empty.
    const inCategory = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "事项类别", "事项名称"],
      ["（一）", "党的建设", ""],
      ["1", "", "抓党建"],
      ["（二）", "经济发展", ""],
      ["1", "", "招商引资"],
    ]);
    expect(perCategory(inCategory.revision.lists.basic)).toEqual({ 党的建设: 1, 经济发展: 1 });
  });

  it("keeps a last item numbered （三） an item, not a heading", () => {
    const { revision } = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "事项名称"],
      ["（一）", "抓党建"],
      ["（二）", "管干部"],
      ["（三）", "建阵地"],
    ]);
    expect(revision.lists.basic.map((d) => d.name)).toEqual(["抓党建", "管干部", "建阵地"]);
  });

  it("applies a category written once to the rows below it", () => {
    const { revision } = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "事项类别", "事项名称"],
      ["1", "党的建设", "抓党建"],
      ["2", "", "管干部"],
      ["3", "^党的建设", "建阵地"],
      ["4", "经济发展", "招商引资"],
    ]);
    expect(perCategory(revision.lists.basic)).toEqual({ 党的建设: 3, 经济发展: 1 });
  });
});

describe("序号", () => {
  it("reads every way of writing it", () => {
    const { revision } = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "事项类别", "事项名称"],
      ["1.", "甲", "一"],
      ["2、", "甲", "二"],
      ["（3）", "甲", "三"],
      ["４", "甲", "四"],
      ["05", "甲", "五"],
    ]);
    expect(revision.lists.basic.map((d) => d.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("numbers items by position when 序号 restarts in every category", () => {
    const { revision } = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "事项类别", "事项名称"],
      ["1", "党的建设", "抓党建"],
      ["2", "党的建设", "管干部"],
      ["1", "经济发展", "招商引资"],
      ["1", "民生服务", "低保"],
    ]);
    expect(revision.lists.basic.map((d) => [d.seq, d.category])).toEqual([
      [1, "党的建设"],
      [2, "党的建设"],
      [3, "经济发展"],
      [4, "民生服务"],
    ]);
  });

  it("reads Chinese numerals as item numbers when the whole list uses them", () => {
    const { revision } = read(["某某县甲镇基本履职事项清单", ["序号", "事项名称"], ["（一）", "抓党建"], ["（二）", "管干部"]]);
    expect(revision.lists.basic.map((d) => [d.seq, d.name])).toEqual([
      [1, "抓党建"],
      [2, "管干部"],
    ]);
  });

  it("refuses a 序号 that goes back inside one category, and one list written twice", () => {
    expect(
      refused(["某某县甲镇基本履职事项清单", ["序号", "事项类别", "事项名称"], ["1", "甲", "a"], ["2", "甲", "b"], ["1", "甲", "c"]]),
    ).toMatchObject({ code: "seq-order", line: 5 });
    // Restarting at a category met before is not a new category: the list repeats.
    expect(
      refused(["某某县甲镇基本履职事项清单", ["序号", "事项类别", "事项名称"], ["1", "甲", "a"], ["1", "乙", "b"], ["1", "甲", "c"]]),
    ).toMatchObject({ code: "seq-order", line: 5 });
  });
});

describe("titles and places", () => {
  it("reads one overall title with numbered section titles, 附件 marks, a preamble and notes", () => {
    const { revision, warnings } = read([
      "关于印发《福州市闽侯县南屿镇履行职责事项清单》的通知",
      "各村（社区）：现将清单印发给你们，请认真贯彻执行。",
      "附件",
      "福州市闽侯县南屿镇履行职责事项清单（2025年版）",
      "三、上级部门收回事项清单",
      ["序号", "事项名称", "承接部门及工作方式"],
      ["1", "对违法建设的处罚", "闽侯县住房和城乡建设局：直接执法"],
      "一、基本履职事项清单",
      ["序号", "事项名称"],
      ["1", "抓党建"],
      "注：本清单自发布之日起施行。",
      "南屿镇人民政府",
    ]);
    expect(revision.region).toEqual({ province: null, prefecture: "福州市", county: "闽侯县", town: "南屿镇" });
    expect(revision.lists.basic).toHaveLength(1);
    expect(revision.lists.reclaimed).toHaveLength(1);
    expect(revision.lists.coordinated).toHaveLength(0);
    expect(warnings.filter((w) => w.code === "missing-list").map((w) => w.list)).toEqual(["coordinated"]);
  });

  it("tells prefectures that end in 州 from autonomous prefectures", () => {
    const read1 = read(["温州市鹿城区五马街道基本履职事项清单", ["序号", "事项名称"], ["1", "a"]]);
    expect(read1.revision.region).toEqual({ province: null, prefecture: "温州市", county: "鹿城区", town: "五马街道" });
    const read2 = read(["新疆维吾尔自治区昌吉回族自治州木垒哈萨克自治县西吉尔镇基本履职事项清单", ["序号", "事项名称"], ["1", "a"]]);
    expect(read2.revision.region).toEqual({
      province: "新疆维吾尔自治区",
      prefecture: "昌吉回族自治州",
      county: "木垒哈萨克自治县",
      town: "西吉尔镇",
    });
  });

  it("reads the place of a title issued by a 街道办事处, or by the party committee and the government together", () => {
    const office = read(["福州市鼓楼区东街街道办事处基本履职事项清单", ["序号", "事项名称"], ["1", "a"]]);
    expect(office.revision.region).toEqual({ province: null, prefecture: "福州市", county: "鼓楼区", town: "东街街道" });
    const joint = read([
      "中共玛纳斯县兰州湾镇委员会 玛纳斯县兰州湾镇人民政府履职事项清单",
      "一、基本履职事项清单",
      ["序号", "事项名称"],
      ["1", "a"],
    ]);
    expect(joint.revision.region).toEqual({ province: null, prefecture: null, county: "玛纳斯县", town: "兰州湾镇" });
  });

  it("takes the place from a notice that quotes the title when the titles name none", () => {
    const { revision } = read([
      "关于印发《福州市闽侯县南屿镇履行职责事项清单》的通知",
      "附件1",
      "基本履职事项清单",
      ["序号", "事项名称"],
      ["1", "a"],
    ]);
    expect(revision.region).toEqual({ province: null, prefecture: "福州市", county: "闽侯县", town: "南屿镇" });
  });

  it("refuses a title that names no town unless the place is given", () => {
    const doc: Item[] = ["基本履职事项清单", ["序号", "事项名称"], ["1", "a"]];
    const err = refused(doc);
    expect(err.code).toBe("no-town");
    expect(err.message).toContain("--town");
    expect(read(doc, { region: TOWN }).revision.region).toEqual(TOWN);
  });

  it("infers a list from its columns and an Excel sheet's name when there is no title", () => {
    const { revision } = read(
      [
        { sheet: "基本履职事项" },
        ["序号", "事项名称"],
        ["1", "a"],
        { sheet: "Sheet2" },
        ["序号", "事项名称", "承接部门及工作方式"],
        ["1", "b", "县民政局：直接办理"],
      ],
      { region: TOWN },
    );
    expect([revision.lists.basic.length, revision.lists.reclaimed.length]).toEqual([1, 1]);
  });
});

describe("departments", () => {
  it("takes who takes a duty back from a sentence naming them anywhere, never the sentence's first words", () => {
    const { revision } = read([
      "某某县甲镇上级部门收回事项清单",
      ["序号", "事项名称", "承接部门及工作方式"],
      ["1", "危房鉴定", "由县住建局负责实施，乡镇配合"],
      ["2", "扬尘监管", "县住房和城乡建设局、县生态环境局按职责承担"],
      ["3", "档案管理", "收回后由县档案局统一管理"],
    ]);
    expect(revision.lists.reclaimed.map((d) => d.receivers.map((r) => r.name))).toEqual([
      ["某某县住房和城乡建设局"],
      ["某某县住房和城乡建设局", "某某县生态环境局"],
      ["某某县档案局"],
    ]);
    expect(revision.lists.reclaimed[0]!.method.map((s) => s.text)).toEqual(["由县住建局负责实施，乡镇配合"]);
    expect(
      refused(["某某县甲镇上级部门收回事项清单", ["序号", "事项名称", "承接部门及工作方式"], ["1", "危房鉴定", "统一实施"]]),
    ).toMatchObject({ code: "bad-cell", line: 3 });
  });

  it("splits a cell on every separator and gives every form of a department one name", () => {
    const { revision, warnings } = read([
      "玛纳斯县乙镇配合履职事项清单",
      ["序号", "事项名称", "对应上级部门", "上级部门职责", "乡镇配合职责"],
      ["1", "a", "玛纳斯县人力资源和社会保障局（牵头）、县民政局（配合）", "x", "y"],
      ["2", "b", "县人社局\n县公安局", "x", "y"],
      ["3", "c", "人社局；县委组织部和县委宣传部", "x", "y"],
      ["4", "d", "组织部 / 县直有关部门", "x", "y"],
    ]);
    expect(revision.lists.coordinated.map((d) => d.departments.map((r) => r.name))).toEqual([
      ["玛纳斯县人力资源和社会保障局", "玛纳斯县民政局"],
      ["玛纳斯县人力资源和社会保障局", "玛纳斯县公安局"],
      ["玛纳斯县人力资源和社会保障局", "玛纳斯县委组织部", "玛纳斯县委宣传部"],
      ["玛纳斯县委组织部"],
    ]);
    expect(revision.departments.map((d) => [d.name, d.kind])).toEqual([
      ["玛纳斯县人力资源和社会保障局", "government"],
      ["玛纳斯县民政局", "government"],
      ["玛纳斯县公安局", "government"],
      ["玛纳斯县委组织部", "party"],
      ["玛纳斯县委宣传部", "party"],
    ]);
    // 县直有关部门 names no one department: reported with its row, never counted.
    expect(warnings.filter((w) => w.code === "unresolved-department").map((w) => [w.line, w.text])).toEqual([[6, "县直有关部门"]]);
  });

  it("reads a duty spread over several rows of merged 序号 and 事项名称 as one duty", () => {
    const { revision } = read([
      "某某县甲镇配合履职事项清单",
      ["序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡镇配合职责"],
      ["1", "平安法治", "矛盾纠纷调处", "县司法局", "1.指导调解", "1.排查纠纷"],
      ["^1", "^平安法治", "^矛盾纠纷调处", "县公安局", "1.依法处置", "^1.排查纠纷"],
      ["2", "平安法治", "普法", "县司法局", "组织普法", "配合宣传"],
    ]);
    const [first, second] = revision.lists.coordinated;
    expect(revision.lists.coordinated).toHaveLength(2);
    expect(first!.departments.map((r) => r.name)).toEqual(["某某县司法局", "某某县公安局"]);
    expect(first!.departmentDuties.map((s) => [s.order, s.department, s.text])).toEqual([
      [1, "某某县司法局", "指导调解"],
      [2, "某某县公安局", "依法处置"],
    ]);
    expect(first!.townDuties.map((s) => s.text)).toEqual(["排查纠纷"]);
    expect(second!.seq).toBe(2);
  });

  it("reads receivers with and without the 部门：方式 colon", () => {
    const { revision } = read([
      "某某县甲镇上级部门收回事项清单",
      ["序号", "事项名称", "承接部门及工作方式"],
      ["1", "a", "县市场监管局、县农业农村局：联合执法"],
      ["2", "b", "县民政局负责直接办理"],
      ["3", "c", "县应急管理局"],
    ]);
    expect(revision.lists.reclaimed.map((d) => [d.receivers.map((r) => r.name), d.method.map((s) => s.text)])).toEqual([
      [["某某县市场监督管理局", "某某县农业农村局"], ["联合执法"]],
      [["某某县民政局"], ["县民政局负责直接办理"]],
      [["某某县应急管理局"], []],
    ]);
  });
});

describe("what is not a duty", () => {
  it("skips a totals row and reads overall titles written as 三张清单 or 履职清单", () => {
    const { revision } = read([
      "某某县甲镇履职事项“三张清单”",
      "一、基本履职事项清单",
      ["序号", "事项类别", "事项名称"],
      ["1", "甲", "a"],
      ["2", "甲", "b"],
      ["合  计", "", "2项"],
    ]);
    expect(revision.region.town).toBe("甲镇");
    expect(revision.lists.basic.map((d) => d.name)).toEqual(["a", "b"]);
  });

  it("leaves out a later table of other columns with a warning, and reads on in a table of the list's columns", () => {
    const { revision, warnings } = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "事项类别", "事项名称"],
      ["1", "甲", "a"],
      "（续表）",
      ["2", "甲", "b"],
      "联系方式",
      ["联系人", "电话", "地址", "邮编"],
      ["张三", "0994-1234567", "某某路 1 号", "831000"],
    ]);
    expect(revision.lists.basic.map((d) => d.name)).toEqual(["a", "b"]);
    expect(warnings.filter((w) => w.code === "skipped-table").map((w) => w.line)).toEqual([7]);
    // The same in a text file is an error: its lines have no tables to tell apart.
    expect(
      refused(
        [
          "某某县甲镇基本履职事项清单",
          ["序号", "事项类别", "事项名称"],
          ["1", "甲", "a"],
          ["张三", "0994-1234567", "某某路 1 号", "831000"],
        ],
        { format: "text" },
      ).code,
    ).toBe("column-count");
  });
});

describe("never silently wrong", () => {
  it("refuses a header with no rows under it, naming its line", () => {
    const err = refused(["某某县甲镇基本履职事项清单", ["序号", "事项名称"], "某某县甲镇配合履职事项清单"]);
    expect(err).toMatchObject({ code: "empty-list", line: 2, list: "basic" });
  });

  it("refuses a title followed by no table, unless the document says the list is empty", () => {
    expect(refused(["某某县甲镇基本履职事项清单", ["序号", "事项名称"], ["1", "a"], "某某县甲镇上级部门收回事项清单"])).toMatchObject({
      code: "empty-list",
      line: 4,
    });
    const { warnings } = read(["某某县甲镇基本履职事项清单", ["序号", "事项名称"], ["1", "a"], "某某县甲镇上级部门收回事项清单", "无"]);
    expect(warnings.find((w) => w.list === "reclaimed")?.message).toContain("无");
  });

  it("refuses a table that no title or column names", () => {
    expect(
      refused([
        ["序号", "事项名称"],
        ["1", "a"],
      ]).code,
    ).toBe("not-a-duty-list");
  });

  it("refuses a header that contradicts its title", () => {
    expect(refused(["某某县甲镇基本履职事项清单", ["序号", "事项名称", "承接部门及工作方式"], ["1", "a", "县民政局：办理"]]).code).toBe(
      "bad-header",
    );
  });

  it("refuses a line of a text file that breaks a table in two", () => {
    const err = refused(["某某县甲镇基本履职事项清单", ["序号", "事项名称"], ["1", "抓党建"], "的各项工作", ["2", "管干部"]], {
      format: "text",
    });
    expect(err).toMatchObject({ code: "no-separator", line: 4 });
  });
});

describe("one table holding all three lists", () => {
  // The import template of a district system (DOMAIN.md §11): a 事项类型 column says which list each row is on.
  const combined: Item[] = [
    "某某区甲街道履职事项清单",
    ["序号", "事项类型", "事项类别", "事项名称", "关联单位", "上级部门职责", "镇街配合职责", "工作方式"],
    ["1", "基本履职事项", "党的建设", "抓党建", "", "", "", ""],
    ["2", "配合履职事项", "应急管理", "防汛抗旱", "区水利局", "指导", "巡护", ""],
    ["3", "基本履职事项", "党的建设", "管干部", "", "", "", ""],
    ["4", "上级部门收回事项", "城乡建设", "危房鉴定", "区住建委", "", "", "由区住建委鉴定"],
    ["5", "配合", "平安法治", "信访", "区信访办", "统筹", "接访", ""],
  ];

  it("sends each row to the list its 事项类型 cell names, columns of other lists left out", () => {
    const { revision } = read(combined);
    expect(revision.lists.basic.map((d) => [d.seq, d.category, d.name])).toEqual([
      [1, "党的建设", "抓党建"],
      [2, "党的建设", "管干部"],
    ]);
    expect(revision.lists.coordinated.map((d) => [d.name, d.departments.length, d.townDuties.map((s) => s.text)])).toEqual([
      ["防汛抗旱", 1, ["巡护"]],
      ["信访", 1, ["接访"]],
    ]);
    const [r] = revision.lists.reclaimed;
    expect([r!.name, r!.receivers.length, r!.method.map((s) => s.text)]).toEqual(["危房鉴定", 1, ["由区住建委鉴定"]]);
    expect(revision.region.town).toBe("甲街道");
  });

  it("keeps a filled cell of another list's column as a note, and refuses a row naming no list", () => {
    const rows = combined.slice(0, 3).concat([["3", "基本履职事项", "党的建设", "管干部", "", "", "", "按月报送"]]);
    const { revision } = read(rows);
    expect(revision.lists.basic[1]!.notes).toEqual([{ column: "工作方式", text: "按月报送" }]);
    const err = refused(
      combined.slice(0, 3).concat([
        ["3", "基本", "党的建设", "管干部", "", "", "", ""],
        ["4", "其他事项", "党的建设", "建阵地", "", "", "", ""],
      ]),
    );
    expect(err).toMatchObject({ code: "bad-list-kind", line: 5 });
  });

  it("refuses a table with both lists' columns that says neither which list it is nor which list each row is on", () => {
    const err = refused([
      "某某区甲街道履职事项清单",
      ["序号", "事项类别", "事项名称", "关联单位", "上级部门职责", "镇街配合职责", "工作方式"],
      ["1", "应急管理", "防汛抗旱", "区水利局", "指导", "巡护", ""],
    ]);
    expect(err).toMatchObject({ code: "bad-header", line: 2 });
  });

  it("leaves an ordinary 类型 column of categories a category", () => {
    const { revision } = read([
      "某某县甲镇基本履职事项清单",
      ["序号", "类型", "事项名称"],
      ["1", "党的建设", "抓党建"],
      ["2", "经济发展", "招商引资"],
    ]);
    expect(perCategory(revision.lists.basic)).toEqual({ 党的建设: 1, 经济发展: 1 });
  });
});
