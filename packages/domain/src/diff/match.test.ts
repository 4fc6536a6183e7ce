import { describe, expect, it } from "vitest";
import type { Duty, ListKind, Revision } from "../types.ts";
import { diffRevisions } from "./diff.ts";
import { inlineRevision, readRevision, SEED_URL, type Row } from "./fixtures/documents.ts";
import { MATCH_ANYWHERE, MATCH_IN_PLACE, matchDuties, prepareItems } from "./match.ts";
import type { DutyChange } from "./types.ts";

type Rows = Partial<Record<ListKind, Row[]>>;

function diffOf(before: Rows, after: Rows): DutyChange[] {
  return diffRevisions(inlineRevision(before), inlineRevision(after)).changes;
}

/** Each change as 「kinds: before name → after name」, so a wrong pairing reads plainly in a failure. */
function pairs(changes: DutyChange[]): string[] {
  const side = (ref: DutyChange["before"]) => (ref ? `${ref.list} ${ref.name}` : "-");
  return changes.map((c) => `${c.kinds.join("+")}: ${side(c.before)} → ${side(c.after)}`);
}

describe("exact and normalised names", () => {
  it("pairs names that differ only in punctuation, quotes, brackets, spaces and 的/和/及/与 as normalised rewordings", () => {
    const changes = diffOf(
      { basic: [{ name: "“五小工程”（小食堂、小厕所）建设" }, { name: "文化和旅游融合发展" }, { name: "建立 健全 村规民约" }] },
      { basic: [{ name: "五小工程(小食堂,小厕所)建设" }, { name: "文化与旅游融合发展" }, { name: "建立健全村规民约" }] },
    );
    expect(changes.map((c) => [c.kinds, c.match?.method])).toEqual([
      [["reworded"], "normalised"],
      [["reworded"], "normalised"],
      [["reworded"], "normalised"],
    ]);
  });

  it("folds the town's own name, so 负责兰州湾镇… and 负责本镇… are one duty", () => {
    const changes = diffOf({ basic: [{ name: "负责兰州湾镇双拥工作" }] }, { basic: [{ name: "负责本镇双拥工作" }] });
    expect(pairs(changes)).toEqual(["reworded: basic 负责兰州湾镇双拥工作 → basic 负责本镇双拥工作"]);
    expect(changes[0]!.match?.method).toBe("normalised");
  });

  it("lets an identical name in another list win over a similar one in the same list", () => {
    const changes = diffOf({ basic: [{ name: "收养登记" }] }, { basic: [{ name: "收养登记工作" }], reclaimed: [{ name: "收养登记" }] });
    expect(pairs(changes)).toEqual(["added: - → basic 收养登记工作", "moved: basic 收养登记 → reclaimed 收养登记"]);
  });

  it("keeps an exact tie in the duty's own list", () => {
    const changes = diffOf({ reclaimed: [{ name: "收养登记" }] }, { basic: [{ name: "收养登记" }], reclaimed: [{ name: "收养登记" }] });
    expect(pairs(changes)).toEqual(["added: - → basic 收养登记", "unchanged: reclaimed 收养登记 → reclaimed 收养登记"]);
  });
});

describe(`MATCH_IN_PLACE (${MATCH_IN_PLACE}): same list, same category`, () => {
  it("is the documented value", () => expect(MATCH_IN_PLACE).toBe(0.6));

  it("pairs a name at the threshold: 农村供水保障 → 农村饮水保障 keeps 农村, 水保, 保障 of 5 + 5 bigrams (6/10 = 0.6)", () => {
    const changes = diffOf({ basic: [{ name: "农村供水保障" }] }, { basic: [{ name: "农村饮水保障" }] });
    expect(pairs(changes)).toEqual(["reworded: basic 农村供水保障 → basic 农村饮水保障"]);
    expect(changes[0]!.match).toEqual({ method: "similar", similarity: 0.6 });
  });

  it("leaves a pair just below apart: 负责本镇双拥工作 / 负责本镇统战工作 share only the frame, 4 of 7 + 7 (8/14 = 0.571)", () => {
    const changes = diffOf({ basic: [{ name: "负责本镇双拥工作" }] }, { basic: [{ name: "负责本镇统战工作" }] });
    expect(pairs(changes)).toEqual(["added: - → basic 负责本镇统战工作", "removed: basic 负责本镇双拥工作 → -"]);
  });

  it("leaves the seed's closest in-place strangers apart: basic 46 / 53, 8 of 16 + 13 bigrams (16/29 = 0.552)", () => {
    const changes = diffOf(
      { basic: [{ name: "负责本镇农产品质量安全监督管理工作", category: "乡村振兴" }] },
      { basic: [{ name: "负责本镇筹资筹劳监督管理工作", category: "乡村振兴" }] },
    );
    expect(changes.map((c) => c.kinds)).toEqual([["added"], ["removed"]]);
  });
});

