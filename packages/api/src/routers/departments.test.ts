import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";
import { localContext } from "../context.ts";

// Counted with awk on the seed: 玛纳斯县农业农村局 is named in 13 对应上级部门 cells (乡村振兴 9; 民生服务, 平安法治,
// 自然资源, 生态环保 1 each) and is the receiver of 6 reclaimed rows (all 乡村振兴).

describe.each(testEngines())("departments router (%s)", (engine) => {
  let seeded: TestDatabase;
  let api: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    api = createCaller(localContext(seeded.db, null));
  });
  afterAll(() => seeded?.close());

  it("shows the department's side of every town's lists", async () => {
    const { items } = await api.stats.departmentLoad({ limit: 200 });
    const agri = items.find((r) => r.name === "玛纳斯县农业农村局")!;
    const view = await api.departments.byId({ id: agri.departmentId });
    expect(view.led).toHaveLength(13);
    expect(view.received).toHaveLength(6);
    expect(view.categories.map((c) => [c.category, c.led, c.received])).toEqual([
      ["民生服务", 1, 0],
      ["平安法治", 1, 0],
      ["乡村振兴", 9, 6],
      ["自然资源", 1, 0],
      ["生态环保", 1, 0],
    ]);
    const [revision] = (await api.revisions.list()).items;
    expect((await api.departments.byId({ id: agri.departmentId, revisionId: revision!.id })).led).toHaveLength(13);
  });

  it("answers 404 for an unknown department", async () => {
    await expect(api.departments.byId({ id: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "id: no department 987654" });
  });
});
