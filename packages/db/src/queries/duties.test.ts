import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, testEngines } from "../../test/index.ts";
import { EVERY_TOWN } from "../scope.ts";
import { dutyById, escapeLike, searchDuties } from "./duties.ts";

// Counted on the seed with awk over data rows ($1 ~ /^[0-9]+$/), list told apart by NF (3, 6, 4):
//   rows containing 处罚 anywhere: 5 basic, 6 coordinated, 13 reclaimed (13 of them in the reclaimed names)
//   rows containing 档案: 7, none of them in a department's name
//   rows containing % or _: none
//   社会保障 rows: 9 + 8 + 9; rows naming 玛纳斯县农业农村局: 13 coordinated + 6 reclaimed

describe("escapeLike", () => {
  it("makes LIKE wildcards and the escape itself literal", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});

describe.each(testEngines())("duty queries (%s)", (engine) => {
  let seeded: TestDatabase;
  let ids: { social: number; agri: number; natural: number };
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    const category = await seeded.db.selectFrom("categories").select("id").where("name", "=", "社会保障").executeTakeFirstOrThrow();
    const agri = await seeded.db.selectFrom("departments").select("id").where("name", "=", "玛纳斯县农业农村局").executeTakeFirstOrThrow();
    const natural = await seeded.db
      .selectFrom("departments")
      .select("id")
      .where("name", "=", "玛纳斯县自然资源局")
      .executeTakeFirstOrThrow();
    ids = { social: category.id, agri: agri.id, natural: natural.id };
  });
  afterAll(() => seeded?.close());

  const search = (filters: Partial<Parameters<typeof searchDuties>[1]>) =>
    searchDuties(seeded.db, { scope: EVERY_TOWN, limit: 500, ...filters });

  it("finds text in names and steps", async () => {
    const all = await search({ q: "处罚" });
    const inList = (list: string) => all.items.filter((d) => d.list === list).length;
    expect({ basic: inList("basic"), coordinated: inList("coordinated"), reclaimed: inList("reclaimed") }).toEqual({
      basic: 5,
      coordinated: 6,
      reclaimed: 13,
    });
    expect((await search({ q: "处罚", list: "reclaimed" })).items).toHaveLength(13);
  });

  it("counts the matches of a search, not only the page", async () => {
    expect(await search({ q: "处罚", limit: 5 })).toMatchObject({ total: 24, totalCapped: false, nextCursor: expect.any(String) });
    // Two characters, which have no trigram of their own (the index holds 档档案案): awk finds 档案 in 7 data rows, none
    // of them in a department's name.
    expect((await search({ q: "档案" })).total).toBe(7);
    expect((await search({ q: "不存在的词语" })).items).toEqual([]);
  });

  it("finds the same pages town by town as from the indexes once counting stops early (what a common word does)", async () => {
    const all = await search({ q: "处罚", limit: 500 });
    const capped = await search({ q: "处罚", limit: 500, countLimit: 10 });
    expect(capped).toMatchObject({ total: 10, totalCapped: true });
    expect(capped.items).toEqual(all.items);
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await search({ q: "处罚", limit: 7, countLimit: 10, cursor });
      pages.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(all.items);
  });

  it("treats % and _ as the characters they are", async () => {
    for (const q of ["%", "_", "处%罚", "处_"]) expect((await search({ q })).items).toEqual([]);
  });

  it("filters by category, list and department", async () => {
    expect((await search({ categoryId: ids.social })).items).toHaveLength(26);
    expect((await search({ categoryId: ids.social, list: "coordinated" })).items).toHaveLength(8);
    const agri = await search({ departmentId: ids.agri });
    expect(agri.items).toHaveLength(19);
    expect(agri.items.filter((d) => d.list === "coordinated")).toHaveLength(13);
    expect(agri.items.every((d) => d.departments.some((l) => l.name === "玛纳斯县农业农村局"))).toBe(true);
  });

  it("pages through every duty exactly once, and counts them all on every page", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchDuties(seeded.db, { scope: EVERY_TOWN, limit: 50, cursor });
      expect(page).toMatchObject({ total: 246, totalCapped: false });
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(246);
    expect(new Set(seen).size).toBe(246);
  });

  it("shows a coordinated duty with both sides and its departments in the cell's order", async () => {
    const row = (await search({ list: "coordinated", q: "干部人事档案工作" })).items[0]!;
    const duty = await dutyById(seeded.db, row.id);
    // Coordinated row 5: 玛纳斯县委组织部、玛纳斯县人力资源和社会保障局; department cell "1.… 2.…", town cell one sentence.
    expect(duty).toMatchObject({ list: "coordinated", seq: 5, category: "党的建设", town: "兰州湾镇" });
    expect(duty?.departments.map((d) => [d.name, d.role])).toEqual([
      ["玛纳斯县委组织部", "lead"],
      ["玛纳斯县人力资源和社会保障局", "lead"],
    ]);
    expect(duty?.departmentSteps.map((s) => s.text)).toEqual([
      "定期梳理干部人事档案缺失清单，推送至兰州湾镇；",
      "审核把关报送档案并整理归档。",
    ]);
    expect(duty?.townSteps).toHaveLength(1);
    expect(duty?.townSteps[0]?.text).toMatch(/^收集干部档案新增资料/u);
  });

  it("shows a reclaimed duty with its receiver's method on the department side", async () => {
    const row = (await search({ list: "reclaimed", departmentId: ids.natural, q: "乡<镇>村" })).items[0]!;
    const duty = await dutyById(seeded.db, row.id);
    expect(duty).toMatchObject({ seq: 22, departments: [{ name: "玛纳斯县自然资源局", role: "receiver", note: null }], townSteps: [] });
    expect(duty?.departmentSteps[0]?.text).toMatch(/^根据土地管理相关的法规/u);
  });

  it("finds text through the trigram indexes (the query's expression is the indexed one)", async () => {
    // The seed is small enough for a sequential scan to be cheapest; with it priced out, a plan that
    // still scans means the query's expression differs from the index's and national searches read every row.
    const plan = await seeded.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const name = await sql<{ "QUERY PLAN": string }>`
        explain select id from duties where regexp_replace(name, '(.)', '\\1\\1', 'g') ilike ${"%档档案案%"}
      `.execute(trx);
      const step = await sql<{ "QUERY PLAN": string }>`
        explain select st.town_id from steps st
        where regexp_replace(coalesce(st.heading || E'\\n', '') || st.text, '(.)', '\\1\\1', 'g') ilike ${"%档档案案%"}
      `.execute(trx);
      return [...name.rows, ...step.rows].map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("duties_name_search_idx");
    expect(plan).toContain("steps_text_search_idx");
  });

  it("returns null for an unknown duty", async () => {
    expect(await dutyById(seeded.db, 987_654)).toBeNull();
  });
});
