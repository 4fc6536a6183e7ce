import { inlineWork } from "../work/work.ts";
import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";
import { localContext } from "../context.ts";

describe.each(testEngines())("regions router (%s)", (engine) => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
  });
  afterAll(() => seeded?.close());

  it("returns the tree the seed's title 昌吉州玛纳斯县兰州湾镇 describes", async () => {
    const api = createCaller(localContext(seeded.db, null));
    const [revision] = (await api.revisions.list()).items;
    const tree = await api.regions.tree();
    expect(tree.map((r) => r.name)).toEqual(["昌吉州"]);
    const town = tree[0]!.children[0]!.children[0]!;
    expect(town).toMatchObject({ level: "town", name: "兰州湾镇", latestRevisionId: revision!.id, towns: 1 });
  });
});
