import type { RouterOutputs } from "@duty/api";
import { diffRevisions } from "@duty/domain";
import { describe, expect, it } from "vitest";
import { barsTable } from "../../charts/stacked-bars.tsx";
import { toCsv } from "../../export/csv.ts";
import {
  categoryDeltaBars,
  categoryOptions,
  changeFilterFromParams,
  changeFilterParams,
  changesTable,
  filterChanges,
  kindCards,
} from "./changes.ts";
import { parsed, SEED_TEXT, SYNTHETIC_TEXT } from "./test-fixtures.ts";

// The seed against its synthetic second revision: 11 changed duties (fixtures README), 237 untouched.
const diff = diffRevisions(parsed(SEED_TEXT), parsed(SYNTHETIC_TEXT));
const place = (s: { list: string; seq: number } | null) => (s ? `${s.list} ${s.seq}` : null);

describe("changeFilterFromParams", () => {
  it("defaults to every change but the unchanged, and ignores values it does not know", () => {
    expect(changeFilterFromParams(new URLSearchParams(""))).toEqual({ kind: "changed", list: null, category: null });
    expect(changeFilterFromParams(new URLSearchParams("kind=bogus&list=x&category="))).toEqual({
      kind: "changed",
      list: null,
      category: null,
    });
    const filter = { kind: "reworded", list: "basic", category: "社会保障" } as const;
    expect(changeFilterFromParams(new URLSearchParams("kind=reworded&list=basic&category=社会保障"))).toEqual(filter);
    expect(changeFilterParams(filter)).toEqual({ kind: "reworded", list: "basic", category: "社会保障" });
    expect(changeFilterParams({ kind: "changed", list: null, category: null })).toEqual({ kind: null, list: null, category: null });
  });
});

describe("filterChanges", () => {
  const of = (kind: Parameters<typeof filterChanges>[1]["kind"], list: "basic" | null = null, category: string | null = null) =>
    filterChanges(diff.changes, { kind, list, category });

  it("keeps the 11 edited duties by default, all 248 with unchanged ones", () => {
    expect(of("changed")).toHaveLength(11);
    expect(of("all")).toHaveLength(248);
    expect(of("unchanged")).toHaveLength(237);
  });

  it("counts a pair with two edits under each kind", () => {
    expect(of("reworded").map((c) => [place(c.before), place(c.after)])).toEqual([
      ["basic 60", "basic 60"],
      ["reclaimed 11", "coordinated 36"],
      ["coordinated 36", "coordinated 38"],
    ]);
    expect(
      of("moved")
        .map((c) => place(c.before))
        .sort(),
    ).toEqual(["basic 83", "reclaimed 11"]);
  });

  it("finds a change in a list or category on either side", () => {
    // basic 83 moved out to reclaimed, basic 60 reworded, basic 80 recategorized.
    expect(
      of("changed", "basic")
        .map((c) => place(c.before))
        .sort(),
    ).toEqual(["basic 60", "basic 80", "basic 83"]);
    // 生态环保: basic 80 recategorized into it, basic 83 moved within it, coordinated 64 removed from it.
    expect(
      of("changed", null, "生态环保")
        .map((c) => place(c.before))
        .sort(),
    ).toEqual(["basic 80", "basic 83", "coordinated 64"]);
    expect(of("changed", null, "自然资源").map((c) => c.kinds)).toEqual([["recategorized"]]);
  });
});

describe("kindCards and categoryOptions", () => {
  it("gives the summary cards in the differ's order", () => {
    expect(kindCards(diff).map((c) => `${c.label} ${c.count}`)).toEqual([
      "未变 237",
      "调整清单 2",
      "调整类别 1",
      "名称改写 3",
      "部门调整 1",
      "职责内容调整 1",
      "新增 2",
      "删除 2",
    ]);
    expect(categoryOptions(diff)).toHaveLength(20);
  });
});

describe("changesTable", () => {
  it("exports each side's list, 序号, category and name, and the notes", () => {
    const table = changesTable(filterChanges(diff.changes, { kind: "changed", list: null, category: null }));
    expect(table.rows).toHaveLength(11);
    const csv = toCsv(table).slice(1).split("\r\n");
    expect(csv[0]).toBe("变化,修订前清单,修订前序号,修订前类别,修订前事项名称,修订后清单,修订后序号,修订后类别,修订后事项名称,说明");
    expect(csv).toContain(
      "名称改写,基本履职事项,60,精神文明建设,开展科学技术普及服务，提升全民科学素质和生产技能,基本履职事项,60,精神文明建设,开展科学技术普及服务，提升全民科学素质和劳动技能,",
    );
    expect(csv).toContain(
      "部门调整,配合履职事项,12,经济发展,农业水价调整工作,配合履职事项,13,经济发展,农业水价调整工作,增加部门：玛纳斯县发展和改革委员会；减少部门：玛纳斯县水利局",
    );
    expect(csv).toContain("职责内容调整,配合履职事项,80,卫生健康,疫苗接种工作,配合履职事项,81,卫生健康,疫苗接种工作,乡镇配合职责有改动");
    expect(csv).toContain("删除,上级部门收回事项,36,市场监管,对从事无照经营的处罚,,,,,");
    expect(csv).toContain(
      "调整清单、名称改写,上级部门收回事项,11,乡村振兴,农业机械安全监督检查,配合履职事项,36,乡村振兴,农业机械安全监督检查工作,",
    );
  });
});

describe("categoryDeltaBars", () => {
  // diff.compare of the seed and its synthetic revision, two of its twenty categories: 党的建设 gains the added
  // coordinated 12 (11 → 12 coordinated); 自然资源 loses basic 80 to 生态环保 (7 → 6 basic).
  const categories: RouterOutputs["diff"]["compare"]["summary"]["categories"] = [
    {
      category: "党的建设",
      before: 33,
      after: 34,
      delta: 1,
      lists: {
        basic: { before: 22, after: 22, delta: 0 },
        coordinated: { before: 11, after: 12, delta: 1 },
        reclaimed: { before: 0, after: 0, delta: 0 },
      },
    },
    {
      category: "自然资源",
      before: 25,
      after: 24,
      delta: -1,
      lists: {
        basic: { before: 7, after: 6, delta: -1 },
        coordinated: { before: 12, after: 12, delta: 0 },
        reclaimed: { before: 6, after: 6, delta: 0 },
      },
    },
  ];

  it("gives each category's totals before and after, in the diff's order", () => {
    const table = barsTable(categoryDeltaBars("修订前", "修订后"), categories);
    expect(table.rows).toEqual([
      ["党的建设", 33, 34, 1],
      ["自然资源", 25, 24, -1],
    ]);
    expect(toCsv(table).slice(1)).toBe("事项类别,修订前,修订后,增减\r\n党的建设,33,34,1\r\n自然资源,25,24,-1\r\n");
  });
});
