import { compareTowns, townSpecificDuties } from "@duty/domain";
import { describe, expect, it } from "vitest";
import { parsed, SEED_TEXT } from "./test-fixtures.ts";
import { townSpecificRows, townSpecificTable, townSummaryTable } from "./towns.ts";

/** 北五岔镇: the seed without basic 29 (玛禾生态农庄, town-specific per DOMAIN.md §10) and with a basic row of its own. */
function otherTown(): string {
  const lines = SEED_TEXT.replaceAll("兰州湾", "北五岔").split("\n");
  const last = lines.findIndex((l) => l.startsWith("109\t"));
  lines.splice(last + 1, 0, "110\t经济发展\t发展北五岔镇葡萄种植和葡萄酒加工产业");
  return lines.filter((l) => !l.startsWith("29\t经济发展\t联合玛禾生态农庄")).join("\n");
}

// As diff.townsInRegion answers: counts per town and each town's own duties.
const compared = compareTowns([parsed(SEED_TEXT), parsed(otherTown())]);
const comparison = { revisionIds: [7, 9], towns: compared.towns, summary: compared.summary, specific: townSpecificDuties(compared) };

describe("townSpecificRows", () => {
  it("lists each town's own duties, town by town", () => {
    expect(townSpecificRows(comparison).map((r) => [r.town, r.revisionId, r.list, r.seq, r.name.slice(0, 8)])).toEqual([
      ["兰州湾镇", 7, "basic", 29, "联合玛禾生态农庄"],
      ["北五岔镇", 9, "basic", 110, "发展北五岔镇葡萄"],
    ]);
    expect(townSpecificTable(townSpecificRows(comparison)).rows[1]).toEqual([
      "北五岔镇",
      "基本履职事项",
      110,
      "经济发展",
      "发展北五岔镇葡萄种植和葡萄酒加工产业",
    ]);
  });

  it("summarises each town: 245 shared duties, one of its own", () => {
    expect(townSummaryTable(comparison)).toEqual({
      columns: ["乡镇", "事项数", "各乡镇共有", "部分乡镇共有", "本镇特有"],
      rows: [
        ["兰州湾镇", 246, 245, 0, 1],
        ["北五岔镇", 246, 245, 0, 1],
      ],
    });
  });
});
