import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seedAsDocx, seedAsXlsx } from "../read/test-support/office.ts";
import { seedAsPdf } from "../read/test-support/pdf.ts";
import { seedAsCsv, seedAsHtml, seedAsMarkdown, seedAsUnicodeText } from "../read/test-support/web.ts";
import type { ParseWarning, Revision } from "../types.ts";
import { parseDocument, readDocument } from "./parse.ts";

/*
 * The seed saved the ways an office receives it — Word, Excel (a sheet per list, all on one sheet,
 * 类别 merged down), a web page, Markdown, CSV (UTF-8 and GB18030), Excel's Unicode text and a PDF —
 * each written by the library that writes that format, must read back as exactly the revision the
 * text file gives. Only where things are (line, sheet and cell, page) differs between formats.
 */

const seedText = readFileSync(new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url), "utf8");

function withoutPlaces(revision: Revision): unknown {
  const strip = <T extends { line: number; at?: string }>(x: T) => {
    const { line: _line, at: _at, ...rest } = x;
    return rest;
  };
  return {
    ...revision,
    titles: Object.fromEntries(Object.entries(revision.titles).map(([k, t]) => [k, t ? strip(t) : null])),
    lists: {
      basic: revision.lists.basic.map(strip),
      coordinated: revision.lists.coordinated.map(strip),
      reclaimed: revision.lists.reclaimed.map(strip),
    },
  };
}

const warningsWithoutPlaces = (warnings: ParseWarning[]) => warnings.map(({ line: _line, at: _at, ...rest }) => rest);

const expected = parseDocument(seedText);
if (!expected.ok) throw expected.error;

describe("the seed in every format reads as the same revision", () => {
  it.each([
    ["Word (.docx)", "seed.docx", () => seedAsDocx(seedText)],
    ["Excel (.xlsx), a sheet per list", "seed.xlsx", () => seedAsXlsx(seedText)],
    ["Excel (.xlsx), 类别 merged down the rows it covers", "seed.xlsx", () => seedAsXlsx(seedText, { mergeCategories: true })],
    ["Excel (.xlsx), all lists on one sheet", "seed.xlsx", () => seedAsXlsx(seedText, { oneSheet: true, mergeCategories: true })],
    ["a web page (HTML)", "seed.html", async () => new TextEncoder().encode(seedAsHtml(seedText))],
    ["Markdown", "seed.md", async () => new TextEncoder().encode(seedAsMarkdown(seedText))],
    ["CSV UTF-8", "seed.csv", async () => seedAsCsv(seedText, { encoding: "utf-8-bom" })],
    ["CSV GB18030", "seed.csv", async () => seedAsCsv(seedText, { encoding: "gb18030" })],
    ["Excel's Unicode text (UTF-16, quoted cells)", "seed.txt", async () => seedAsUnicodeText(seedText)],
    ["a PDF with a text layer", "seed.pdf", () => seedAsPdf(seedText)],
  ])("%s", { timeout: 120_000 }, async (_what, fileName, write) => {
    const bytes = await write();
    const result = await readDocument(bytes, { fileName });
    if (!result.ok) throw new Error(result.error.describe(fileName));
    expect(withoutPlaces(result.revision)).toEqual(withoutPlaces(expected.revision));
    expect(warningsWithoutPlaces(result.warnings)).toEqual(warningsWithoutPlaces(expected.warnings));
  });
});
