import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";
import { localContext } from "../context.ts";

describe.each(testEngines())("regions router (%s)", (engine) => {
  let seeded: TestDatabase;
  let api: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    api = createCaller(localContext(seeded.db, null));
  });
  afterAll(() => seeded?.close());

  it("walks down from the top a level at a time to the seed's town and its revision", async () => {
    const [revision] = (await api.revisions.list()).items;
    let level = await api.regions.children();
    expect(level.map((r) => r.name)).toEqual(["新疆维吾尔自治区"]);
    for (const name of ["昌吉州", "玛纳斯县", "兰州湾镇"]) {
      level = await api.regions.children({ parentId: level[0]!.id });
      expect(level.map((r) => r.name)).toEqual([name]);
    }
    expect(level[0]).toMatchObject({ level: "town", latestRevisionId: revision!.id, towns: 1, hasChildren: false });
  });

  it("finds a region by name or initials and names it by id, with its path", async () => {
    const [county] = await api.regions.search({ q: "mnsx" });
    expect(county).toMatchObject({ name: "玛纳斯县", path: [{ name: "新疆维吾尔自治区" }, { name: "昌吉州" }] });
    expect(await api.regions.byId({ id: county!.id })).toEqual(county);
    await expect(api.regions.byId({ id: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.regions.search({ q: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^q: /u) });
  });

  it("names the documents behind a scope", async () => {
    expect(await api.regions.sources()).toEqual({
      towns: 1,
      revisions: [expect.objectContaining({ town: "兰州湾镇", sourceFile: "xinjiang-changji-manas-lanzhouwan.txt" })],
    });
  });
});
