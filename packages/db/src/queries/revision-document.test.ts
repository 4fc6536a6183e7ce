import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LIST_KINDS, parseDocument, provinceOf, type Revision } from "@duty/domain";
import { nearTwins } from "@duty/domain/test-fixtures/near-twins";
import { SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byScope, openTestDatabase, SEED_DIR, type TestDatabase, testEngines } from "../../test/index.ts";
import { importDocument } from "../write/import.ts";
import { LOAD_CHUNK, loadRevision, loadRevisions, revisionsInScope } from "./revision-document.ts";

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";
const seedBytes = readFileSync(join(SEED_DIR, SEED_FILE));
const syntheticBytes = readFileSync(SYNTHETIC_REVISION_FILE);
const latestRevisionsInRegion = (db: TestDatabase["db"], regionId: number) => byScope(revisionsInScope)(db, { regionId });

function parsed(bytes: Uint8Array): Revision {
  const result = parseDocument(bytes);
  if (!result.ok) throw result.error;
  return result.revision;
}

/** The database keeps no titles; everything else must come back as parsed. */
const withoutTitles = (revision: Revision) => ({ ...revision, titles: null });

/** The revision as the writer files it: a province the document omits is the one the gazetteer gives (domain's provinceOf). */
const asFiled = (revision: Revision) =>
  withoutTitles({ ...revision, region: { ...revision.region, province: revision.region.province ?? provinceOf(revision.region) } });

describe.each(testEngines())("loadRevision (%s)", (engine) => {
  let seeded: TestDatabase;
  let seedId: number;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
    seedId = (await seeded.db.selectFrom("revisions").select("id").where("source_file", "=", SEED_FILE).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => seeded?.close());

  it("gives back the seed as the parser read it, titles aside", async () => {
    const loaded = await loadRevision(seeded.db, seedId);
    expect(loaded).not.toBeNull();
    expect(loaded!.titles).toEqual({ basic: null, coordinated: null, reclaimed: null });
    expect(withoutTitles(loaded!)).toEqual(asFiled(parsed(seedBytes)));
    // Spot checks of what a deep-equal of two empty answers would also pass. The seed names no province; 昌吉州 lies in Xinjiang.
    expect(loaded!.region).toEqual({ province: "新疆维吾尔自治区", prefecture: "昌吉州", county: "玛纳斯县", town: "兰州湾镇" });
    expect([loaded!.lists.basic.length, loaded!.lists.coordinated.length, loaded!.lists.reclaimed.length]).toEqual([109, 100, 37]);
    expect(loaded!.departments).toHaveLength(38);
    expect(loaded!.categories).toHaveLength(20);
  });

  it("loads several revisions in two queries (places, duty counts) and four per 500 duties (duties, links, steps, notes), not one per duty", async () => {
    const db = await seeded.fork();
    try {
      const synthetic = await importDocument(db.db, syntheticBytes, "synthetic.txt");
      let queries = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const loaded = await loadRevisions(db.db.withPlugin(counter), [seedId, synthetic.revisionId, 987_654]);
      // The seed's 246 duties and the synthetic revision's fewer than 500: one chunk each; none for the missing id.
      expect(queries).toBe(2 + 4 + 4);
      expect([...loaded.keys()].sort((a, b) => a - b)).toEqual([seedId, synthetic.revisionId]);
      expect(withoutTitles(loaded.get(synthetic.revisionId)!)).toEqual(asFiled(parsed(syntheticBytes)));
      expect(withoutTitles(loaded.get(seedId)!)).toEqual(asFiled(parsed(seedBytes)));
    } finally {
      await db.close();
    }
  });

  it(`gives back a revision of more than ${LOAD_CHUNK} duties whole, chunk after chunk, in id order`, async () => {
    const db = await seeded.fork();
    try {
      // 1,200 duties: three chunks, the last one short.
      const { before } = nearTwins(1_200);
      const imported = await importDocument(db.db, Buffer.from(before, "utf8"), "near-twins.txt");
      let queries = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const loaded = await loadRevisions(db.db.withPlugin(counter), [imported.revisionId]);
      expect(queries).toBe(2 + 3 * 4);
      const expected = parsed(Buffer.from(before, "utf8"));
      expect(withoutTitles(loaded.get(imported.revisionId)!)).toEqual(asFiled(expected));
      expect(LIST_KINDS.reduce((n, kind) => n + loaded.get(imported.revisionId)!.lists[kind].length, 0)).toBe(1_200);
    } finally {
      await db.close();
    }
  });

  it("gives back the columns a list adds to its own (备注, 法律依据) with the duties they stand beside", async () => {
    const db = await seeded.fork();
    try {
      // Written here: two lists with an extra column each; one 备注 cell left empty, so that duty has no notes.
      const text = [
        "昌吉州玛纳斯县北五岔镇基本履职事项清单",
        "序号\t事项类别\t事项名称\t备注",
        "1\t党的建设\t落实基层党建工作责任制\t重点",
        "2\t党的建设\t做好党员发展工作\t",
        "昌吉州玛纳斯县北五岔镇配合履职事项清单",
        "序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责\t乡镇配合职责\t法律依据",
        "1\t民政\t最低生活保障审核\t玛纳斯县民政局\t1.负责审批。\t1.负责受理申请。\t《社会救助暂行办法》",
      ].join("\n");
      const bytes = Buffer.from(text, "utf8");
      const imported = await importDocument(db.db, bytes, "notes.txt");
      const loaded = await loadRevision(db.db, imported.revisionId);
      expect(loaded!.lists.basic.map((d) => d.notes)).toEqual([[{ column: "备注", text: "重点" }], undefined]);
      expect(loaded!.lists.coordinated[0]!.notes).toEqual([{ column: "法律依据", text: "《社会救助暂行办法》" }]);
      expect(withoutTitles(loaded!)).toEqual(asFiled(parsed(bytes)));
      // Deleted with their duties.
      await db.db.deleteFrom("revisions").where("id", "=", imported.revisionId).execute();
      expect(await db.db.selectFrom("duty_notes").select("duty_id").execute()).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("is null for a revision that does not exist", async () => {
    expect(await loadRevision(seeded.db, 987_654)).toBeNull();
    expect((await loadRevisions(seeded.db, [])).size).toBe(0);
  });

  it("finds the latest revision of every town in a region", async () => {
    const db = await seeded.fork();
    try {
      const synthetic = await importDocument(db.db, syntheticBytes, "synthetic.txt");
      const other = await importDocument(db.db, Buffer.from(seedBytes.toString("utf8").replaceAll("兰州湾镇", "北五岔镇")), "bwc.txt");
      const county = await db.db.selectFrom("regions").select("id").where("name", "=", "玛纳斯县").executeTakeFirstOrThrow();
      // Both revisions of 兰州湾镇 take effect today; the later import is the latest.
      const latest = await latestRevisionsInRegion(db.db, county.id);
      expect(latest.map((r) => [r.town, r.revisionId]).sort()).toEqual(
        [
          ["兰州湾镇", synthetic.revisionId],
          ["北五岔镇", other.revisionId],
        ].sort(),
      );
      const town = await db.db.selectFrom("regions").select("id").where("name", "=", "北五岔镇").executeTakeFirstOrThrow();
      expect(await latestRevisionsInRegion(db.db, town.id)).toEqual([{ revisionId: other.revisionId, townId: town.id, town: "北五岔镇" }]);
    } finally {
      await db.close();
    }
  });
});
