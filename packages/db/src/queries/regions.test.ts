import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, testEngines } from "../../test/index.ts";
import { EVERY_TOWN, resolveScope } from "../scope.ts";
import { regionById, regionChildren, scopeSources, searchRegions } from "./regions.ts";

describe.each(testEngines())("regions (%s)", (engine) => {
  let seeded: TestDatabase;
  let revisionId: number;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    revisionId = (await seeded.db.selectFrom("revisions").select("id").executeTakeFirstOrThrow()).id;
  });
  afterAll(() => seeded?.close());

  // The seed's title 昌吉州玛纳斯县兰州湾镇 names no province; the gazetteer puts 昌吉州 in Xinjiang.
  it("lists the top of the tree, then each level below on request", async () => {
    const top = await regionChildren(seeded.db, null, 50);
    expect(top).toMatchObject([
      { level: "province", name: "新疆维吾尔自治区", towns: 1, hasChildren: true, path: [], latestRevisionId: null },
    ]);
    const prefecture = (await regionChildren(seeded.db, top[0]!.id, 50))[0]!;
    expect(prefecture).toMatchObject({ name: "昌吉州", path: [{ name: "新疆维吾尔自治区", level: "province" }] });
    const county = (await regionChildren(seeded.db, prefecture.id, 50))[0]!;
    const [town] = await regionChildren(seeded.db, county.id, 50);
    expect(town).toMatchObject({ level: "town", name: "兰州湾镇", towns: 1, latestRevisionId: revisionId, hasChildren: false });
    expect(town!.path.map((p) => p.name)).toEqual(["新疆维吾尔自治区", "昌吉州", "玛纳斯县"]);
  });

  it("finds regions by part of the name or by pinyin initials, with their path", async () => {
    const found = await searchRegions(seeded.db, "玛纳斯", 10);
    expect(found.map((r) => r.name)).toEqual(["玛纳斯县"]);
    expect(found[0]!.path.map((p) => p.name)).toEqual(["新疆维吾尔自治区", "昌吉州"]);
    // 兰州湾镇: l z w z.
    expect((await searchRegions(seeded.db, "LZW", 10)).map((r) => r.name)).toEqual(["兰州湾镇"]);
    // 州 is in 昌吉州 and 兰州湾镇: higher levels first.
    expect((await searchRegions(seeded.db, "州", 10)).map((r) => r.name)).toEqual(["昌吉州", "兰州湾镇"]);
    expect(await searchRegions(seeded.db, "%", 10)).toEqual([]);
    expect(await searchRegions(seeded.db, "   ", 10)).toEqual([]);
  });

  it("gives one region by id, and nothing for an unknown id", async () => {
    const county = (await searchRegions(seeded.db, "玛纳斯县", 1))[0]!;
    expect(await regionById(seeded.db, county.id)).toEqual(county);
    expect(await regionById(seeded.db, 987_654)).toBeNull();
  });

  it("names the revisions a scope reads and their documents", async () => {
    const seed = {
      town: "兰州湾镇",
      sourceFile: "xinjiang-changji-manas-lanzhouwan.txt",
      effectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u),
    };
    expect(await scopeSources(seeded.db, EVERY_TOWN)).toEqual({ towns: 1, revisions: [expect.objectContaining(seed)] });
    expect(await scopeSources(seeded.db, await resolveScope(seeded.db, { revisionId }))).toEqual({
      towns: 1,
      revisions: [expect.objectContaining(seed)],
    });
    expect(await scopeSources(seeded.db, { kind: "none", missing: null })).toEqual({ towns: 0, revisions: [] });
  });

  it("is empty before anything is imported", async () => {
    const empty = await openTestDatabase(engine);
    try {
      expect(await regionChildren(empty.db, null, 50)).toEqual([]);
      expect(await searchRegions(empty.db, "镇", 50)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
