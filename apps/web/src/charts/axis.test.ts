import { describe, expect, it } from "vitest";
import { labelAxisWidth, roundTicks, textWidth } from "./axis.ts";

describe("roundTicks", () => {
  it("steps by 1, 2 or 5 × 10ⁿ from 0 to at least the largest value", () => {
    expect(roundTicks(33)).toEqual([0, 10, 20, 30, 40]);
    expect(roundTicks(109)).toEqual([0, 50, 100, 150]);
    expect(roundTicks(19)).toEqual([0, 5, 10, 15, 20]);
    expect(roundTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(roundTicks(3)).toEqual([0, 1, 2, 3]);
    expect(roundTicks(684_893)).toEqual([0, 200_000, 400_000, 600_000, 800_000]);
  });

  it("never steps by a fraction of a duty and draws an empty axis as 0–1", () => {
    expect(roundTicks(1)).toEqual([0, 1]);
    expect(roundTicks(0)).toEqual([0, 1]);
  });

  it("ends on the largest value when it is itself round", () => {
    expect(roundTicks(40)).toEqual([0, 10, 20, 30, 40]);
  });
});

describe("textWidth", () => {
  it("counts a CJK glyph as one em and a digit as 0.6 em", () => {
    expect(textWidth("社会保障", 10)).toBe(40);
    expect(textWidth("13", 10)).toBe(12);
    expect(labelAxisWidth(["社会保障"], 10)).toBe(52);
  });
});
