import { describe, expect, it } from "vitest";
import { dutiesTable, stepsText } from "./duty-table.ts";

const step = (position: number, text: string, department: string | null = null, heading: string | null = null) => ({
  position,
  text,
  heading,
  department,
  departmentId: department ? position : null,
});

describe("stepsText", () => {
  it("numbers each department's steps under its name when a cell divides them", () => {
    expect(
      stepsText([
        step(1, "统筹监测预警", "玛纳斯县应急管理局"),
        step(2, "汇总申报项目", "玛纳斯县应急管理局"),
        step(3, "统筹地质灾害监测", "玛纳斯县自然资源局"),
      ]),
    ).toBe("【玛纳斯县应急管理局】\n1. 统筹监测预警\n2. 汇总申报项目\n【玛纳斯县自然资源局】\n1. 统筹地质灾害监测");
  });

  it("numbers one department's steps without naming it, keeps headings, and writes no steps as nothing", () => {
    expect(stepsText([step(1, "开展宣传", "玛纳斯县民政局"), step(2, "建立台账", "玛纳斯县民政局")])).toBe("1. 开展宣传\n2. 建立台账");
    expect(stepsText([step(1, "开展宣传", null, "一、宣传")])).toBe("【一、宣传】\n1. 开展宣传");
    expect(stepsText([])).toBe("");
  });
});

describe("dutiesTable", () => {
  it("writes both sides' steps beside each duty, and nothing where a duty has none", () => {
    const duty = {
      id: 7,
      townId: 3,
      town: "兰州湾镇",
      revisionId: 1,
      list: "coordinated" as const,
      seq: 83,
      categoryId: 16,
      category: "应急管理及消防",
      name: "开展防灾减灾检查",
      departments: [{ id: 1, name: "玛纳斯县应急管理局", role: "lead" as const }],
    };
    const basic = { ...duty, id: 8, list: "basic" as const, seq: 1, departments: [] };
    const table = dutiesTable(
      [duty, basic],
      new Map([
        [7, { id: 7, departmentSteps: [step(1, "统筹监测预警", "玛纳斯县应急管理局")], townSteps: [step(1, "开展宣传")], notes: [] }],
      ]),
    );
    expect(table.columns.slice(-2)).toEqual(["上级部门职责（收回事项为工作方式）", "乡镇配合职责"]);
    expect(table.rows[0]).toEqual([
      "兰州湾镇",
      "配合履职事项",
      83,
      "应急管理及消防",
      "开展防灾减灾检查",
      "玛纳斯县应急管理局",
      "",
      "1. 统筹监测预警",
      "1. 开展宣传",
    ]);
    expect(table.rows[1]!.slice(-2)).toEqual([null, null]);
    // No duty has notes: no column for them.
    expect(table.columns).toHaveLength(9);
  });

  it("adds one column for the columns a document added (备注 …), one per line, empty where a duty has none", () => {
    const duty = {
      id: 8,
      townId: 3,
      town: "兰州湾镇",
      revisionId: 1,
      list: "basic" as const,
      seq: 1,
      categoryId: 1,
      category: "党的建设",
      name: "落实基层党建工作责任制",
      departments: [],
    };
    const notes = [
      { column: "编号", text: "JB-01" },
      { column: "备注", text: "每年报告" },
    ];
    const table = dutiesTable([duty, { ...duty, id: 9, seq: 2 }], new Map([[8, { id: 8, departmentSteps: [], townSteps: [], notes }]]));
    expect(table.columns.at(-1)).toBe("其他列");
    expect(table.rows.map((r) => r.at(-1))).toEqual(["编号：JB-01\n备注：每年报告", null]);
  });
});
