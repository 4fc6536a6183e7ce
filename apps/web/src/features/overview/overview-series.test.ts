import type { RouterOutputs } from "@duty/api";
import { describe, expect, it } from "vitest";
import { listCountsTable } from "../../charts/list-counts-chart.tsx";
import { barsTable } from "../../charts/stacked-bars.tsx";
import { toCsv } from "../../export/csv.ts";
import {
  CATEGORY_LIST_BARS,
  RECLAIMED_RETAINED_BARS,
  type TownShare,
  listCountRows,
  referencePercent,
  shareBinRows,
  shareRows,
} from "./overview-series.ts";

type Overview = RouterOutputs["stats"]["overview"];

// The seed (兰州湾镇) as stats.overview reports it.
const seed: Overview = {
  towns: 1,
  basic: 109,
  coordinated: 100,
  reclaimed: 37,
  total: 246,
  categories: 20,
  coordinatedShare: 100 / 246,
  reclaimedShare: 37 / 246,
  delegatedShare: 137 / 246,
  nationalDelegatedShare: 0.656,
  departments: 38,
  leadLinks: 150,
  receiverLinks: 37,
};

function town(revisionId: number, name: string, counts: { basic: number; coordinated: number; reclaimed: number }): TownShare {
  const total = counts.basic + counts.coordinated + counts.reclaimed;
  return {
    revisionId,
    townId: revisionId + 10,
    town: name,
    ...counts,
    total,
    coordinatedShare: counts.coordinated / total,
    reclaimedShare: counts.reclaimed / total,
    delegatedShare: (counts.coordinated + counts.reclaimed) / total,
  };
}

describe("listCountRows", () => {
  it("gives the three lists in document order with their Chinese names and the national averages per town", () => {
    expect(listCountRows(seed)).toEqual([
      { list: "basic", label: "基本履职事项", count: 109, national: 117 },
      { list: "coordinated", label: "配合履职事项", count: 100, national: 99 },
      { list: "reclaimed", label: "上级部门收回事项", count: 37, national: 124 },
    ]);
    expect(listCountsTable(listCountRows(seed), seed.total, 340).rows.at(-1)).toEqual(["合计", 246, 340]);
  });
});

describe("shareRows", () => {
  it("draws the seed's 55.7% as 40.7% coordinated plus 15.0% reclaimed against 65.6%", () => {
    expect(referencePercent(seed)).toBe(65.6);
    expect(shareRows(seed, "兰州湾镇")).toEqual([
      {
        revisionId: null,
        label: "兰州湾镇",
        total: 246,
        coordinated: 100,
        reclaimed: 37,
        coordinatedPercent: 40.7,
        reclaimedPercent: 15,
        sharePercent: 55.7,
      },
    ]);
  });

  it("puts one bar per town (in the server's order) before the total when a region holds several towns", () => {
    const towns = [
      town(1, "兰州湾镇", { basic: 109, coordinated: 100, reclaimed: 37 }),
      town(2, "乐土驿镇", { basic: 10, coordinated: 5, reclaimed: 5 }),
    ];
    const total: Overview = {
      ...seed,
      towns: 2,
      basic: 119,
      coordinated: 105,
      reclaimed: 42,
      total: 266,
      coordinatedShare: 105 / 266,
      reclaimedShare: 42 / 266,
      delegatedShare: 147 / 266,
    };
    const rows = shareRows(total, "玛纳斯县", towns);
    expect(rows.map((r) => [r.label, r.revisionId, r.sharePercent])).toEqual([
      ["兰州湾镇", 1, 55.7],
      ["乐土驿镇", 2, 50],
      ["合计", null, 55.3],
    ]);
  });

  it("draws the total alone when a scope holds more towns than a bar each can show", () => {
    // The first page of a province's towns: 30 of its 2,000 are no comparison of them.
    const page = Array.from({ length: 30 }, (_, i) => town(i + 1, `镇${i}`, { basic: 1, coordinated: 1, reclaimed: 1 }));
    const total: Overview = { ...seed, towns: 2000 };
    expect(shareRows(total, "基准省", page).map((r) => r.label)).toEqual(["基准省"]);
  });

  it("labels the histogram's bins in percent", () => {
    expect(
      shareBinRows([
        { from: 0.35, to: 0.4, towns: 12 },
        { from: 0.95, to: 1, towns: 1 },
      ]),
    ).toEqual([
      { label: "35–40%", fromPercent: 35, towns: 12 },
      { label: "95–100%", fromPercent: 95, towns: 1 },
    ]);
  });

  it("draws an empty scope as 0% rather than NaN", () => {
    const empty: Overview = {
      ...seed,
      basic: 0,
      coordinated: 0,
      reclaimed: 0,
      total: 0,
      coordinatedShare: 0,
      reclaimedShare: 0,
      delegatedShare: 0,
    };
    expect(shareRows(empty, "空")[0]).toMatchObject({ sharePercent: 0, coordinatedPercent: 0, reclaimedPercent: 0 });
  });
});

describe("CATEGORY_LIST_BARS and RECLAIMED_RETAINED_BARS", () => {
  it("keeps the API's document order and exports exactly the drawn numbers", () => {
    const rows: RouterOutputs["stats"]["byCategory"] = [
      { categoryId: 1, category: "党的建设", basic: 22, coordinated: 11, reclaimed: 0, total: 33 },
      { categoryId: 9, category: "社会保障", basic: 9, coordinated: 8, reclaimed: 9, total: 26 },
    ];
    expect(toCsv(barsTable(CATEGORY_LIST_BARS, rows))).toBe(
      "\uFEFF事项类别,基本履职事项,配合履职事项,上级部门收回事项,合计\r\n党的建设,22,11,0,33\r\n社会保障,9,8,9,26\r\n",
    );
  });

  it("passes reclaimed and retained through per category", () => {
    expect(barsTable(RECLAIMED_RETAINED_BARS, [{ categoryId: 9, category: "社会保障", retained: 17, reclaimed: 9 }])).toEqual({
      columns: ["事项类别", "乡镇保留（基本＋配合）", "上级部门收回"],
      rows: [["社会保障", 17, 9]],
    });
  });
});
