import { describe, expect, it } from "vitest";
import { HEAT_BUCKETS, heatBucket, heatColour, heatInk, heatLegend } from "./heat-scale.ts";

describe("heatBucket", () => {
  it("keeps zero (and a zero max) apart from every positive count", () => {
    expect(heatBucket(0, 13)).toBe(0);
    expect(heatBucket(0, 0)).toBe(0);
    expect(heatBucket(5, 0)).toBe(0);
    expect(heatBucket(1, 13)).toBe(1);
  });

  it("puts the maximum in the darkest bucket and range edges in the right bucket", () => {
    expect(heatBucket(10, 10)).toBe(HEAT_BUCKETS);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => heatBucket(v, 10))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("never leaves the scale for values above max", () => {
    expect(heatBucket(99, 10)).toBe(HEAT_BUCKETS);
  });

  it("agrees with its own legend for every value", () => {
    for (const max of [1, 2, 3, 7, 10, 13, 38]) {
      const legend = heatLegend(max);
      for (let v = 0; v <= max; v++) {
        const step = legend.find((s) => v >= s.from && v <= s.to);
        expect(step?.bucket, `value ${v} of max ${max}`).toBe(heatBucket(v, max));
      }
    }
  });
});

describe("heatLegend", () => {
  it("labels ranges in counts and skips buckets no integer reaches", () => {
    expect(heatLegend(10).map((s) => s.label)).toEqual(["0", "1–2", "3–4", "5–6", "7–8", "9–10"]);
    expect(heatLegend(3).map((s) => [s.bucket, s.label])).toEqual([
      [0, "0"],
      [2, "1"],
      [4, "2"],
      [5, "3"],
    ]);
  });

  it("takes colours from CSS variables and flips the digit colour on dark cells", () => {
    expect(heatColour(3)).toBe("var(--heat-3)");
    expect(heatInk(1)).toBe("var(--heat-ink-light)");
    expect(heatInk(5)).toBe("var(--heat-ink-dark)");
  });
});
