import { describe, expect, it } from "vitest";
import { BOM, csvCell, toCsv } from "./csv.ts";

describe("toCsv", () => {
  it("starts with a UTF-8 BOM and keeps Chinese text and numbers as written", () => {
    const csv = toCsv({
      columns: ["事项类别", "基本履职事项"],
      rows: [
        ["社会保障", 9],
        ["党的建设", 22],
      ],
    });
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("事项类别,基本履职事项\r\n社会保障,9\r\n党的建设,22\r\n");
  });

  it("opens with a row naming scope, revision, date and source when given the export's context", () => {
    const context = {
      scope: "兰州湾镇 2025年6月30日版",
      place: "兰州湾镇",
      revisions: "兰州湾镇 2025年6月30日版（生效日期 2025年6月30日）",
      files: "seed.txt",
    };
    const lines = toCsv({ columns: ["清单", "占比"], rows: [["配合", { share: 100 / 246 }]] }, { context, date: "2026-12-01" })
      .slice(1)
      .split("\r\n");
    expect(lines[0]).toBe(
      "范围：兰州湾镇 2025年6月30日版,版本：兰州湾镇 2025年6月30日版（生效日期 2025年6月30日）,导出日期：2026-12-01,来源：履职图谱，源文件 seed.txt",
    );
    expect(lines[1]).toBe("清单,占比");
    // A share is written as the percentage a reader expects, not as 0.4065.
    expect(lines[2]).toBe("配合,40.7%");
  });

  it("encodes as UTF-8 bytes EF BB BF", async () => {
    const bytes = new Uint8Array(await new Blob([toCsv({ columns: ["a"], rows: [] })]).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe("csvCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+86 123", "'+86 123"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTAB", "'\tTAB"],
    ["\r=1", '"\'\r=1"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
  ])("neutralises the formula cell %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves real numbers alone, typed or as text", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("-3")).toBe("-3");
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell(55.7)).toBe("55.7");
    expect(csvCell(0)).toBe("0");
  });

  it("quotes separators, quotes and line breaks, and writes null as empty", () => {
    expect(csvCell("县民政局、县财政局,县人社局")).toBe('"县民政局、县财政局,县人社局"');
    expect(csvCell('说"明"')).toBe('"说""明"""');
    expect(csvCell("1. 第一\n2. 第二")).toBe('"1. 第一\n2. 第二"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("does not treat a dash inside text as a formula", () => {
    expect(csvCell("1–2 项")).toBe("1–2 项");
    expect(csvCell("a-3")).toBe("a-3");
  });
});
