import { importDocument } from "@duty/db";
import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";
import { localContext } from "../context.ts";

// Counted with awk on the seed: 24 data rows contain 处罚 (5 basic, 6 coordinated, 13 reclaimed); none contains %.

describe.each(testEngines())("duties router (%s)", (engine) => {
  let seeded: TestDatabase;
  let api: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    api = createCaller(localContext(seeded.db, null));
  });
  afterAll(() => seeded?.close());

  it("searches literally and pages with a cursor", async () => {
    const first = await api.duties.search({ q: "处罚", limit: 20 });
    expect(first.items).toHaveLength(20);
    const rest = await api.duties.search({ q: "处罚", limit: 20, cursor: first.nextCursor! });
    expect(rest).toMatchObject({ nextCursor: null });
    expect(rest.items).toHaveLength(4);
    expect((await api.duties.search({ q: "%" })).items).toEqual([]);
  });

  it("returns a duty with both sides", async () => {
    const [hit] = (await api.duties.search({ list: "coordinated", q: "干部人事档案工作" })).items;
    const duty = await api.duties.byId({ id: hit!.id });
    expect(duty.departments.map((d) => d.name)).toEqual(["玛纳斯县委组织部", "玛纳斯县人力资源和社会保障局"]);
    expect(duty.departmentSteps).toHaveLength(2);
    expect(duty.townSteps).toHaveLength(1);
    // The seed has no column beyond its lists' own.
    expect(duty.notes).toEqual([]);
  });

  it("returns the columns a document adds (备注, 编号) beside the duty, in the document's order", async () => {
    const db = await seeded.fork();
    try {
      const text = [
        "昌吉州玛纳斯县北五岔镇基本履职事项清单",
        "序号\t事项类别\t事项名称\t编号\t备注",
        "1\t党的建设\t落实基层党建工作责任制\tJB-01\t每年报告",
      ].join("\n");
      const { revisionId } = await importDocument(db.db, Buffer.from(text, "utf8"), "notes.txt");
      const own = createCaller(localContext(db.db, null));
      const [hit] = (await own.duties.search({ revisionId, q: "落实基层党建" })).items;
      const notes = [
        { column: "编号", text: "JB-01" },
        { column: "备注", text: "每年报告" },
      ];
      expect((await own.duties.byId({ id: hit!.id })).notes).toEqual(notes);
      // The export asks for many duties' steps and notes at once: a basic duty's notes come too.
      expect(await own.duties.steps({ ids: [hit!.id] })).toEqual([{ id: hit!.id, departmentSteps: [], townSteps: [], notes }]);
    } finally {
      await db.close();
    }
  });

  it("gives the steps of a page of duties at once, as byId gives them one by one", async () => {
    const page = (await api.duties.search({ q: "干部人事档案工作" })).items;
    const basic = (await api.duties.search({ list: "basic", limit: 1 })).items;
    const ids = [...page, ...basic].map((d) => d.id);
    const steps = await api.duties.steps({ ids: [...ids, 987_654] });
    expect(steps.map((s) => s.id)).toEqual(ids);
    for (const id of page.map((d) => d.id)) {
      const one = await api.duties.byId({ id });
      const many = steps.find((s) => s.id === id)!;
      expect([many.departmentSteps, many.townSteps]).toEqual([one.departmentSteps, one.townSteps]);
    }
    // A basic duty has no steps: it is still answered, with both sides empty.
    expect(steps.find((s) => s.id === basic[0]!.id)).toEqual({ id: basic[0]!.id, departmentSteps: [], townSteps: [], notes: [] });
    await expect(api.duties.steps({ ids: Array.from({ length: 201 }, (_, i) => i + 1) })).rejects.toMatchObject({
      message: expect.stringMatching(/^ids: /u),
    });
  });

  it("caps inputs and names the field it refuses", async () => {
    await expect(api.duties.search({ limit: 201 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^limit: /u),
    });
    await expect(api.duties.search({ q: "字".repeat(101) })).rejects.toMatchObject({ message: expect.stringMatching(/^q: /u) });
    await expect(api.duties.search({ list: "other" as "basic" })).rejects.toMatchObject({ message: expect.stringMatching(/^list: /u) });
    await expect(api.duties.byId({ id: 1.5 })).rejects.toMatchObject({ message: expect.stringMatching(/^id: /u) });
    await expect(api.duties.byId({ id: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "id: no duty 987654" });
  });
});
