import { describe, expect, it } from "vitest";
import { LIST_KINDS } from "../types.ts";
import { NATIONAL_REFERENCE, nationalSourceText } from "./national.ts";

describe("NATIONAL_REFERENCE", () => {
  it("holds the Xinhua figures of DOMAIN.md §1: 117 + 99 + 124 = 340, of which 65.6% coordinated or reclaimed", () => {
    const { perTown } = NATIONAL_REFERENCE;
    expect([perTown.basic, perTown.coordinated, perTown.reclaimed, perTown.total]).toEqual([117, 99, 124, 340]);
    expect(LIST_KINDS.reduce((sum, list) => sum + perTown[list], 0)).toBe(perTown.total);
    // The published share agrees with the published averages to the printed decimal.
    expect(Math.round(((perTown.coordinated + perTown.reclaimed) / perTown.total) * 1000) / 1000).toBe(0.656);
    expect(NATIONAL_REFERENCE.delegatedShare).toBe(0.656);
  });

  it("names its source and the date it describes", () => {
    expect(NATIONAL_REFERENCE.source.url).toBe("http://39.103.169.235/p/b6393aed3428");
    expect(NATIONAL_REFERENCE.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    expect(nationalSourceText()).toBe("新华社报道（转载），截至 2025 年 6 月底");
  });
});
