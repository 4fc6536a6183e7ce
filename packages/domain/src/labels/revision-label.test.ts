import { describe, expect, it } from "vitest";
import { chineseDate, readableRevisionLabel } from "./revision-label.ts";

const seed = {
  town: "兰州湾镇",
  label: "xinjiang-changji-manas-lanzhouwan.txt",
  effectiveDate: "2025-06-30",
  sourceFile: "xinjiang-changji-manas-lanzhouwan.txt",
};

describe("readableRevisionLabel", () => {
  it("names a revision labelled by its file name by town and date", () => {
    expect(readableRevisionLabel(seed)).toBe("兰州湾镇 2025年6月30日版");
    expect(readableRevisionLabel({ ...seed, label: "草案.DOCX" })).toBe("兰州湾镇 2025年6月30日版");
  });

  it("keeps a real label, naming the town once", () => {
    expect(readableRevisionLabel({ ...seed, label: "送审稿" })).toBe("兰州湾镇 送审稿");
    expect(readableRevisionLabel({ ...seed, label: "兰州湾镇 2025年版" })).toBe("兰州湾镇 2025年版");
  });
});

describe("chineseDate", () => {
  it("writes a date as Chinese text reads it, without leading zeros", () => {
    expect(chineseDate("2026-01-05")).toBe("2026年1月5日");
    expect(chineseDate("soon")).toBe("soon");
  });
});
