import { describe, expect, it } from "vitest";
import { charDiff, MAX_LCS_CELLS } from "./char-diff.ts";

const changed = (segments: { text: string; changed: boolean }[]) => segments.filter((s) => s.changed).map((s) => s.text);
const joined = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

describe("charDiff", () => {
  it("marks the reworded 生产 → 劳动 of the synthetic revision's basic 60, and nothing else", () => {
    const d = charDiff("开展科学技术普及服务，提升全民科学素质和生产技能", "开展科学技术普及服务，提升全民科学素质和劳动技能");
    expect(d.before).toEqual([
      { text: "开展科学技术普及服务，提升全民科学素质和", changed: false },
      { text: "生产", changed: true },
      { text: "技能", changed: false },
    ]);
    expect(d.after).toEqual([
      { text: "开展科学技术普及服务，提升全民科学素质和", changed: false },
      { text: "劳动", changed: true },
      { text: "技能", changed: false },
    ]);
  });

  it("marks only what was appended (地名管理 → 地名管理工作)", () => {
    expect(charDiff("地名管理", "地名管理工作")).toEqual({
      before: [{ text: "地名管理", changed: false }],
      after: [
        { text: "地名管理", changed: false },
        { text: "工作", changed: true },
      ],
    });
  });

  it("keeps the longest common subsequence between scattered edits", () => {
    const d = charDiff("对从事无照经营的处罚", "对未取得食品经营许可从事食品经营活动的处罚");
    // Common subsequence 对 从事 经营 的处罚 (8 characters): everything else of each side is marked.
    expect(changed(d.before)).toEqual(["无照"]);
    expect(joined(d.before.filter((s) => !s.changed))).toBe("对从事经营的处罚");
    expect(joined(d.after.filter((s) => !s.changed))).toBe("对从事经营的处罚");
    expect(joined(d.after)).toBe("对未取得食品经营许可从事食品经营活动的处罚");
  });

  it("marks nothing for equal texts and everything for texts with nothing in common", () => {
    expect(charDiff("疫苗接种工作", "疫苗接种工作")).toEqual({
      before: [{ text: "疫苗接种工作", changed: false }],
      after: [{ text: "疫苗接种工作", changed: false }],
    });
    expect(charDiff("甲乙", "丙丁")).toEqual({ before: [{ text: "甲乙", changed: true }], after: [{ text: "丙丁", changed: true }] });
    expect(charDiff("", "新增")).toEqual({ before: [], after: [{ text: "新增", changed: true }] });
  });

  it("treats a character outside the BMP as one character", () => {
    const d = charDiff("𠀀村", "𠀁村");
    expect(d.before).toEqual([
      { text: "𠀀", changed: true },
      { text: "村", changed: false },
    ]);
    expect(d.after[0]).toEqual({ text: "𠀁", changed: true });
  });

  it("marks a middle too long to align whole, but keeps the shared start and end", () => {
    const side = Math.ceil(Math.sqrt(MAX_LCS_CELLS)) + 1;
    // Aligned, the two middles would share every 甲; too long to align, they are marked whole.
    const x = `丁${"甲".repeat(side)}`;
    const y = `${"甲".repeat(side)}戊`;
    const d = charDiff(`开头${x}结尾`, `开头${y}结尾`);
    expect(d.before).toEqual([
      { text: "开头", changed: false },
      { text: x, changed: true },
      { text: "结尾", changed: false },
    ]);
    expect(joined(d.after)).toBe(`开头${y}结尾`);
  });
});
