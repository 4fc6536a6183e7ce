import { parseDocument } from "@duty/domain";
import { describe, expect, it } from "vitest";
import { generateTowns, type SyntheticTown } from "./generate.ts";
import { renderDocument, townFileName } from "./render.ts";

const encode = (text: string) => new TextEncoder().encode(text);

/** Parses the document as a file would arrive (UTF-8 bytes) and compares it with the model. */
function roundTrip(town: SyntheticTown) {
  const result = parseDocument(encode(renderDocument(town)));
  if (!result.ok) throw new Error(`${town.node.name}: ${result.error.message}`);
  return result;
}

describe("renderDocument", () => {
  it("parses back to exactly the model, with no warnings, for every town of a run", () => {
    for (const town of generateTowns(3, 120)) {
      const { revision, warnings } = roundTrip(town);
      expect(warnings, town.node.name).toEqual([]);
      expect(revision, town.node.name).toEqual(town.revision);
    }
  });

  it("parses back for a handful of towns chosen to cover every variant of place, title and cell", () => {
    const towns = [...generateTowns(4, 1500)];
    const variants: [string, (t: SyntheticTown) => boolean][] = [
      ["县", (t) => /[^治]县$/u.test(t.county.name)],
      ["区", (t) => t.county.name.endsWith("区")],
      ["county-level 市", (t) => t.county.name.endsWith("市")],
      ["旗", (t) => t.county.name.endsWith("旗")],
      ["自治县", (t) => t.county.name.endsWith("自治县")],
      ["州", (t) => t.county.prefecture.name.endsWith("州")],
      ["地区", (t) => t.county.prefecture.name.endsWith("地区")],
      ["街道", (t) => t.node.name.endsWith("街道")],
      ["乡", (t) => t.node.name.endsWith("乡")],
      ["no province in the title", (t) => t.revision.region.province === null],
      ["配合履事项清单 typo", (t) => t.revision.titles.coordinated!.text.endsWith("配合履事项清单")],
      ["上级收回事项清单", (t) => t.revision.titles.reclaimed!.text.endsWith("上级收回事项清单")],
      ["predecessor categories", (t) => t.revision.categories.includes("基层党建")],
      ["steps per department", (t) => t.revision.lists.coordinated.some((d) => d.departmentDuties.some((s) => s.department))],
      ["a vague department tail", (t) => t.revision.lists.coordinated.some((d) => d.departments.some((r) => r.note))],
      ["two receivers", (t) => t.revision.lists.reclaimed.some((d) => d.receivers.length === 2)],
      ["乡<镇>村 in angle brackets", (t) => t.revision.lists.reclaimed.some((d) => d.name.includes("<镇>"))],
    ];
    for (const [variant, has] of variants) {
      const town = towns.find(has);
      expect(town, `no town with ${variant}`).toBeDefined();
      const { revision, warnings } = roundTrip(town!);
      expect(warnings, variant).toEqual([]);
      expect(revision, variant).toEqual(town!.revision);
    }
  });

  describe("writes the seed's layout", () => {
    const towns = [...generateTowns(5, 40)];
    const documents = towns.map(renderDocument);

    it("opens with two blank lines and the basic title, and ends without a newline", () => {
      for (const [i, text] of documents.entries()) {
        const lines = text.split("\n");
        expect(lines.slice(0, 3)).toEqual(["", "", towns[i]!.revision.titles.basic!.text]);
        expect(text.endsWith("\n")).toBe(false);
        expect(text).not.toMatch(/\r/u);
      }
    });

    it("keeps 3, 6 and 4 tab-separated cells per list and repeats the header at every page", () => {
      for (const [i, text] of documents.entries()) {
        const town = towns[i]!;
        const width = { basic: 3, coordinated: 6, reclaimed: 4 };
        let list: keyof typeof width = "basic";
        let headers = 0;
        for (const line of text.split("\n")) {
          if (line === "") continue;
          if (!line.includes("\t")) {
            list = line.includes("收回") ? "reclaimed" : line.includes("配合") ? "coordinated" : "basic";
            continue;
          }
          expect(line.split("\t"), line.slice(0, 40)).toHaveLength(width[list]);
          if (line.startsWith("序号\t")) headers++;
        }
        expect(headers).toBe(town.pages.basic.length + town.pages.coordinated.length + town.pages.reclaimed.length);
        // The seed repeats its header every 3 to 10 rows; a list's last page holds what is left.
        for (const pages of [town.pages.basic, town.pages.coordinated, town.pages.reclaimed]) {
          for (const rows of pages.slice(0, -1)) {
            expect(rows).toBeGreaterThanOrEqual(3);
            expect(rows).toBeLessThanOrEqual(10);
          }
          expect(pages.at(-1)).toBeGreaterThanOrEqual(1);
        }
      }
    });

    it("writes receivers as 「部门： 方式」 and coordinated cells in the seed's markup", () => {
      const rows = documents.flatMap((text) => text.split("\n").map((line) => line.split("\t")));
      const reclaimed = rows.filter((cells) => cells.length === 4 && cells[0] !== "序号");
      const coordinated = rows.filter((cells) => cells.length === 6 && cells[0] !== "序号");
      expect(reclaimed.every((cells) => /^[^：]+： \S/u.test(cells[3]!))).toBe(true);
      const duties = coordinated.flatMap((cells) => [cells[4]!, cells[5]!]);
      expect(duties.some((cell) => /^\s*<p>1\. ?\S.*<\/p> <p>2\./u.test(cell))).toBe(true);
      expect(duties.some((cell) => /^\s*1\.\S.*； 2\./u.test(cell))).toBe(true);
      expect(duties.some((cell) => cell.includes('<ol style="list-style-type: none">'))).toBe(true);
      expect(duties.some((cell) => cell.includes("</ol>") || cell.includes("<li>"))).toBe(false);
      expect(coordinated.some((cells) => cells[3]!.includes("、 "))).toBe(true);
      expect(rows.some((cells) => cells.some((cell) => cell !== cell.trim()))).toBe(true);
    });

    it("names the town's column after the town or generically, differently from town to town", () => {
      const named = documents.map((text, i) => {
        const header = text.split("\n").find((line) => line.startsWith("序号\t") && line.split("\t").length === 6)!;
        const column = header.split("\t")[5];
        expect([`${towns[i]!.node.name}配合职责`, "乡镇配合职责", "街道配合职责", "镇街配合职责"]).toContain(column);
        return column === `${towns[i]!.node.name}配合职责`;
      });
      expect(new Set(named)).toEqual(new Set([true, false]));
    });

    it("names files by number and place", () => {
      expect(townFileName(towns[0]!)).toBe(
        `000001-${towns[0]!.county.province.name}${towns[0]!.county.prefecture.name}${towns[0]!.county.name}${towns[0]!.node.name}.txt`,
      );
      expect(new Set(towns.map(townFileName)).size).toBe(towns.length);
    });
  });
});
