import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "@duty/domain";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, SEED_DIR, seedDocuments, type TestDatabase, testEngines } from "../../test/index.ts";
import { revisionById, revisionSource } from "../queries/revisions.ts";
import type { Database } from "../schema.ts";
import { DocumentError, importDocument, importRevision, seedIfEmpty } from "./import.ts";

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";
const seedBytes = readFileSync(join(SEED_DIR, SEED_FILE));
const seedText = seedBytes.toString("utf8");

const TABLES = [
  "regions",
  "region_closure",
  "categories",
  "departments",
  "revisions",
  "duties",
  "duty_departments",
  "steps",
  "duty_notes",
] as const;

async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db.selectFrom(table).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}

describe.each(testEngines())("import (%s)", (engine) => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
  });
  afterAll(() => seeded?.close());

  it("lands the seed with the counts of the document", async () => {
    const revision = await seeded.db.selectFrom("revisions").select(["id", "label", "source_file", "status"]).executeTakeFirstOrThrow();
    // The seed states no date: it takes effect on the day of import, and is labelled by town and year, not by file.
    const year = new Date().getFullYear();
    expect(revision).toMatchObject({ label: `兰州湾镇 ${year}年版`, source_file: SEED_FILE, status: "published" });
    const detail = await revisionById(seeded.db, revision.id);
    // Rows per list: awk -F'\t' '$1 ~ /^[0-9]+$/ {n[NF]++}' on the seed → 3 columns 109, 6 columns 100, 4 columns 37.
    // Links: the 对应上级部门 cells split on 、 give 150 (awk split($4, a, "、")), plus one receiver per reclaimed row.
    expect(detail?.counts).toMatchObject({ basic: 109, coordinated: 100, reclaimed: 37, links: 150 + 37 });
    expect(detail?.path.map((r) => `${r.level}:${r.name}`)).toEqual([
      // The seed names no province: the gazetteer's for 昌吉州 is filled in, so the town counts in Xinjiang's totals.
      "province:新疆维吾尔自治区",
      "prefecture:昌吉州",
      "county:玛纳斯县",
      "town:兰州湾镇",
    ]);
    // Every step the parser found is stored, on its side.
    const parsed = parseDocument(seedBytes);
    if (!parsed.ok) throw parsed.error;
    const { coordinated, reclaimed } = parsed.revision.lists;
    const expected = {
      department: coordinated.reduce((n, d) => n + d.departmentDuties.length, 0) + reclaimed.reduce((n, d) => n + d.method.length, 0),
      town: coordinated.reduce((n, d) => n + d.townDuties.length, 0),
    };
    const sides = await seeded.db
      .selectFrom("steps")
      .select(["side", sql<number>`count(*)::int`.as("n")])
      .groupBy("side")
      .execute();
    expect(Object.fromEntries(sides.map((s) => [s.side, s.n]))).toEqual(expected);
  });

  it("keeps the cells' text verbatim, angle-bracket parentheses included", async () => {
    // Reclaimed row 22's name writes 乡<镇>村 and <不涉及农用地> with angle brackets as parentheses (grep -n '乡<镇>村' on the seed).
    const duty = await seeded.db
      .selectFrom("duties")
      .select(["list", "seq", "name"])
      .where("name", "like", "%乡<镇>村%")
      .executeTakeFirst();
    expect(duty).toMatchObject({ list: "reclaimed", seq: 22 });
    expect(duty?.name).toContain("<不涉及农用地>");
  });

  it("returns the existing revision and writes nothing when the same bytes come again", async () => {
    const db = await seeded.fork();
    try {
      const before = await tableCounts(db.db);
      const existing = await db.db.selectFrom("revisions").select("id").executeTakeFirstOrThrow();
      const again = await importDocument(db.db, seedBytes, "renamed.txt", { label: "another label" });
      expect(again).toMatchObject({ revisionId: existing.id, created: false, counts: { basic: 109, coordinated: 100, reclaimed: 37 } });
      expect(await tableCounts(db.db)).toEqual(before);
      expect(await seedIfEmpty(db.db, seedDocuments)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("rejects a broken document with its file and line, writing nothing", async () => {
    const db = await seeded.fork();
    try {
      const before = await tableCounts(db.db);
      // A fourth cell in the first basic row (line 6 of the seed) breaks the 3-column list.
      const lines = seedText.split("\n");
      lines[5] = `${lines[5]}\t多出的一列`;
      const broken = Buffer.from(lines.join("\n"));
      const error = await importDocument(db.db, broken, "broken.txt").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentError);
      expect((error as DocumentError).message).toMatch(/^broken\.txt:6: /u);
      expect(await tableCounts(db.db)).toEqual(before);
    } finally {
      await db.close();
    }
  });

  it("adds a changed document as a new revision that becomes the town's latest", async () => {
    const db = await seeded.fork();
    try {
      const changed = Buffer.from(seedText.replace("加强基层阵地建设，优化提升服务能力", "加强基层阵地建设"));
      const result = await importDocument(db.db, changed, "v2.txt", { effectiveDate: "2099-12-01" });
      expect(result).toMatchObject({ created: true, counts: { basic: 109, coordinated: 100, reclaimed: 37 } });
      const detail = await revisionById(db.db, result.revisionId);
      expect(detail).toMatchObject({ label: "兰州湾镇 2099年版", effectiveDate: "2099-12-01", latest: true, status: "published" });
      // Same town, county departments and categories: the second revision reuses them.
      const counts = await tableCounts(db.db);
      expect(counts).toMatchObject({ revisions: 2, regions: 4, departments: 38, categories: 20 });
    } finally {
      await db.close();
    }
  });

  it("keeps the original bytes and the place given, so the document can be read again as it was imported", async () => {
    const { id } = await seeded.db.selectFrom("revisions").select("id").executeTakeFirstOrThrow();
    const source = await revisionSource(seeded.db, id);
    expect(source).toMatchObject({ fileName: SEED_FILE, townSpec: null });
    expect(Buffer.from(source!.bytes).equals(seedBytes)).toBe(true);
    expect(await revisionById(seeded.db, id)).toMatchObject({ hasSource: true });
    const db = await seeded.fork();
    try {
      // No place in the titles: the town comes from the spec, which is kept with the bytes.
      const untitled = Buffer.from(seedText.replaceAll("昌吉州玛纳斯县兰州湾镇", ""));
      const result = await importDocument(db.db, untitled, "untitled.txt", {
        region: { province: null, prefecture: "昌吉州", county: "玛纳斯县", town: "北五岔镇" },
        townSpec: "昌吉州/玛纳斯县/北五岔镇",
      });
      expect(await revisionSource(db.db, result.revisionId)).toMatchObject({
        fileName: "untitled.txt",
        townSpec: "昌吉州/玛纳斯县/北五岔镇",
      });
    } finally {
      await db.close();
    }
  });

  it("takes the effective date the document states, and files a draft that does not stand for its town", async () => {
    const db = await seeded.fork();
    try {
      const dated = Buffer.from(
        `${seedText.replace("加强基层阵地建设，优化提升服务能力", "加强基层阵地建设")}\n兰州湾镇人民政府\n2098年6月30日\n`,
      );
      const draft = await importDocument(db.db, dated, "dated.txt", { status: "draft" });
      expect(draft.statedDate).toMatchObject({ date: "2098-06-30", from: "end" });
      expect(await revisionById(db.db, draft.revisionId)).toMatchObject({
        label: "兰州湾镇 2098年版",
        effectiveDate: "2098-06-30",
        status: "draft",
        latest: false,
      });
      // Given a date, the document's own is not used.
      const given = await importDocument(db.db, Buffer.from(`${seedText}\n兰州湾镇人民政府\n2097年1月2日\n`), "given.txt", {
        effectiveDate: "2099-03-04",
      });
      expect(await revisionById(db.db, given.revisionId)).toMatchObject({ effectiveDate: "2099-03-04", latest: true });
    } finally {
      await db.close();
    }
  });

  it("refuses an effective date that is not a date", async () => {
    const parsed = parseDocument(seedBytes);
    if (!parsed.ok) throw parsed.error;
    await expect(
      importRevision(seeded.db, parsed.revision, { sourceFile: "x.txt", contentHash: "x", effectiveDate: "2026-02-30" }),
    ).rejects.toThrow(/^effectiveDate: /u);
  });

  it("leaves nothing behind when the surrounding transaction rolls back, even with a query waiting", async () => {
    const db = await seeded.fork();
    try {
      const before = await tableCounts(db.db);
      const parsed = parseDocument(Buffer.from(seedText.replaceAll("兰州湾镇", "北五岔镇")));
      if (!parsed.ok) throw parsed.error;
      let outside: Promise<number> | undefined;
      const failed = await db.db
        .transaction()
        .execute(async (trx) => {
          await importRevision(trx, parsed.revision, { sourceFile: "other-town.txt", contentHash: "h" });
          // Issued while the transaction is open: must neither run inside it nor see its rows.
          outside = db.db
            .selectFrom("regions")
            .select(sql<number>`count(*)::int`.as("n"))
            .where("name", "=", "北五岔镇")
            .executeTakeFirstOrThrow()
            .then((r) => r.n);
          throw new Error("roll back");
        })
        .catch((e: unknown) => e);
      expect(failed).toEqual(new Error("roll back"));
      expect(await outside).toBe(0);
      expect(await tableCounts(db.db)).toEqual(before);
    } finally {
      await db.close();
    }
  });
});
