import { describe, expect, it } from "vitest";
import { DEFINITIONS } from "./definitions.ts";

describe("DEFINITIONS", () => {
  it("quotes the national figures from the reference data, with source and date", () => {
    expect(DEFINITIONS.national).toContain("平均每个 340 项，其中基本 117 项、配合 99 项、收回 124 项，配合＋收回占 65.6%");
    expect(DEFINITIONS.national).toContain("新华社报道（转载），截至 2025 年 6 月底");
  });

  it("says the unit of every chart", () => {
    for (const key of ["list-counts", "category-list", "reclaimed-retained", "top-departments", "heatmap", "category-delta"] as const) {
      expect(DEFINITIONS[key], key).toContain("项");
    }
  });
});