describe(`MATCH_ANYWHERE (${MATCH_ANYWHERE}): another list or another category`, () => {
  it("is the documented value", () => expect(MATCH_ANYWHERE).toBe(0.75));

  it("pairs a moved and renamed duty at the threshold: 屠宰检疫 → 畜禽屠宰检疫, 3 of 3 + 5 bigrams (6/8 = 0.75)", () => {
    const changes = diffOf(
      { basic: [{ name: "屠宰检疫", category: "乡村振兴" }] },
      { reclaimed: [{ name: "畜禽屠宰检疫", category: "乡村振兴" }] },
    );
    expect(pairs(changes)).toEqual(["moved+reworded: basic 屠宰检疫 → reclaimed 畜禽屠宰检疫"]);
    expect(changes[0]!.match).toEqual({ method: "similar", similarity: 0.75 });
  });

  it("leaves a moved pair just below apart: 农业机械安全检查 → 农业机具安全检查, 5 of 7 + 7 (10/14 = 0.714)", () => {
    const before: Rows = { basic: [{ name: "农业机械安全检查", category: "乡村振兴" }] };
    expect(diffOf(before, { reclaimed: [{ name: "农业机具安全检查", category: "乡村振兴" }] }).map((c) => c.kinds)).toEqual([
      ["added"],
      ["removed"],
    ]);
    // The same names in place are above MATCH_IN_PLACE.
    expect(pairs(diffOf(before, { basic: [{ name: "农业机具安全检查", category: "乡村振兴" }] }))).toEqual([
      "reworded: basic 农业机械安全检查 → basic 农业机具安全检查",
    ]);
  });

  it("applies to a change of category within one list: 湿地保护工作 → 湿地保护修复工作, 4 of 5 + 7 (8/12 = 0.667)", () => {
    const before: Rows = { basic: [{ name: "湿地保护工作", category: "自然资源" }] };
    expect(diffOf(before, { basic: [{ name: "湿地保护修复工作", category: "生态环保" }] }).map((c) => c.kinds)).toEqual([
      ["added"],
      ["removed"],
    ]);
    expect(diffOf(before, { basic: [{ name: "湿地保护修复工作", category: "自然资源" }] }).map((c) => c.kinds)).toEqual([["reworded"]]);
  });
});

describe("one-to-one assignment", () => {
  it("gives a new duty to the closest of two old candidates and reports the other removed", () => {
    // 湿地保护工作 scores 8/12 = 0.667 against 湿地保护修复工作, 湿地保护 only 6/10 = 0.6: both pass alone.
    const changes = diffOf({ basic: [{ name: "湿地保护" }, { name: "湿地保护工作" }] }, { basic: [{ name: "湿地保护修复工作" }] });
    expect(pairs(changes)).toEqual(["reworded: basic 湿地保护工作 → basic 湿地保护修复工作", "removed: basic 湿地保护 → -"]);
  });

  it("prefers the same list when two candidates score the same", () => {
    const changes = diffOf({ basic: [{ name: "屠宰检疫" }] }, { basic: [{ name: "屠宰检疫工作" }], reclaimed: [{ name: "屠宰检疫工作" }] });
    expect(pairs(changes)).toEqual(["reworded: basic 屠宰检疫 → basic 屠宰检疫工作", "added: - → reclaimed 屠宰检疫工作"]);
  });
});

