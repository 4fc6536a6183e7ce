import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, type Region, type Revision } from "@duty/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, recount, SEED_DIR, storedDuties, type TestDatabase, testEngines } from "../../test/index.ts";
import { overview } from "../queries/stats.ts";
import type { Db } from "../connect.ts";
import { EVERY_TOWN, resolveScope } from "../scope.ts";
import { importRevision } from "./import.ts";
import { AmbiguousPlace } from "./places.ts";
import { repairRegions } from "./repair.ts";
import { rebuildRollups } from "./rollups.ts";

const seed = (() => {
  const parsed = parseDocument(readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt")));
  if (!parsed.ok) throw parsed.error;
  return parsed.revision;
})();
const SEED_DUTIES = 109 + 100 + 37;

/** The seed's lists filed at a place of made-up names (unknown to the gazetteer), under a hash of its own. */
async function file(
  db: Db,
  place: Partial<Region> & { town: string },
  { lists = seed.lists, ...options }: { withinRegionId?: number; status?: "draft"; lists?: Revision["lists"] } = {},
) {
  const region: Region = { province: null, prefecture: null, county: null, ...place };
  const revision: Revision = { ...seed, region, lists };
  return importRevision(db, revision, { sourceFile: `${place.town}.txt`, contentHash: JSON.stringify(region), ...options });
}

/** Every region as its path from the top: "甲省/乙市/丙县/丁镇". */
async function paths(db: Db): Promise<string[]> {
  const { rows } = await sql<{ path: string }>`
    select string_agg(a.name, '/' order by c.depth desc) as path
    from regions r join region_closure c on c.region_id = r.id join regions a on a.id = c.ancestor_id
    group by r.id
  `.execute(db);
  return rows.map((r) => r.path).sort();
}

async function regionId(db: Db, name: string): Promise<number> {
  return (await db.selectFrom("regions").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
}

/** A scope's overview equals the sum of its towns' own overviews, and the GROUP BY recount. */
async function expectSumOfTowns(db: Db, regionName: string, towns: number): Promise<void> {
  const scope = await resolveScope(db, { regionId: await regionId(db, regionName) });
  const whole = await overview(db, scope);
  expect(whole, regionName).toEqual(await recount.overview(db, scope));
  expect(whole.towns, regionName).toBe(towns);
  expect(whole.total, regionName).toBe(towns * SEED_DUTIES);
}

describe.each(testEngines())("placing documents that omit levels (%s)", (engine) => {
  let base: TestDatabase;
  let db: TestDatabase;
  beforeAll(async () => {
    base = await openTestDatabase(engine);
  });
  afterAll(() => base?.close());
  const fresh = async () => {
    await db?.close();
    db = await base.fork();
  };
  afterAll(() => db?.close());

  it("fills in the province the gazetteer knows: the seed's 昌吉州玛纳斯县兰州湾镇 lands in Xinjiang", async () => {
    await fresh();
    await importRevision(db.db, seed, { sourceFile: "seed.txt", contentHash: "seed" });
    expect(await paths(db.db)).toEqual([
      "新疆维吾尔自治区",
      "新疆维吾尔自治区/昌吉州",
      "新疆维吾尔自治区/昌吉州/玛纳斯县",
      "新疆维吾尔自治区/昌吉州/玛纳斯县/兰州湾镇",
    ]);
  });

  it("attaches a document without its province to the one existing region of its name path", async () => {
    await fresh();
    await file(db.db, { province: "甲省", prefecture: "乙市", county: "丙县", town: "丁镇" });
    await file(db.db, { prefecture: "乙市", county: "丙县", town: "戊镇" });
    await file(db.db, { prefecture: "乙市", county: "己县", town: "庚镇" });
    await file(db.db, { county: "丙县", town: "辛镇" });
    expect((await paths(db.db)).filter((p) => p.endsWith("镇"))).toEqual([
      "甲省/乙市/丙县/丁镇",
      "甲省/乙市/丙县/戊镇",
      "甲省/乙市/丙县/辛镇",
      "甲省/乙市/己县/庚镇",
    ]);
    await expectSumOfTowns(db.db, "甲省", 4);
    await expectSumOfTowns(db.db, "乙市", 4);
    expect(await overview(db.db, EVERY_TOWN)).toMatchObject({ towns: 4, total: 4 * SEED_DUTIES });
  });

  it("moves a copy filed at the top under the province a later document names, with all it holds", async () => {
    await fresh();
    // First the documents without a province: 乙市 starts at the top of the tree.
    await file(db.db, { prefecture: "乙市", county: "丙县", town: "戊镇" });
    await file(db.db, { prefecture: "乙市", county: "己县", town: "庚镇" });
    expect(await paths(db.db)).toContain("乙市");
    await file(db.db, { province: "甲省", prefecture: "乙市", county: "丙县", town: "丁镇" });
    expect((await paths(db.db)).filter((p) => p.endsWith("镇"))).toEqual([
      "甲省/乙市/丙县/丁镇",
      "甲省/乙市/丙县/戊镇",
      "甲省/乙市/己县/庚镇",
    ]);
    await expectSumOfTowns(db.db, "甲省", 3);
    // The rollups were recounted for the province that gained the copy, as a rebuild would count them.
    const before = await overview(db.db, EVERY_TOWN);
    await rebuildRollups(db.db);
    expect(await overview(db.db, EVERY_TOWN)).toEqual(before);
    expect(before.towns).toBe(3);
  });

  it("refuses a name path that fits several regions, naming them, and files it within the region given", async () => {
    await fresh();
    await file(db.db, { province: "甲省", prefecture: "乙市", county: "丙县", town: "丁镇" });
    await file(db.db, { province: "壬省", prefecture: "乙市", county: "癸县", town: "子镇" });
    const refused = await file(db.db, { prefecture: "乙市", county: "丑县", town: "寅镇" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AmbiguousPlace);
    expect((refused as AmbiguousPlace).candidates.sort()).toEqual(["壬省/乙市", "甲省/乙市"]);
    expect((refused as Error).message).toContain("乙市/丑县/寅镇");
    // Nothing was written.
    expect(await paths(db.db)).not.toContain("乙市/丑县/寅镇");
    // The next level tells them apart: only 甲省's 乙市 has a 丙县.
    await file(db.db, { prefecture: "乙市", county: "丙县", town: "卯镇" });
    await file(db.db, { prefecture: "乙市", county: "丑县", town: "寅镇" }, { withinRegionId: await regionId(db.db, "壬省") });
    expect((await paths(db.db)).filter((p) => p.endsWith("镇"))).toEqual([
      "壬省/乙市/丑县/寅镇",
      "壬省/乙市/癸县/子镇",
      "甲省/乙市/丙县/丁镇",
      "甲省/乙市/丙县/卯镇",
    ]);
    await expectSumOfTowns(db.db, "甲省", 2);
    await expectSumOfTowns(db.db, "壬省", 2);
  });
});

describe.each(testEngines())("repairing a database that holds copies at the top (%s)", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
  });
  afterAll(() => db?.close());

  it("merges each copy into the region it duplicates, county departments and all, and keeps every duty", async () => {
    // As a database filled before documents were placed: 乙市 under 甲省, and a copy at the top holding a town of
    // the same county 丙县 and one of another county, made here by inserting the copy's regions directly.
    await file(db.db, { province: "甲省", prefecture: "乙市", county: "丙县", town: "丁镇" });
    const copy = await db.db
      .insertInto("regions")
      .values({ parent_id: null, level: "prefecture", name: "乙市" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.db.insertInto("region_closure").values({ ancestor_id: copy.id, region_id: copy.id, depth: 0 }).execute();
    await file(db.db, { prefecture: "乙市", county: "丙县", town: "戊镇" }, { withinRegionId: copy.id });
    await file(db.db, { prefecture: "乙市", county: "己县", town: "庚镇" }, { withinRegionId: copy.id });
    await file(db.db, { prefecture: "癸市", county: "午县", town: "未镇" });
    expect(await paths(db.db)).toContain("乙市/丙县/戊镇");
    const duties = await storedDuties(db.db);
    const province = await regionId(db.db, "甲省");
    expect((await overview(db.db, await resolveScope(db.db, { regionId: province }))).towns).toBe(1);

    expect(await repairRegions(db.db, { dryRun: true })).toEqual({
      merged: ["乙市 → 甲省/乙市"],
      moved: [],
      unplaced: ["癸市"],
      ambiguous: [],
    });
    expect(await paths(db.db)).toContain("乙市/丙县/戊镇");
    await repairRegions(db.db);

    expect((await paths(db.db)).filter((p) => p.endsWith("镇"))).toEqual([
      "甲省/乙市/丙县/丁镇",
      "甲省/乙市/丙县/戊镇",
      "甲省/乙市/己县/庚镇",
      "癸市/午县/未镇",
    ]);
    expect(await storedDuties(db.db)).toEqual(duties);
    await expectSumOfTowns(db.db, "甲省", 3);
    // The two copies of 丙县 had the same 38 departments; one set is left, carrying both towns' links.
    const county = await db.db.selectFrom("regions").select("id").where("name", "=", "丙县").execute();
    expect(county).toHaveLength(1);
    const departments = await db.db
      .selectFrom("departments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("county_id", "=", county[0]!.id)
      .executeTakeFirstOrThrow();
    expect(Number(departments.n)).toBe(38);
    expect(await overview(db.db, EVERY_TOWN)).toEqual(await recount.overview(db.db, EVERY_TOWN));
  });

  it("keeps a merged town's revisions as they were: draft or published, their documents and their notes", async () => {
    const own = await openTestDatabase(engine);
    try {
      await file(own.db, { province: "甲省", prefecture: "乙市", county: "丙县", town: "丁镇" });
      const copy = await own.db
        .insertInto("regions")
        .values({ parent_id: null, level: "prefecture", name: "乙市" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await own.db.insertInto("region_closure").values({ ancestor_id: copy.id, region_id: copy.id, depth: 0 }).execute();
      // The same town filed again at the copy: a draft with a 备注 on its first basic duty, its document kept.
      const [first, ...rest] = seed.lists.basic;
      const lists = { ...seed.lists, basic: [{ ...first!, notes: [{ column: "备注", text: "重点" }] }, ...rest] };
      const draft = await file(
        own.db,
        { prefecture: "乙市", county: "丙县", town: "丁镇" },
        { withinRegionId: copy.id, status: "draft", lists },
      );
      const bytes = new Uint8Array([1, 2, 3]);
      await own.db
        .insertInto("revision_sources")
        .values({ town_id: draft.townId, revision_id: draft.revisionId, file_name: "丁镇.docx", town_spec: null, bytes })
        .execute();
      const duties = await storedDuties(own.db);

      expect((await repairRegions(own.db)).merged).toEqual(["乙市 → 甲省/乙市"]);
      const town = await regionId(own.db, "丁镇");
      const moved = await own.db
        .selectFrom("revisions")
        .select(["town_id", "status"])
        .where("id", "=", draft.revisionId)
        .executeTakeFirstOrThrow();
      expect(moved).toEqual({ town_id: town, status: "draft" });
      const source = await own.db.selectFrom("revision_sources").select(["town_id", "file_name", "bytes"]).execute();
      expect(source.map((r) => ({ ...r, bytes: [...r.bytes] }))).toEqual([{ town_id: town, file_name: "丁镇.docx", bytes: [1, 2, 3] }]);
      expect(await own.db.selectFrom("duty_notes").select(["town_id", "column_name", "text"]).execute()).toEqual([
        { town_id: town, column_name: "备注", text: "重点" },
      ]);
      expect(await storedDuties(own.db)).toEqual(duties);
      // The draft does not stand for the town: one town, counted once.
      await expectSumOfTowns(own.db, "甲省", 1);
    } finally {
      await own.close();
    }
  });
});
