import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localContext } from "../context.ts";
import { createCaller } from "../router.ts";

// Seed facts counted with awk on data/lists/xinjiang-changji-manas-lanzhouwan.txt: reclaimed rows (NF 4) per
// category 社会保障 9, 乡村振兴 6, 自然资源 6, 民生服务 5, …; per receiver (承接部门 before "：") 农业农村局 6,
// 人力资源和社会保障局 6, 水利局 5; coordinated leads (对应上级部门 split on 、) 农业农村局 13, 住房和城乡建设局 10,
// then 公安局 and 市场监督管理局 9 each (DOMAIN.md §10).

describe.each(testEngines())("report router (%s)", (engine) => {
  let seeded: TestDatabase;
  let api: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    api = createCaller(localContext(seeded.db));
  });
  afterAll(() => seeded?.close());

  it("names the seed's place, its parents and its one revision", async () => {
    const [revision] = (await api.revisions.list()).items;
    const figures = await api.report.overview({ revisionId: revision!.id });
    expect(figures.scope).toMatchObject({
      kind: "revision",
      name: "兰州湾镇",
      level: "town",
      revisionCount: 1,
      effectiveFrom: revision!.effectiveDate,
      effectiveTo: revision!.effectiveDate,
    });
    // The seed's titles name 昌吉州 and 玛纳斯县 (a province, when the reader infers one, comes first).
    expect(figures.scope.parents.slice(-2)).toEqual(["昌吉州", "玛纳斯县"]);
    expect(figures.scope.revisions).toEqual([
      {
        id: revision!.id,
        town: "兰州湾镇",
        label: revision!.label,
        effectiveDate: revision!.effectiveDate,
        sourceFile: revision!.sourceFile,
      },
    ]);
    const country = await api.report.overview();
    expect(country.scope).toMatchObject({ kind: "country", name: "全国", parents: [], revisionCount: 1 });
  });

  it("gives the statistics and the rankings the summary quotes", async () => {
    const figures = await api.report.overview();
    expect(figures.overview).toMatchObject({ basic: 109, coordinated: 100, reclaimed: 37, total: 246 });
    expect(figures.perTown).toEqual({ basic: 109, coordinated: 100, reclaimed: 37, total: 246 });
    expect(figures.shares.coordinated).toBeCloseTo(100 / 246, 10);
    expect(figures.shares.delegated).toBeCloseTo(137 / 246, 10);
    expect(figures.categories.find((c) => c.category === "社会保障")).toMatchObject({ basic: 9, coordinated: 8, reclaimed: 9 });
    expect(figures.reclaimedCategories.map((c) => [c.category, c.reclaimed])).toEqual([
      ["社会保障", 9],
      ["乡村振兴", 6],
      ["自然资源", 6],
    ]);
    expect(figures.leadDepartments.map((d) => [d.shortName, d.coordinatedLed]).slice(0, 2)).toEqual([
      ["农业农村局", 13],
      ["住房和城乡建设局", 10],
    ]);
    expect(figures.leadDepartments[2]!.coordinatedLed).toBe(9);
    expect(figures.receiverDepartments.map((d) => [d.shortName, d.reclaimedReceived])).toEqual([
      ["农业农村局", 6],
      ["人力资源和社会保障局", 6],
      ["水利局", 5],
    ]);
    // 农业农村局 carries 13 + 6: the heaviest by total; the table and heatmap are cut to 15 departments.
    expect(figures.departments[0]).toMatchObject({ shortName: "农业农村局", total: 19 });
    expect(figures.departments).toHaveLength(15);
    const shown = new Set(figures.departments.map((d) => d.departmentId));
    expect(figures.matrix.every((c) => shown.has(c.departmentId!))).toBe(true);
    const agriculture = figures.departments[0]!.departmentId;
    expect(figures.matrix.filter((c) => c.departmentId === agriculture).reduce((n, c) => n + c.coordinated + c.reclaimed, 0)).toBe(19);
  });

  it("answers 404 for a region that does not exist", async () => {
    await expect(api.report.overview({ regionId: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
