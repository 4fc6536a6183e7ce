import { describe, expect, it } from "vitest";
import { parseDocument } from "../parse/parse.ts";
import type { ListKind } from "../types.ts";
import { diffRevisions } from "./diff.ts";
import { parseText, readRevision, readText, SEED_URL, SYNTHETIC_URL } from "./fixtures/documents.ts";
import type { ChangeKind, DutyChange } from "./types.ts";

const seed = readRevision(SEED_URL);
const synthetic = readRevision(SYNTHETIC_URL);

interface Side {
  list: ListKind;
  seq: number;
  name: string;
}

interface Edit {
  before: Side | null;
  after: Side | null;
  kinds: ChangeKind[];
  departments?: { added: string[]; removed: string[] };
  duties?: string[];
}

// The edits fixtures/README.md describes. Before sides are the seed's rows; after sides were counted
// by hand in the synthetic file (basic renumbers after the moved 83; coordinated shifts by the two rows
// inserted at 12 and 36 and the removed 64; reclaimed by the moved-out 11, moved-in 28 and removed 36).
const EDITS: Edit[] = [
  {
    before: {
      list: "basic",
      seq: 83,
      name: "对农业投入品生产者、销售者、使用者未按照规定及时回收肥料等农业投入品的包装废弃物或者农用薄膜等行为的处罚",
    },
    after: {
      list: "reclaimed",
      seq: 28,
      name: "对农业投入品生产者、销售者、使用者未按照规定及时回收肥料等农业投入品的包装废弃物或者农用薄膜等行为的处罚",
    },
    kinds: ["moved"],
  },
  {
    before: { list: "reclaimed", seq: 11, name: "农业机械安全监督检查" },
    after: { list: "coordinated", seq: 36, name: "农业机械安全监督检查工作" },
    kinds: ["moved", "reworded"],
  },
  {
    before: { list: "basic", seq: 60, name: "开展科学技术普及服务，提升全民科学素质和生产技能" },
    after: { list: "basic", seq: 60, name: "开展科学技术普及服务，提升全民科学素质和劳动技能" },
    kinds: ["reworded"],
  },
  {
    before: { list: "coordinated", seq: 36, name: "地名管理" },
    after: { list: "coordinated", seq: 38, name: "地名管理工作" },
    kinds: ["reworded"],
  },
  {
    before: {
      list: "basic",
      seq: 80,
      name: "负责本镇生态环境保护工作，宣传普及环保知识，负责农村生活污水处理、生活垃圾处置基础设施建设工作，组织实施农村生活垃圾收集、转运工作，调解因环境污染引发的纠纷，对破坏村容镇貌和环境卫生行为进行处罚",
    },
    after: {
      list: "basic",
      seq: 80,
      name: "负责本镇生态环境保护工作，宣传普及环保知识，负责农村生活污水处理、生活垃圾处置基础设施建设工作，组织实施农村生活垃圾收集、转运工作，调解因环境污染引发的纠纷，对破坏村容镇貌和环境卫生行为进行处罚",
    },
    kinds: ["recategorized"],
  },
  {
    before: { list: "coordinated", seq: 12, name: "农业水价调整工作" },
    after: { list: "coordinated", seq: 13, name: "农业水价调整工作" },
    kinds: ["departmentsChanged"],
    departments: { added: ["玛纳斯县发展和改革委员会"], removed: ["玛纳斯县水利局"] },
  },
  {
    before: { list: "coordinated", seq: 80, name: "疫苗接种工作" },
    after: { list: "coordinated", seq: 81, name: "疫苗接种工作" },
    kinds: ["dutiesChanged"],
    duties: ["townDuties"],
  },
  { before: { list: "coordinated", seq: 64, name: "对侵占、破坏水源和抗旱设施的处罚" }, after: null, kinds: ["removed"] },
  { before: { list: "reclaimed", seq: 36, name: "对从事无照经营的处罚" }, after: null, kinds: ["removed"] },
  { before: null, after: { list: "coordinated", seq: 12, name: "村级组织工作事务准入审核" }, kinds: ["added"] },
  { before: null, after: { list: "reclaimed", seq: 37, name: "对未取得食品经营许可从事食品经营活动的处罚" }, kinds: ["added"] },
];

const side = (ref: DutyChange["before"]): Side | null => (ref ? { list: ref.list, seq: ref.seq, name: ref.name } : null);
const key = (s: Side | null) => (s ? `${s.list}:${s.seq}` : "");

