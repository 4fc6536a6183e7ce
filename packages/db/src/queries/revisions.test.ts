import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, SEED_DIR, type TestDatabase, testEngines } from "../../test/index.ts";
import { deleteRevision } from "../write/delete.ts";
import { importDocument } from "../write/import.ts";
import { listRevisions, revisionById } from "./revisions.ts";

const seedText = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8");

describe.each(testEngines())("revision queries (%s)", (engine) => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
  });
  afterAll(() => seeded?.close());

  it("lists the seed with its counts and content hash", async () => {
    const { items, nextCursor } = await listRevisions(seeded.db, { limit: 10 });
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      town: "兰州湾镇",
      sourceFile: "xinjiang-changji-manas-lanzhouwan.txt",
      counts: { basic: 109, coordinated: 100, reclaimed: 37 },
    });
    expect(items[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/u);
    expect(items[0]!.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    expect(new Date(items[0]!.importedAt).toISOString()).toBe(items[0]!.importedAt);
  });

  it("pages newest first and filters by region", async () => {
    const db = await seeded.fork();
    try {
      const other = await importDocument(
        db.db,
        Buffer.from(seedText.replaceAll("玛纳斯县", "呼图壁县").replaceAll("兰州湾镇", "五工台镇")),
        "wgt.txt",
      );
      const second = await importDocument(db.db, Buffer.from(seedText.replaceAll("兰州湾镇", "北五岔镇")), "bwc.txt");
      const first = await listRevisions(db.db, { limit: 2 });
      expect(first.items.map((r) => r.id)).toEqual([second.revisionId, other.revisionId]);
      const rest = await listRevisions(db.db, { limit: 2, cursor: first.nextCursor! });
      expect(rest).toMatchObject({ items: [{ town: "兰州湾镇" }], nextCursor: null });
      const county = await db.db.selectFrom("regions").select("id").where("name", "=", "玛纳斯县").executeTakeFirstOrThrow();
      const inCounty = await listRevisions(db.db, { limit: 10, regionId: county.id });
      expect(inCounty.items.map((r) => r.town).sort()).toEqual(["兰州湾镇", "北五岔镇"].sort());
    } finally {
      await db.close();
    }
  });

  it("deletes a revision with its duties, links and steps", async () => {
    const db = await seeded.fork();
    try {
      const { id } = await db.db.selectFrom("revisions").select("id").executeTakeFirstOrThrow();
      expect(await deleteRevision(db.db, id)).toBe(true);
      expect(await revisionById(db.db, id)).toBeNull();
      for (const table of ["duties", "duty_departments", "steps"] as const) {
        const row = await db.db.selectFrom(table).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
        expect(row.n, table).toBe(0);
      }
      expect(await deleteRevision(db.db, id)).toBe(false);
    } finally {
      await db.close();
    }
  });
});
