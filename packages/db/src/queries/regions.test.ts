import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, testEngines } from "../../test/index.ts";
import { regionTree } from "./regions.ts";

describe.each(testEngines())("region tree (%s)", (engine) => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
  });
  afterAll(() => seeded?.close());

  it("nests the seed's title 昌吉州玛纳斯县兰州湾镇 (no province) with the town's latest revision", async () => {
    const revision = await seeded.db.selectFrom("revisions").select("id").executeTakeFirstOrThrow();
    const tree = await regionTree(seeded.db);
    expect(tree).toMatchObject([
      {
        level: "prefecture",
        name: "昌吉州",
        towns: 1,
        latestRevisionId: null,
        children: [
          {
            level: "county",
            name: "玛纳斯县",
            towns: 1,
            children: [{ level: "town", name: "兰州湾镇", towns: 1, latestRevisionId: revision.id, children: [] }],
          },
        ],
      },
    ]);
  });

  it("is empty before anything is imported", async () => {
    const empty = await openTestDatabase(engine);
    try {
      expect(await regionTree(empty.db)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
