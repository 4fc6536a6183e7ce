import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../parse/parse.ts";
import type { Block } from "../read/blocks.ts";
import { revisionLabel, statedDate } from "./stated-date.ts";

const seed = readFileSync(new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url), "utf8");

let line = 0;
const text = (t: string): Block => ({ kind: "text", text: t, loc: { line: ++line, at: String(line) } });
const row = (...cells: string[]): Block => ({
  kind: "row",
  cells: cells.map((c) => ({ text: c })),
  loc: { line: ++line, at: String(line) },
  table: 0,
});

describe("statedDate", () => {
  it("reads a signature date after the last row, in digits or in words", () => {
    expect(
      statedDate([text("兰州湾镇基本履职事项清单"), row("1", "党的建设", "加强党的建设"), text("兰州湾镇人民政府"), text("2025年6月30日")]),
    ).toMatchObject({
      date: "2025-06-30",
      text: "2025年6月30日",
      from: "end",
    });
    expect(statedDate([row("1", "a", "b"), text("二〇二五年六月三十日")])).toMatchObject({ date: "2025-06-30", from: "end" });
    expect(statedDate([row("1", "a", "b"), text("２０２４年１２月１日印发")])).toMatchObject({ date: "2024-12-01" });
  });

  it("falls back to the year of a title above the first row, as 1 January", () => {
    expect(statedDate([text("兰州湾镇基本履职事项清单（2025年版）"), row("1", "a", "b")])).toMatchObject({
      date: "2025-01-01",
      text: "2025年",
      from: "title",
    });
  });

  it("never reads dates inside table cells, notices above the table or impossible days", () => {
    expect(statedDate([row("1", "党的建设", "2025年6月30日前完成"), text("说明")])).toBeNull();
    expect(statedDate([text("2024年以来，各乡镇开展了清单编制工作。"), row("1", "a", "b")])).toBeNull();
    expect(statedDate([row("1", "a", "b"), text("2025年2月30日")])).toBeNull();
    expect(statedDate([row("1", "a", "b"), text("1899年1月1日")])).toBeNull();
  });

  it("is null for the seed, which states no date, and is part of what readDocument returns", () => {
    const parsed = parseDocument(Buffer.from(seed));
    expect(parsed.ok && parsed.statedDate).toBeNull();
    const dated = parseDocument(Buffer.from(`${seed}\n兰州湾镇人民政府\n2025年6月30日\n`));
    expect(dated.ok && dated.statedDate).toMatchObject({ date: "2025-06-30", from: "end" });
  });
});

describe("revisionLabel", () => {
  it("names the town and the year, not the file", () => {
    expect(revisionLabel("兰州湾镇", "2025-06-30")).toBe("兰州湾镇 2025年版");
  });
});
