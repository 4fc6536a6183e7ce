import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "@duty/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, SEED_DIR, statistics, type TestDatabase, testEngines } from "../../test/index.ts";
import type { Scope } from "../scope.ts";
import { importDocument } from "../write/import.ts";

const {
  overview,
  dutiesByCategory,
  reclaimedVsRetained,
  departmentLoad,
  departmentLoadByShortName,
  departmentCategoryMatrix,
  townShares,
  townShareHistogram,
} = statistics;

const seedBytes = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"));
const seedText = seedBytes.toString("utf8");

// Facts counted on the seed with awk, independently of the parser and the SQL:
//   rows per list:      awk -F'\t' '$1 ~ /^[0-9]+$/ {n[NF]++}'                 → 109 / 100 / 37 (3, 6, 4 columns)
//   rows per category:  awk -F'\t' '$1 ~ /^[0-9]+$/ {n[$2" "NF]++}'           → 社会保障 9 / 8 / 9, 党的建设 22 / 11 / 0, 乡村振兴 14 / 13 / 6
//   categories:         distinct $2 over all rows                              → 20
//   lead links:         split($4, a, "、") over the 6-column rows              → 150, 38 distinct strings
//   departments:        those strings without the 及其他… tail, plus the part before "：" of
//                       the 4-column rows' last cell                           → 38
//   农业农村局:          6-column rows whose $4 names 玛纳斯县农业农村局           → 13, 9 of them 乡村振兴;
//                       4-column rows whose $4 starts 玛纳斯县农业农村局：        → 6, all 乡村振兴
const SEED = { basic: 109, coordinated: 100, reclaimed: 37 };

