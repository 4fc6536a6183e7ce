import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../parse/parse.ts";
import { lintRevision, NEAR_DUPLICATE } from "./lint.ts";

const SEED = fileURLToPath(new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url));

function lint(doc: Uint8Array | string) {
  const result = parseDocument(doc);
  if (!result.ok) throw result.error;
  return lintRevision(result.revision, result.warnings);
}

describe("lint of the seed", () => {
  const findings = lint(readFileSync(SEED));
  const of = (code: string) => findings.filter((f) => f.code === code);

  it("finds the one duty that sits on two lists (coordinated 64 and reclaimed 28)", () => {
    expect(of("cross-list-duplicate").map((f) => [f.list, f.seq, f.line])).toEqual([["reclaimed", 28, 342]]);
    expect(of("cross-list-duplicate")[0]!.message).toContain("对侵占、破坏水源和抗旱设施的处罚");
  });

  it("flags the title typo 配合履事项清单 and nothing else about titles", () => {
    expect(of("title-typo").map((f) => [f.list, f.line])).toEqual([["coordinated", 142]]);
  });

  it("reports the unresolved 县管理局 on both lines it appears", () => {
    expect(of("unresolved-abbreviation").map((f) => f.line)).toEqual([167, 179]);
  });

  it("names the four categories used by one list only", () => {
    // Counted with awk over (list, category) pairs: 精神文明建设, 民族宗教, 投资促进 basic only; 教育培训监管 coordinated only.
    expect(
      of("single-list-category")
        .map((f) => f.message.match(/「(.+?)」/)![1])
        .sort(),
    ).toEqual(["投资促进", "教育培训监管", "民族宗教", "精神文明建设"].sort());
  });

  it("has no duplicate within a list and no 序号 gap", () => {
    expect(of("duplicate-in-list")).toEqual([]);
    expect(of("seq-gap")).toEqual([]);
  });

  it("notices a department given work in the text but missing from the column (row 84 names 县公安局)", () => {
    expect(of("department-not-in-column").map((f) => f.seq)).toContain(84);
  });
});

describe("lint rules on small samples", () => {
  const doc = (basic: string, reclaimed: string) =>
    `某县某镇基本履职事项清单\n序号\t事项类别\t事项名称\n${basic}某县某镇上级部门收回事项清单\n序号\t事项类别\t事项名称\t承接部门及工作方式\n${reclaimed}`;

  it("catches a duplicate inside one list and a 序号 gap", () => {
    const findings = lint(doc("1\t甲\t开展禁毒宣传\n2\t甲\t开展“禁毒”宣传\n4\t甲\t其他\n", "1\t甲\t收养登记\t某县民政局：负责\n"));
    expect(findings.filter((f) => f.code === "duplicate-in-list").map((f) => f.seq)).toEqual([2]);
    expect(findings.filter((f) => f.code === "seq-gap").map((f) => f.line)).toEqual([5]);
  });

  it(`pairs names across lists at similarity ≥ ${NEAR_DUPLICATE}, not below`, () => {
    // One character differs: 18 of 20 bigrams shared on each side, Dice exactly 0.90 → paired.
    const near = lint(
      doc(
        "1\t甲\t对在河道管理范围内弃置堆放阻碍行洪物体的处罚\n",
        "1\t甲\t对在河道管理范围内弃置堆放阻碍行洪物件的处罚\t某县水利局：负责\n",
      ),
    );
    expect(near.filter((f) => f.code === "cross-list-duplicate")).toHaveLength(1);
    // Same 对…的处罚 frame, different object: Dice 0.11.
    const far = lint(doc("1\t甲\t对未经批准擅自取水的处罚\n", "1\t甲\t对从事无照经营的处罚\t某县市场监督管理局：负责\n"));
    expect(far.filter((f) => f.code === "cross-list-duplicate")).toEqual([]);
  });
});