describe("diffRevisions on the seed and its synthetic second revision", () => {
  const diff = diffRevisions(seed, synthetic);

  it("reads the synthetic revision with the seed's warnings only (the two 县管理局)", () => {
    const result = parseDocument(readText(SYNTHETIC_URL));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => w.text)).toEqual(["县管理局", "县管理局"]);
    expect(diff.sameTown).toBe(true);
    expect(diff.departmentKey).toBe("name");
  });

  it.each(EDITS.map((e) => [e.kinds.join(" + "), e.before?.name ?? e.after!.name, e] as const))(
    "classifies the %s edit of 「%s」",
    (_k, _n, edit) => {
      const found = diff.changes.filter((c) => key(side(c.before)) === key(edit.before) && key(side(c.after)) === key(edit.after));
      expect(found).toHaveLength(1);
      const change = found[0]!;
      expect({ before: side(change.before), after: side(change.after), kinds: change.kinds }).toEqual({
        before: edit.before,
        after: edit.after,
        kinds: edit.kinds,
      });
      expect(change.departments).toEqual(edit.departments ?? null);
      expect(change.duties).toEqual(edit.duties ?? null);
    },
  );

  it("names the new receivers of the duty moved to the reclaimed list", () => {
    const moved = diff.changes.find((c) => c.before?.list === "basic" && c.before.seq === 83)!;
    expect(moved.before!.departments).toEqual([]);
    expect(moved.after!.departments).toEqual(["玛纳斯县农业农村局"]);
    expect(moved.after!.category).toBe("生态环保");
  });

  it("keeps reclaimed 28, the near copy of the removed coordinated 64, unchanged: pairing is one to one", () => {
    const r28 = diff.changes.find((c) => c.before?.list === "reclaimed" && c.before.seq === 28)!;
    expect(r28.kinds).toEqual(["unchanged"]);
    expect(side(r28.after)).toEqual({ list: "reclaimed", seq: 27, name: "侵占、破坏水源和抗旱设施的处罚" });
  });

  it("finds every other duty unchanged however far its 序号 moved", () => {
    const edited = new Set(EDITS.flatMap((e) => [`before ${key(e.before)}`, `after ${key(e.after)}`]));
    const others = diff.changes.filter((c) => !edited.has(`before ${key(side(c.before))}`) && !edited.has(`after ${key(side(c.after))}`));
    // 246 seed duties, 9 of them edited or removed.
    expect(others).toHaveLength(246 - 9);
    for (const change of others) {
      expect(change.kinds, `${change.before?.list} ${change.before?.seq} ${change.before?.name}`).toEqual(["unchanged"]);
      expect(change.before!.name).toBe(change.after!.name);
    }
    // 244 pairs, 2 added, 2 removed.
    expect(diff.changes).toHaveLength(244 + 2 + 2);
    const lastBasic = diff.changes.find((c) => c.before?.list === "basic" && c.before.seq === 109)!;
    expect([lastBasic.kinds, lastBasic.after!.seq]).toEqual([["unchanged"], 108]);
  });

  it("counts each change kind, a moved and reworded pair under both", () => {
    expect(diff.summary.kinds).toEqual({
      unchanged: 237,
      moved: 2,
      recategorized: 1,
      reworded: 3,
      departmentsChanged: 1,
      dutiesChanged: 1,
      added: 2,
      removed: 2,
    });
  });

  it("counts each list before and after", () => {
    expect(diff.summary.lists).toEqual({
      basic: { before: 109, after: 108, delta: -1 },
      coordinated: { before: 100, after: 101, delta: 1 },
      reclaimed: { before: 37, after: 37, delta: 0 },
    });
  });

  it("counts categories over all lists and per list", () => {
    const category = (name: string) => diff.summary.categories.find((c) => c.category === name)!;
    // Seed 自然资源: basic 74–80, coordinated 45–56, reclaimed 21–26; basic 80 leaves for 生态环保.
    expect(category("自然资源")).toMatchObject({ before: 25, after: 24, delta: -1 });
    // Seed 生态环保: basic 81–84, coordinated 57–64, reclaimed 27–28. Basic 80 joins, basic 83 moves
    // to reclaimed within the category, coordinated 64 is removed.
    expect(category("生态环保")).toEqual({
      category: "生态环保",
      before: 14,
      after: 14,
      delta: 0,
      lists: {
        basic: { before: 4, after: 4, delta: 0 },
        coordinated: { before: 8, after: 7, delta: -1 },
        reclaimed: { before: 2, after: 3, delta: 1 },
      },
    });
    // Reclaimed 11 moves to coordinated within 乡村振兴 (basic 14, coordinated 13, reclaimed 6).
    expect(category("乡村振兴").lists).toEqual({
      basic: { before: 14, after: 14, delta: 0 },
      coordinated: { before: 13, after: 14, delta: 1 },
      reclaimed: { before: 6, after: 5, delta: -1 },
    });
    expect(category("党的建设")).toMatchObject({ before: 33, after: 34, delta: 1 });
    expect(diff.summary.categories.map((c) => c.category)).toEqual(seed.categories);
  });

  it("tracks each department's load: coordinated duties led plus reclaimed duties received", () => {
    const load = (name: string) => diff.summary.departments.find((d) => d.department === name)!;
    // DOMAIN.md §10: 农业农村局 leads 13 coordinated rows and receives 6 reclaimed ones. It gains the
    // coordinated row moved from reclaimed 11 and receives basic 83 instead of reclaimed 11.
    expect(load("玛纳斯县农业农村局")).toEqual({
      department: "玛纳斯县农业农村局",
      before: { coordinated: 13, reclaimed: 6, total: 19 },
      after: { coordinated: 14, reclaimed: 6, total: 20 },
      delta: 1,
    });
    // 水利局 leads 8 coordinated rows (12, 28, 32, 33, 61, 64, 83, 88) and receives reclaimed 24–28;
    // it loses 12 to 发展和改革委员会 (which led 14, 21, 91, 92) and 64 to the removal.
    expect(load("玛纳斯县水利局")).toMatchObject({
      before: { coordinated: 8, reclaimed: 5, total: 13 },
      after: { coordinated: 6, reclaimed: 5, total: 11 },
      delta: -2,
    });
    expect(load("玛纳斯县发展和改革委员会")).toMatchObject({
      before: { coordinated: 4, reclaimed: 0, total: 4 },
      after: { coordinated: 5, reclaimed: 0, total: 5 },
      delta: 1,
    });
    expect(load("玛纳斯县委社会工作部").delta).toBe(1);
    expect(
      diff.summary.departments
        .filter((d) => d.delta !== 0)
        .map((d) => d.department)
        .sort(),
    ).toEqual(["玛纳斯县农业农村局", "玛纳斯县发展和改革委员会", "玛纳斯县水利局", "玛纳斯县委社会工作部"].sort());
  });

  it("finds nothing changed between the seed and itself", () => {
    const self = diffRevisions(seed, seed);
    expect(self.changes).toHaveLength(246);
    expect(self.summary.kinds.unchanged).toBe(246);
    expect(self.changes.every((c) => c.match?.method === "exact")).toBe(true);
  });

  it("reports the reverse diff as the mirror image", () => {
    const back = diffRevisions(synthetic, seed);
    expect(back.summary.kinds).toMatchObject({ added: 2, removed: 2, moved: 2, reworded: 3, unchanged: 237 });
    const removed = back.changes
      .filter((c) => c.kinds[0] === "removed")
      .map((c) => c.before!.name)
      .sort();
    expect(removed).toEqual(["对未取得食品经营许可从事食品经营活动的处罚", "村级组织工作事务准入审核"].sort());
    const changed = back.changes.find((c) => c.kinds.includes("departmentsChanged"))!;
    expect(changed.departments).toEqual({ added: ["玛纳斯县水利局"], removed: ["玛纳斯县发展和改革委员会"] });
  });
});

