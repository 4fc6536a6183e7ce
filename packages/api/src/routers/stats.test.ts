import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";
import { localContext } from "../context.ts";

// Seed facts counted with awk on data/lists/xinjiang-changji-manas-lanzhouwan.txt (data rows: $1 ~ /^[0-9]+$/;
// NF 3/6/4 tells the list): 109/100/37 rows, 20 distinct categories, 150 department names in the 对应上级部门
// cells split on 、, 38 departments in both department columns; 社会保障 9/8/9; 农业农村局 13 coordinated + 6 reclaimed.

describe.each(testEngines())("stats router (%s)", (engine) => {
  let seeded: TestDatabase;
  let api: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    api = createCaller(localContext(seeded.db, null));
  });
  afterAll(() => seeded?.close());

  it("gives the overview of the latest revision of every town without input", async () => {
    const o = await api.stats.overview();
    expect(o).toMatchObject({
      towns: 1,
      basic: 109,
      coordinated: 100,
      reclaimed: 37,
      total: 246,
      categories: 20,
      departments: 38,
      leadLinks: 150,
    });
    expect(o.delegatedShare.toFixed(3)).toBe("0.557");
    expect([o.coordinatedShare, o.reclaimedShare]).toEqual([100 / 246, 37 / 246]);
    expect(o.nationalDelegatedShare).toBe(0.656);
  });

  it("answers every statistic for a revision and for a region", async () => {
    const [revision] = (await api.revisions.list()).items;
    const [root] = await api.regions.children();
    for (const scope of [{ revisionId: revision!.id }, { regionId: root!.id }]) {
      expect((await api.stats.byCategory(scope)).find((r) => r.category === "社会保障")).toMatchObject({
        basic: 9,
        coordinated: 8,
        reclaimed: 9,
      });
      expect((await api.stats.reclaimedVsRetained(scope)).find((r) => r.category === "社会保障")).toMatchObject({
        retained: 17,
        reclaimed: 9,
      });
      const load = await api.stats.departmentLoad({ ...scope, q: "农业农村" });
      expect(load).toMatchObject({
        total: 1,
        items: [{ name: "玛纳斯县农业农村局", coordinatedLed: 13, reclaimedReceived: 6, total: 19 }],
      });
      const matrix = await api.stats.matrix({ ...scope, limit: 200 });
      expect(matrix.departments).toBe(38);
      expect(matrix.cells.reduce((n, c) => n + c.total, 0)).toBe(150 + 37);
      expect(await api.stats.townShares(scope)).toMatchObject({
        total: 1,
        items: [{ town: "兰州湾镇", total: 246, delegatedShare: 137 / 246 }],
      });
    }
  });

  it("adds load up by short name, and groups the matrix by it on request", async () => {
    const load = await api.stats.shortNameLoad({ limit: 200 });
    expect(load.items.find((r) => r.shortName === "农业农村局")).toMatchObject({
      counties: 1,
      coordinatedLed: 13,
      reclaimedReceived: 6,
      total: 19,
    });
    const { cells } = await api.stats.matrix({ by: "shortName" });
    expect(cells.every((c) => c.departmentId === null)).toBe(true);
  });

  it("pages a list: the first 20 of 38 departments, then the rest, heaviest first", async () => {
    const first = await api.stats.departmentLoad();
    expect(first).toMatchObject({ total: 38, nextCursor: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toMatchObject({ name: "玛纳斯县农业农村局", total: 19 });
    const rest = await api.stats.departmentLoad({ cursor: 20 });
    expect(rest).toMatchObject({ total: 38, nextCursor: null });
    expect(rest.items).toHaveLength(18);
    await expect(api.stats.departmentLoad({ limit: 201 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^limit: /u),
    });
  });

  it("bins towns by their delegated share", async () => {
    const bins = await api.stats.townShareHistogram();
    expect(bins).toHaveLength(20);
    expect(bins.filter((b) => b.towns > 0)).toEqual([{ from: 0.55, to: 0.6, towns: 1 }]);
  });

  it("refuses bad input with a message naming the field", async () => {
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as TRPCError,
      );
    const negative = await failure(api.stats.overview({ revisionId: -1 }));
    expect(negative).toMatchObject({ code: "BAD_REQUEST" });
    expect(negative?.message).toMatch(/revisionId/u);
    const both = await failure(api.stats.overview({ revisionId: 1, regionId: 1 }));
    expect(both?.message).toContain("give revisionId or regionId, not both");
    const by = await failure(api.stats.matrix({ by: "county" as "department" }));
    expect(by?.message).toMatch(/by/u);
  });

  it("answers 404 naming the field for a revision or region that does not exist", async () => {
    await expect(api.stats.overview({ revisionId: 987_654 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "revisionId: no revision 987654",
    });
    await expect(api.stats.matrix({ regionId: 987_654 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "regionId: no region 987654",
    });
  });
});
