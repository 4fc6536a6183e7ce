import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openTestDatabase, SEED_DIR, type TestDatabase, testEngines } from "@duty/db/test";
import { lintRevision, parseDocument } from "@duty/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";
import { localContext } from "../context.ts";

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";

describe.each(testEngines())("lint router (%s)", (engine) => {
  let seeded: TestDatabase;
  let api: ReturnType<typeof createCaller>;
  let seedId: number;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    api = createCaller(localContext(seeded.db, null));
    seedId = (await api.revisions.list()).items.find((r) => r.sourceFile === SEED_FILE)!.id;
  });
  afterAll(() => seeded?.close());

  it("finds in a stored revision exactly what atlas lint finds in its file: it reads the original bytes again", async () => {
    const lint = await api.lint.byRevision({ revisionId: seedId });
    const parsed = parseDocument(readFileSync(join(SEED_DIR, SEED_FILE)));
    if (!parsed.ok) throw parsed.error;
    expect(lint).toMatchObject({ fromOriginal: true, fileName: SEED_FILE });
    expect(lint.findings).toEqual(lintRevision(parsed.revision, parsed.warnings));
    // The seed's facts (packages/domain/src/lint/lint.test.ts): coordinated 64 and reclaimed 28 are one duty on
    // two lists; four categories sit on one list only; row 84's text gives work to 县公安局, which its column omits;
    // the coordinated title lacks 职 (配合履事项清单) and 县管理局 twice names no department: what the rows alone lose.
    const of = (code: string) => lint.findings.filter((f) => f.code === code);
    expect(of("cross-list-duplicate").map((f) => [f.list, f.seq, f.line])).toEqual([["reclaimed", 28, 342]]);
    expect(of("single-list-category")).toHaveLength(4);
    expect(of("department-not-in-column").map((f) => f.seq)).toContain(84);
    expect(of("title-typo").map((f) => f.line)).toEqual([142]);
    expect(of("unresolved-abbreviation")).toHaveLength(2);
  });

  it("reads the bytes with the place given at import, and falls back to the stored rows for a revision without bytes", async () => {
    const db = await seeded.fork();
    try {
      const admin = createCaller(localContext(db.db));
      const untitled = readFileSync(join(SEED_DIR, SEED_FILE), "utf8").replaceAll("昌吉州玛纳斯县兰州湾镇", "");
      const imported = await admin.revisions.import({ fileName: "untitled.txt", text: untitled, town: "昌吉州/玛纳斯县/北五岔镇" });
      const parsed = parseDocument(Buffer.from(untitled), {
        region: { province: null, prefecture: "昌吉州", county: "玛纳斯县", town: "北五岔镇" },
      });
      if (!parsed.ok) throw parsed.error;
      expect((await admin.lint.byRevision({ revisionId: imported.revisionId })).findings).toEqual(
        lintRevision(parsed.revision, parsed.warnings),
      );

      // A revision imported before the bytes were kept: only what the rows hold.
      await db.db.deleteFrom("revision_sources").execute();
      const fromRows = await admin.lint.byRevision({ revisionId: seedId });
      const needsDocument = new Set(["title-typo", "seq-gap", "unresolved-abbreviation"]);
      const file = parseDocument(readFileSync(join(SEED_DIR, SEED_FILE)));
      if (!file.ok) throw file.error;
      expect(fromRows).toMatchObject({ fromOriginal: false, fileName: null });
      expect(fromRows.findings).toEqual(lintRevision(file.revision, file.warnings).filter((f) => !needsDocument.has(f.code)));
    } finally {
      await db.close();
    }
  });

  it("answers 404 for a revision that does not exist and 400 for a bad id", async () => {
    await expect(api.lint.byRevision({ revisionId: 987_654 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "revisionId: no revision 987654",
    });
    await expect(api.lint.byRevision({ revisionId: 0 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^revisionId: /u),
    });
  });
});