describe("diffRevisions between two towns", () => {
  const seedText = readText(SEED_URL);
  const elsewhere = (text: string) => parseText(text.replaceAll("兰州湾", "大丰").replaceAll("玛纳斯县", "呼图壁县"));

  it("finds the seed unchanged in a copy set in another county's town, town names and full department names aside", () => {
    const diff = diffRevisions(seed, elsewhere(seedText));
    expect([diff.sameTown, diff.departmentKey, diff.after.town, diff.after.county]).toEqual([false, "shortName", "大丰镇", "呼图壁县"]);
    // Basic 29 (兰州湾礼物) and 56 (兰州湾镇自治区卫生乡镇) name the town; coordinated cells name it often.
    expect(diff.summary.kinds.unchanged).toBe(246);
    const load = diff.summary.departments.find((d) => d.department === "农业农村局")!;
    expect([load.before.total, load.after.total]).toEqual([19, 19]);
    expect(diff.summary.departments.some((d) => d.department.includes("玛纳斯") || d.department.includes("呼图壁"))).toBe(false);
  });

  it("classifies the synthetic edits the same way, comparing departments by short name", () => {
    const diff = diffRevisions(seed, elsewhere(readText(SYNTHETIC_URL)));
    expect(diff.summary.kinds).toEqual(diffRevisions(seed, synthetic).summary.kinds);
    const changed = diff.changes.find((c) => c.kinds.includes("departmentsChanged"))!;
    expect(changed.departments).toEqual({ added: ["发展和改革委员会"], removed: ["水利局"] });
    expect(changed.after!.departments).toEqual(["呼图壁县发展和改革委员会"]);
  });
});