describe.each(testEngines())("statistics (%s)", (engine) => {
  let seeded: TestDatabase;
  let revisionId: number;
  let countyId: number;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    revisionId = (await seeded.db.selectFrom("revisions").select("id").executeTakeFirstOrThrow()).id;
    countyId = (await seeded.db.selectFrom("regions").select("id").where("name", "=", "玛纳斯县").executeTakeFirstOrThrow()).id;
  });
  afterAll(() => seeded?.close());

  const scopes = (): [string, Scope][] => [
    ["every town", {}],
    ["the revision", { revisionId }],
    ["the county", { regionId: countyId }],
  ];

  it("gives the seed's overview in every scope that holds it", async () => {
    for (const [, scope] of scopes()) {
      const o = await overview(seeded.db, scope);
      expect(o).toEqual({
        towns: 1,
        ...SEED,
        total: 246,
        coordinatedShare: 100 / 246,
        reclaimedShare: 37 / 246,
        delegatedShare: (100 + 37) / 246,
        nationalDelegatedShare: 0.656,
        categories: 20,
        departments: 38,
        leadLinks: 150,
        receiverLinks: 37,
      });
      expect(o.delegatedShare.toFixed(3)).toBe("0.557");
    }
  });

  it("counts duties per category per list", async () => {
    const rows = await dutiesByCategory(seeded.db, { revisionId });
    expect(rows).toHaveLength(20);
    expect(rows.find((r) => r.category === "社会保障")).toMatchObject({ basic: 9, coordinated: 8, reclaimed: 9, total: 26 });
    expect(rows.find((r) => r.category === "党的建设")).toMatchObject({ basic: 22, coordinated: 11, reclaimed: 0 });
    // Document order: the basic list opens with 党的建设; 教育培训监管 appears only as the last coordinated row.
    expect(rows[0]!.category).toBe("党的建设");
    expect(rows.at(-1)!.category).toBe("教育培训监管");
    const sum = (list: "basic" | "coordinated" | "reclaimed") => rows.reduce((n, r) => n + r[list], 0);
    expect({ basic: sum("basic"), coordinated: sum("coordinated"), reclaimed: sum("reclaimed") }).toEqual(SEED);
  });

  it("splits every category into reclaimed and retained (basic + coordinated)", async () => {
    const rows = await reclaimedVsRetained(seeded.db, {});
    expect(rows.find((r) => r.category === "社会保障")).toMatchObject({ retained: 17, reclaimed: 9 });
    expect(rows.find((r) => r.category === "乡村振兴")).toMatchObject({ retained: 27, reclaimed: 6 });
    // awk over the 4-column rows: 10 distinct categories.
    expect(rows.filter((r) => r.reclaimed > 0)).toHaveLength(10);
  });

  it("measures each county department's load", async () => {
    const page = await departmentLoad(seeded.db, {});
    expect(page).toMatchObject({ total: 38, nextCursor: null });
    const rows = page.items;
    expect(rows).toHaveLength(38);
    const agri = rows.find((r) => r.name === "玛纳斯县农业农村局");
    expect(agri).toMatchObject({
      shortName: "农业农村局",
      county: "玛纳斯县",
      kind: "government",
      coordinatedLed: 13,
      reclaimedReceived: 6,
      total: 19,
    });
    expect(rows[0]!.name).toBe("玛纳斯县农业农村局");
    // 医疗保障局 only takes reclaimed duties back (2 rows in the 4-column list).
    expect(rows.find((r) => r.name === "玛纳斯县医疗保障局")).toMatchObject({ coordinatedLed: 0, reclaimedReceived: 2, townSteps: 0 });
    expect(rows.reduce((n, r) => n + r.coordinatedLed, 0)).toBe(150);

    // Steps: checked against the parsed document, a path that shares no SQL with the query.
    const parsed = parseDocument(seedBytes);
    if (!parsed.ok) throw parsed.error;
    const led = parsed.revision.lists.coordinated.filter((d) => d.departments.some((ref) => ref.name === "玛纳斯县农业农村局"));
    expect(agri?.townSteps).toBe(led.reduce((n, d) => n + d.townDuties.length, 0));
    expect(agri?.departmentSteps).toBe(
      led.reduce((n, d) => n + d.departmentDuties.filter((s) => s.department === null || s.department === "玛纳斯县农业农村局").length, 0),
    );
  });

  it("orders departments by total load, then led, received and id, and pages them without overlap", async () => {
    const all = (await departmentLoad(seeded.db, {})).items;
    for (const [a, b] of all.slice(1).map((r, i) => [all[i]!, r] as const)) {
      expect(
        a.total > b.total || (a.total === b.total && (a.coordinatedLed > b.coordinatedLed || a.coordinatedLed === b.coordinatedLed)),
      ).toBe(true);
    }
    const pages = [];
    let cursor: number | undefined;
    do {
      const page = await departmentLoad(seeded.db, {}, { limit: 10, cursor });
      expect(page.total).toBe(38);
      pages.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(pages).toEqual(all);
    // 医疗保障局 only receives (2), so sorting by what was received puts it above departments that only lead.
    const byReceived = (await departmentLoad(seeded.db, {}, { sort: "received" })).items;
    expect(byReceived[0]).toMatchObject({ name: "玛纳斯县农业农村局", reclaimedReceived: 6 });
    const searched = await departmentLoad(seeded.db, {}, { q: "农业" });
    expect(searched.items.map((r) => r.name)).toEqual(["玛纳斯县农业农村局"]);
    expect(searched.total).toBe(1);
    // Words typed apart must all be in the name, in any order.
    expect((await departmentLoad(seeded.db, {}, { q: " 农业  玛纳斯县 " })).items.map((r) => r.name)).toEqual(["玛纳斯县农业农村局"]);
    expect((await departmentLoad(seeded.db, {}, { q: "呼图壁县 农业" })).total).toBe(0);
  });

  it("puts departments and categories in one matrix of coordinated and reclaimed duties, heaviest departments first", async () => {
    const { cells, departments } = await departmentCategoryMatrix(seeded.db, {}, "department");
    expect(departments).toBe(38);
    expect(cells.find((c) => c.department === "玛纳斯县农业农村局" && c.category === "乡村振兴")).toMatchObject({
      coordinated: 9,
      reclaimed: 6,
      total: 15,
    });
    expect(cells.reduce((n, c) => n + c.coordinated, 0)).toBe(150);
    expect(cells.reduce((n, c) => n + c.reclaimed, 0)).toBe(37);
    // Rows in the order of the load list: the first page of 5 departments holds exactly their cells.
    const top = (await departmentLoad(seeded.db, {}, { limit: 5 })).items;
    const page = await departmentCategoryMatrix(seeded.db, {}, "department", { limit: 5 });
    expect([...new Set(page.cells.map((c) => c.departmentId))]).toEqual(top.map((d) => d.departmentId));
    expect(page.nextCursor).toBe(5);
    const byShort = await departmentCategoryMatrix(seeded.db, {}, "shortName");
    expect(byShort.cells.find((c) => c.department === "农业农村局" && c.category === "乡村振兴")).toMatchObject({
      departmentId: null,
      coordinated: 9,
    });
  });

  it("gives the town's shares and puts it in its histogram bin", async () => {
    const shares = await townShares(seeded.db, {});
    expect(shares).toEqual({
      items: [
        {
          revisionId,
          townId: expect.any(Number),
          town: "兰州湾镇",
          ...SEED,
          total: 246,
          coordinatedShare: 100 / 246,
          reclaimedShare: 37 / 246,
          delegatedShare: 137 / 246,
        },
      ],
      total: 1,
      nextCursor: null,
    });
    const bins = await townShareHistogram(seeded.db, {});
    expect(bins).toHaveLength(20);
    // 137 / 246 = 0.557: the bin from 0.55 to 0.6.
    expect(bins.filter((b) => b.towns > 0)).toEqual([{ from: 11 / 20, to: 12 / 20, towns: 1 }]);
  });

  it("yields nothing for a revision that does not exist", async () => {
    expect(await overview(seeded.db, { revisionId: 999_999 })).toMatchObject({ towns: 0, total: 0, delegatedShare: 0, departments: 0 });
    expect(await dutiesByCategory(seeded.db, { revisionId: 999_999 })).toEqual([]);
  });

  describe("with several towns and revisions", () => {
    let many: TestDatabase;
    let first: number;
    beforeAll(async () => {
      many = await seeded.fork();
      first = revisionId;
      // A newer 兰州湾镇 without its last reclaimed row; a second town of the county; a town of another county.
      const shorter = seedText.replace(/\n37\t市场监管\t[^\n]*\n?$/u, "\n");
      expect(shorter).not.toBe(seedText);
      await importDocument(many.db, Buffer.from(shorter), "v2.txt", { effectiveDate: "2099-01-01" });
      await importDocument(many.db, Buffer.from(seedText.replaceAll("兰州湾镇", "北五岔镇")), "bwc.txt");
      await importDocument(many.db, Buffer.from(seedText.replaceAll("玛纳斯县", "呼图壁县").replaceAll("兰州湾镇", "五工台镇")), "wgt.txt");
    });
    afterAll(() => many?.close());

    it("reads the latest revision of every town by default", async () => {
      expect(await overview(many.db, {})).toMatchObject({ towns: 3, basic: 3 * 109, reclaimed: 36 + 37 + 37 });
    });

    it("still reads an older revision when it is asked for", async () => {
      expect(await overview(many.db, { revisionId: first })).toMatchObject({ towns: 1, reclaimed: 37 });
    });

    it("keeps a region's scope inside the region", async () => {
      const county = await many.db.selectFrom("regions").select("id").where("name", "=", "玛纳斯县").executeTakeFirstOrThrow();
      expect(await overview(many.db, { regionId: county.id })).toMatchObject({ towns: 2, reclaimed: 36 + 37, departments: 38 });
      const prefecture = await many.db.selectFrom("regions").select("id").where("name", "=", "昌吉州").executeTakeFirstOrThrow();
      expect(await overview(many.db, { regionId: prefecture.id })).toMatchObject({ towns: 3, departments: 2 * 38 });
    });

    it("gives every town's latest revision its own share, sorted as asked", async () => {
      const { items, total } = await townShares(many.db, {}, { sort: "delegatedShareAsc" });
      expect(total).toBe(3);
      // 兰州湾镇's latest lacks one reclaimed row: (100 + 36) / 245 < 137 / 246.
      expect(items.map((r) => [r.town, r.total])).toEqual([
        ["兰州湾镇", 245],
        ["五工台镇", 246],
        ["北五岔镇", 246],
      ]);
      expect(items[0]!.delegatedShare).toBe(136 / 245);
      const county = await many.db.selectFrom("regions").select("id").where("name", "=", "玛纳斯县").executeTakeFirstOrThrow();
      expect((await townShares(many.db, { regionId: county.id })).items.map((r) => r.town)).toEqual(["兰州湾镇", "北五岔镇"]);
      expect((await townShares(many.db, { revisionId: first })).items).toMatchObject([{ revisionId: first, total: 246 }]);
    });

    it("adds up one bureau across counties by short name", async () => {
      const rows = (await departmentLoadByShortName(many.db, {})).items;
      expect(rows.find((r) => r.shortName === "农业农村局")).toMatchObject({
        counties: 2,
        coordinatedLed: 3 * 13,
        reclaimedReceived: 3 * 6,
      });
      const perCounty = (await departmentLoad(many.db, {})).items;
      expect(perCounty.filter((r) => r.shortName === "农业农村局").map((r) => [r.county, r.coordinatedLed])).toEqual(
        expect.arrayContaining([
          ["玛纳斯县", 26],
          ["呼图壁县", 13],
        ]),
      );
    });
  });
});
