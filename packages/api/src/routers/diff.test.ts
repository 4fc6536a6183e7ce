import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openTestDatabase, SEED_DIR, type TestDatabase, testEngines } from "@duty/db/test";
import { diffRevisions, parseDocument, provinceOf, type Revision } from "@duty/domain";
import { SYNTHETIC_EDITS, SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";
import { localContext } from "../context.ts";
import { MAX_COMPARED_TOWNS } from "./diff.ts";

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";
const seedText = readFileSync(join(SEED_DIR, SEED_FILE), "utf8");
const syntheticText = readFileSync(SYNTHETIC_REVISION_FILE, "utf8");

function parsed(text: string): Revision {
  const result = parseDocument(text);
  if (!result.ok) throw result.error;
  return result.revision;
}

/** A revision as the writer files it: a province the document omits is the gazetteer's (the seed's 昌吉州 → 新疆维吾尔自治区). */
function filed(revision: Revision): Revision {
  return { ...revision, region: { ...revision.region, province: revision.region.province ?? provinceOf(revision.region) } };
}

/** Another town of the county: the seed without its two town-specific basic rows 28 and 29 (DOMAIN.md §10). */
const otherTown = seedText
  .replaceAll("兰州湾", "北五岔")
  .split("\n")
  .filter((line) => !/^2[89]\t经济发展\t(发展王家庄村土豆|联合玛禾生态农庄)/u.test(line))
  .join("\n");

describe.each(testEngines())("diff router (%s)", (engine) => {
  let seeded: TestDatabase;
  let db: TestDatabase;
  let api: ReturnType<typeof createCaller>;
  let seedId: number;
  let syntheticId: number;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    db = await seeded.fork();
    api = createCaller(localContext(db.db));
    seedId = (await api.revisions.list()).items.find((r) => r.sourceFile === SEED_FILE)!.id;
    syntheticId = (await api.revisions.import({ fileName: "synthetic.txt", text: syntheticText })).revisionId;
  });
  afterAll(async () => {
    await db?.close();
    await seeded?.close();
  });

  it("classifies every edit of the synthetic revision, and nothing else", async () => {
    const diff = await api.diff.compare({ from: seedId, to: syntheticId });
    expect(diff.sameTown).toBe(true);
    // Counted by hand from the README: 246 seed duties, 9 of them edited or removed → 237 untouched.
    expect(diff.summary.kinds).toEqual({
      unchanged: 237,
      moved: 2,
      recategorized: 1,
      reworded: 3,
      departmentsChanged: 1,
      dutiesChanged: 1,
      added: 2,
      removed: 2,
    });
    const where = (ref: { list: string; seq: number } | null) => (ref ? `${ref.list} ${ref.seq}` : null);
    const changed = diff.changes
      .filter((c) => !c.kinds.includes("unchanged"))
      .map((c) => [[...c.kinds].sort(), where(c.before), where(c.after)]);
    expect(changed.sort()).toEqual(SYNTHETIC_EDITS.map(([k, b, a]) => [[...k].sort(), b, a]).sort());
    const departments = diff.changes.find((c) => c.kinds.includes("departmentsChanged"))!.departments;
    expect(departments).toEqual({ added: ["玛纳斯县发展和改革委员会"], removed: ["玛纳斯县水利局"] });
  });

  it("compares the stored revisions exactly as it compares the files", async () => {
    expect(await api.diff.compare({ from: seedId, to: syntheticId })).toEqual(
      diffRevisions(filed(parsed(seedText)), filed(parsed(syntheticText))),
    );
  });

  it("serves a stored revision as the document the differ reads", async () => {
    const document = await api.revisions.document({ id: syntheticId });
    expect({ ...document, titles: null }).toEqual({ ...filed(parsed(syntheticText)), titles: null });
    await expect(api.revisions.document({ id: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "id: no revision 987654" });
  });

  it("names the missing side and refuses bad ids", async () => {
    await expect(api.diff.compare({ from: 987_654, to: syntheticId })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "from: no revision 987654",
    });
    await expect(api.diff.compare({ from: seedId, to: 987_654 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "to: no revision 987654",
    });
    await expect(api.diff.compare({ from: -1, to: syntheticId })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^from: /u),
    });
    await expect(api.diff.compare({ from: seedId } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^to: /u),
    });
  });

  it("compares the latest revision of every town in a county", async () => {
    // A fork starts from the seeded database, without the synthetic revision.
    const town = await seeded.fork();
    try {
      const local = createCaller(localContext(town.db));
      const synthetic = await local.revisions.import({ fileName: "synthetic.txt", text: syntheticText });
      const other = await local.revisions.import({ fileName: "bwc.txt", text: otherTown });
      expect(other.counts.basic).toBe(107);
      const county = (await local.regions.search({ q: "玛纳斯县" }))[0]!;
      const result = await local.diff.townsInRegion({ regionId: county.id });
      // Towns by name: 兰州湾镇 (latest: the synthetic revision) before 北五岔镇 in code point order.
      expect(result.towns.map((t) => t.town)).toEqual(["兰州湾镇", "北五岔镇"]);
      expect(result.revisionIds).toEqual([synthetic.revisionId, other.revisionId]);
      // The synthetic revision has 246 duties (2 added, 2 removed); 北五岔镇 is the seed without basic 28 and 29.
      // Shared: 246 − 2 (28, 29) − 2 (added) = 242, with the seed's two removed duties as 北五岔镇's own.
      expect(result.summary.towns.map((t) => [t.town.town, t.duties, t.all, t.specific])).toEqual([
        ["兰州湾镇", 246, 242, 4],
        ["北五岔镇", 244, 242, 2],
      ]);
      expect(result.summary).toMatchObject({ all: 242, some: 0, specific: 6 });
      const specific = (t: number) => result.specific.filter((d) => d.town === t).map((d) => d.name);
      // Town by town, each in list order.
      expect(result.specific.map((d) => d.town)).toEqual([0, 0, 0, 0, 1, 1]);
      expect(specific(1).sort()).toEqual(["对从事无照经营的处罚", "对侵占、破坏水源和抗旱设施的处罚"].sort());
      expect(specific(0).filter((n) => /王家庄村土豆|玛禾生态农庄/u.test(n))).toHaveLength(2);
    } finally {
      await town.close();
    }
  });

  it(`refuses a region of more than ${MAX_COMPARED_TOWNS} towns, and a region that does not exist`, async () => {
    const big = await seeded.fork();
    try {
      const local = createCaller(localContext(big.db, null));
      const county = (await local.regions.search({ q: "玛纳斯县" }))[0]!;
      // Empty revisions are enough: the cap is checked before anything is loaded.
      const towns = await big.db
        .insertInto("regions")
        .values(
          Array.from({ length: MAX_COMPARED_TOWNS }, (_, i) => ({ parent_id: county.id, level: "town" as const, name: `镇${i + 1}` })),
        )
        .returning("id")
        .execute();
      const ancestors = await big.db
        .selectFrom("region_closure")
        .select(["ancestor_id", "depth"])
        .where("region_id", "=", county.id)
        .execute();
      await big.db
        .insertInto("region_closure")
        .values(
          towns.flatMap((t) => [
            { ancestor_id: t.id, region_id: t.id, depth: 0 },
            ...ancestors.map((a) => ({ ancestor_id: a.ancestor_id, region_id: t.id, depth: a.depth + 1 })),
          ]),
        )
        .execute();
      await big.db
        .insertInto("revisions")
        .values(towns.map((t) => ({ town_id: t.id, label: "x", source_file: "x.txt", content_hash: `h${t.id}` })))
        .execute();
      await expect(local.diff.townsInRegion({ regionId: county.id })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: `regionId: region ${county.id} has ${MAX_COMPARED_TOWNS + 1} towns with a revision; compare at most ${MAX_COMPARED_TOWNS} at once (choose a county rather than a prefecture or province)`,
      });
      await expect(local.diff.townsInRegion({ regionId: 987_654 })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "regionId: no region 987654",
      });
    } finally {
      await big.close();
    }
  });
});
