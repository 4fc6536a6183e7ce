import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, testEngines } from "../../test/index.ts";
import { departmentById } from "./departments.ts";

// Counted on the seed with awk: 6-column rows whose 对应上级部门 names 玛纳斯县农业农村局 → 13, 4-column rows
// whose receiver is 玛纳斯县农业农村局 → 6; 玛纳斯县应急管理局 appears in 5 coordinated rows (81–84, 88), row 82 as
// 玛纳斯县应急管理局及其他负有安全生产监督管理职责的部门.

describe.each(testEngines())("department queries (%s)", (engine) => {
  let seeded: TestDatabase;
  const idOf = async (name: string) =>
    (await seeded.db.selectFrom("departments").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
  });
  afterAll(() => seeded?.close());

  it("mirrors every duty a department leads or received", async () => {
    const view = await departmentById(seeded.db, await idOf("玛纳斯县农业农村局"));
    expect(view).toMatchObject({
      shortName: "农业农村局",
      abbreviation: "县农业农村局",
      level: "县",
      kind: "government",
      county: "玛纳斯县",
    });
    expect(view?.led.total).toBe(13);
    expect(view?.received.total).toBe(6);
    expect(view?.led.items.every((d) => d.list === "coordinated" && d.town === "兰州湾镇")).toBe(true);
    expect(view?.received.items.every((d) => d.list === "reclaimed" && d.category === "乡村振兴")).toBe(true);
  });

  it("keeps the vague tail a cell adds after the department", async () => {
    const view = await departmentById(seeded.db, await idOf("玛纳斯县应急管理局"));
    expect(view?.led.items.map((d) => d.seq)).toEqual([81, 82, 83, 84, 88]);
    expect(view?.led.items.find((d) => d.seq === 82)?.note).toBe("及其他负有安全生产监督管理职责的部门");
  });

  it("returns null for an unknown department", async () => {
    expect(await departmentById(seeded.db, 987_654)).toBeNull();
  });
});