describe("unrelated duties of the seed never pair", () => {
  const seed = readRevision(SEED_URL);
  const only = (duties: readonly Duty[]): Revision => ({
    ...seed,
    lists: {
      basic: duties.filter((d) => d.list === "basic") as Revision["lists"]["basic"],
      coordinated: duties.filter((d) => d.list === "coordinated") as Revision["lists"]["coordinated"],
      reclaimed: duties.filter((d) => d.list === "reclaimed") as Revision["lists"]["reclaimed"],
    },
  });
  const matched = (before: readonly Duty[], after: readonly Duty[]) =>
    diffRevisions(only(before), only(after)).changes.filter((c) => c.before && c.after);

  it("pairs no two different duties of the seed, its 16 penalties 「…的处罚」 included, but coordinated 64 and reclaimed 28", () => {
    // Those two are one duty written twice: 「对侵占、破坏水源和抗旱设施的处罚」 / 「侵占、…的处罚」.
    const twins = new Set(["coordinated 64", "reclaimed 28"]);
    const items = prepareItems(seed);
    // Basic 83–84, coordinated 64 and 13 reclaimed rows (DOMAIN.md §10).
    expect(items.filter((item) => item.duty.name.endsWith("的处罚"))).toHaveLength(16);
    const bad: string[] = [];
    for (const a of items) {
      for (const b of items) {
        const ids = [`${a.duty.list} ${a.duty.seq}`, `${b.duty.list} ${b.duty.seq}`];
        if (a === b || ids.every((id) => twins.has(id))) continue;
        if (matchDuties([a], [b]).length) bad.push(`${ids[0]} ${a.duty.name} ~ ${ids[1]} ${b.duty.name}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("between the coordinated and the reclaimed list finds only that twin, moved and reworded", () => {
    const changes = matched(seed.lists.coordinated, seed.lists.reclaimed);
    expect(pairs(changes)).toEqual([
      "moved+reworded: coordinated 对侵占、破坏水源和抗旱设施的处罚 → reclaimed 侵占、破坏水源和抗旱设施的处罚",
    ]);
    // 12 bigrams against the same 11 without 对侵: 22/23.
    expect(changes[0]!.match?.similarity).toBeCloseTo(22 / 23, 10);
  });
});

describe("department and responsibility changes", () => {
  it("sees no department change when a coordinated duty is reclaimed by the department that led it", () => {
    const changes = diffOf(
      { coordinated: [{ name: "农业机械安全监督检查", departments: "玛纳斯县农业农村局" }] },
      { reclaimed: [{ name: "农业机械安全监督检查", departments: "玛纳斯县农业农村局" }] },
    );
    expect(changes.map((c) => [c.kinds, c.departments])).toEqual([[["moved"], null]]);
  });

  it("reports receivers that differ from the former leading departments", () => {
    const changes = diffOf(
      { coordinated: [{ name: "农业机械安全监督检查", departments: "玛纳斯县农业农村局、玛纳斯县公安局" }] },
      { reclaimed: [{ name: "农业机械安全监督检查", departments: "玛纳斯县交通运输局" }] },
    );
    expect(changes.map((c) => [c.kinds, c.departments])).toEqual([
      [["moved", "departmentsChanged"], { added: ["玛纳斯县交通运输局"], removed: ["玛纳斯县农业农村局", "玛纳斯县公安局"] }],
    ]);
  });

  it("flags edited responsibilities per column, but not the same steps marked up differently", () => {
    const row = { name: "疫苗接种工作", departmentDuties: "1. 制定方案； 2. 组织实施。", townDuties: "1. 宣传动员； 2. 摸排底数。" };
    const remarked = { ...row, departmentDuties: "<p>1. 制定方案；</p> <p>2. 组织实施。</p>" };
    expect(diffOf({ coordinated: [row] }, { coordinated: [remarked] }).map((c) => c.kinds)).toEqual([["unchanged"]]);
    const edited = { ...row, townDuties: "1. 宣传动员； 2. 摸排底数； 3. 督促补种。" };
    expect(diffOf({ coordinated: [row] }, { coordinated: [edited] }).map((c) => [c.kinds, c.duties])).toEqual([
      [["dutiesChanged"], ["townDuties"]],
    ]);
    const method = diffOf(
      { reclaimed: [{ name: "收养登记", method: "负责登记。" }] },
      { reclaimed: [{ name: "收养登记", method: "负责登记和发证。" }] },
    );
    expect(method.map((c) => [c.kinds, c.duties])).toEqual([[["dutiesChanged"], ["method"]]]);
  });
});
