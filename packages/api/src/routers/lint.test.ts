import { inlineWork } from "../work/work.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openTestDatabase, SEED_DIR, type TestDatabase, testEngines } from "@duty/db/test";
import { lintRevision, parseDocument } from "@duty/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";

describe.each(testEngines())("lint router (%s)", (engine) => {
  let seeded: TestDatabase;
  let api: ReturnType<typeof createCaller>;
  let seedId: number;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    api = createCaller({ db: seeded.db, isAdmin: false, work: inlineWork });
    seedId = (await api.revisions.list()).items.find((r) => r.sourceFile === SEED_FILE)!.id;
  });
  afterAll(() => seeded?.close());

  it("finds in the stored seed what atlas lint finds in the file, except what needs titles or parse warnings", async () => {
    const findings = await api.lint.byRevision({ revisionId: seedId });
    const parsed = parseDocument(readFileSync(join(SEED_DIR, SEED_FILE)));
    if (!parsed.ok) throw parsed.error;
    const fromFile = lintRevision(parsed.revision, parsed.warnings);
    const needsDocument = new Set(["title-typo", "seq-gap", "unresolved-abbreviation"]);
    expect(findings).toEqual(fromFile.filter((f) => !needsDocument.has(f.code)));
    // The seed's facts (packages/domain/src/lint/lint.test.ts): coordinated 64 and reclaimed 28 are one duty on
    // two lists; four categories sit on one list only; row 84's text gives work to 县公安局, which its column omits.
    const of = (code: string) => findings.filter((f) => f.code === code);
    expect(of("cross-list-duplicate").map((f) => [f.list, f.seq, f.line])).toEqual([["reclaimed", 28, 342]]);
    expect(of("single-list-category")).toHaveLength(4);
    expect(of("department-not-in-column").map((f) => f.seq)).toContain(84);
    expect(findings.filter((f) => needsDocument.has(f.code))).toEqual([]);
  });

  it("answers 404 for a revision that does not exist and 400 for a bad id", async () => {
    await expect(api.lint.byRevision({ revisionId: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "revisionId: no revision 987654" });
    await expect(api.lint.byRevision({ revisionId: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^revisionId: /u) });
  });
});
