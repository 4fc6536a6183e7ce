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
    expect([view.led.total, view.led.items.length, view.led.nextCursor]).toEqual([13, 13, null]);
    expect([view.received.total, view.received.items.length]).toEqual([6, 6]);
    expect(view.categories.map((c) => [c.category, c.led, c.received])).toEqual([
      ["民生服务", 1, 0],
      ["平安法治", 1, 0],
      ["乡村振兴", 9, 6],
      ["自然资源", 1, 0],
      ["生态环保", 1, 0],
    ]);
    const [revision] = (await api.revisions.list()).items;
    expect((await api.departments.byId({ id: agri.departmentId, revisionId: revision!.id })).led.total).toBe(13);
  });

  it("pages each list by its own cursor, counting categories over all of them", async () => {
    const { items } = await api.stats.departmentLoad({ limit: 200 });
    const agri = items.find((r) => r.name === "玛纳斯县农业农村局")!;
    const whole = await api.departments.byId({ id: agri.departmentId });
    const first = await api.departments.byId({ id: agri.departmentId, limit: 5 });
    expect([first.led.items.length, first.led.total, first.led.nextCursor]).toEqual([5, 13, 5]);
    expect([first.received.items.length, first.received.nextCursor]).toEqual([5, 5]);
    expect(first.categories).toEqual(whole.categories);
    const last = await api.departments.byId({ id: agri.departmentId, limit: 5, ledCursor: 10, receivedCursor: 5 });
    expect(last.led.items.map((d) => d.id)).toEqual(whole.led.items.slice(10).map((d) => d.id));
    expect([last.led.items.length, last.led.nextCursor]).toEqual([3, null]);
    expect(last.received.items.map((d) => d.id)).toEqual([whole.received.items[5]!.id]);
  });

  it("answers 404 for an unknown department", async () => {
    await expect(api.departments.byId({ id: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "id: no department 987654" });
  });
});
