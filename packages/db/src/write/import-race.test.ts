import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, rowCounts, SEED_DIR, tableContents, type TestDatabase, testEngines } from "../../test/index.ts";
import { importDocument } from "./import.ts";

const seedText = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8");

/** The seed as another town of the same county publishes it. */
const townOf = (name: string, text = seedText) => text.replaceAll("兰州湾镇", name);

/**
 * The county's bureaus renamed (玛纳斯县X局 → 玛纳斯县X总局 in the table rows): most departments are
 * new to the database, and both imports below create the same ones.
 */
const renamedBureaus = (text: string) =>
  text
    .split("\n")
    .map((line) => (line.includes("\t") ? line.replaceAll("局", "总局") : line))
    .join("\n");

describe.each(testEngines())("imports at the same time (%s)", (engine) => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
  });
  afterAll(() => seeded?.close());

  it("of two towns of one county both land, sharing the departments both create", async () => {
    const db = await seeded.fork();
    try {
      const before = rowCounts(await tableContents(db.db));
      const a = Buffer.from(renamedBureaus(townOf("北五岔镇")));
      const b = Buffer.from(renamedBureaus(townOf("乐土驿镇")));
      const [ra, rb] = await Promise.all([importDocument(db.db, a, "a.txt"), importDocument(db.db, b, "b.txt")]);
      expect([ra.created, rb.created]).toEqual([true, true]);
      expect(ra.townId).not.toBe(rb.townId);
      const after = rowCounts(await tableContents(db.db));
      expect(after.revisions).toBe(before.revisions! + 2);
      expect(after.duties).toBe(before.duties! + 2 * 246);
      // One set of renamed bureaus, shared by both towns of the county rather than created twice.
      const linkedByA = await departmentsOf(db, ra.revisionId);
      expect(await departmentsOf(db, rb.revisionId)).toEqual(linkedByA);
      const renamed = await db.db.selectFrom("departments").select("id").where("name", "like", "%总局%").execute();
      expect(renamed.length).toBeGreaterThan(0);
      expect(after.departments! - before.departments!).toBe(renamed.length);
    } finally {
      await db.close();
    }
  });

  it("of the same bytes land once: the loser gets the winner's revision, created: false", async () => {
    const db = await seeded.fork();
    try {
      const before = rowCounts(await tableContents(db.db));
      const bytes = Buffer.from(townOf("北五岔镇"));
      const results = await Promise.all([importDocument(db.db, bytes, "x.txt"), importDocument(db.db, bytes, "y.txt")]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(results[0]!.revisionId).toBe(results[1]!.revisionId);
      expect(rowCounts(await tableContents(db.db))).toMatchObject({ revisions: before.revisions! + 1, duties: before.duties! + 246 });
    } finally {
      await db.close();
    }
  });

  it("of the same bytes, when the loser's insert waits on the winner's unique key, report the winner instead of failing", async () => {
    const db = await seeded.fork();
    try {
      // A new revision of an existing town: the loser finds every region, category and department
      // and first meets the winner at the (town_id, content_hash) key.
      const bytes = Buffer.from(seedText.replace("加强基层阵地建设，优化提升服务能力", "加强基层阵地建设"));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let winnerWrote!: () => void;
      const wrote = new Promise<void>((r) => (winnerWrote = r));
      const winner = db.db.transaction().execute(async (trx) => {
        const result = await importDocument(trx, bytes, "winner.txt");
        winnerWrote();
        await held;
        return result;
      });
      await wrote;
      const loser = importDocument(db.db, bytes, "loser.txt");
      if (engine === "postgres") await waitForLockWait(db);
      release();
      const [w, l] = await Promise.all([winner, loser]);
      expect(w).toMatchObject({ created: true });
      expect(l).toMatchObject({ created: false, revisionId: w.revisionId, counts: w.counts });
    } finally {
      await db.close();
    }
  });
});

/** Ids of the departments a revision's duties are linked to, ascending. */
async function departmentsOf(db: TestDatabase, revisionId: number): Promise<number[]> {
  const rows = await db.db
    .selectFrom("duty_departments as l")
    .innerJoin("duties as d", (j) => j.onRef("d.town_id", "=", "l.town_id").onRef("d.id", "=", "l.duty_id"))
    .select("l.department_id")
    .distinct()
    .where("d.revision_id", "=", revisionId)
    .orderBy("l.department_id")
    .execute();
  return rows.map((r) => r.department_id);
}

/** Until another session of this database waits on a lock: the loser has reached the winner's uncommitted row. */
async function waitForLockWait(db: TestDatabase): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into "revisions"%'
    `.execute(db.db);
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the second import never waited on the first one's row");
}
