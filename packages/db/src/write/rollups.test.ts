import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, type Revision } from "@duty/domain";
import { SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import { type Kysely, Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, recount, SEED_DIR, type TestDatabase, testEngines } from "../../test/index.ts";
import { migrate } from "../connect.ts";
import { migrations } from "../migrations/index.ts";
import * as stats from "../queries/stats.ts";
import { LOAD_SORTS, TOWN_SHARE_SORTS } from "../queries/stats.ts";
import type { Database } from "../schema.ts";
import { EVERY_TOWN, type ResolvedScope, resolveScope, type Scope } from "../scope.ts";
import { bulkImport } from "./bulk-import.ts";
import { deleteRevision } from "./delete.ts";
import { importDocument, importRevision } from "./import.ts";
import { rebuildRollups, ROLLUP_TABLES } from "./rollups.ts";
import { setRevisionStatus } from "./status.ts";

const seedText = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8");
const lastReclaimedRow = /\n37\t市场监管\t[^\n]*\n?$/u;

function parsed(text: string): Revision {
  const result = parseDocument(Buffer.from(text));
  if (!result.ok) throw result.error;
  return result.revision;
}

/** Every statistic the API serves, each computed from the rollups and recounted from the duties. */
const STATISTICS: [
  string,
  (db: Kysely<Database>, scope: ResolvedScope) => Promise<unknown>,
  (db: Kysely<Database>, scope: ResolvedScope) => Promise<unknown>,
][] = [
  ["overview", stats.overview, recount.overview],
  ["dutiesByCategory", stats.dutiesByCategory, recount.dutiesByCategory],
  ["reclaimedVsRetained", stats.reclaimedVsRetained, recount.reclaimedVsRetained],
  ["departmentLoad", (db, s) => stats.departmentLoad(db, s), (db, s) => recount.departmentLoad(db, s)],
  ["departmentLoad top 5", (db, s) => stats.departmentLoad(db, s, { limit: 5 }), (db, s) => recount.departmentLoad(db, s, { limit: 5 })],
  ...LOAD_SORTS.map((sort): (typeof STATISTICS)[number] => [
    `departmentLoad by ${sort}, second page`,
    (db, s) => stats.departmentLoad(db, s, { sort, limit: 4, cursor: 4 }),
    (db, s) => recount.departmentLoad(db, s, { sort, limit: 4, cursor: 4 }),
  ]),
  [
    "departmentLoad named 农业",
    (db, s) => stats.departmentLoad(db, s, { q: "农业" }),
    (db, s) => recount.departmentLoad(db, s, { q: "农业" }),
  ],
  ["departmentLoadByShortName", (db, s) => stats.departmentLoadByShortName(db, s), (db, s) => recount.departmentLoadByShortName(db, s)],
  [
    "departmentLoadByShortName by name, second page",
    (db, s) => stats.departmentLoadByShortName(db, s, { sort: "name", limit: 3, cursor: 3 }),
    (db, s) => recount.departmentLoadByShortName(db, s, { sort: "name", limit: 3, cursor: 3 }),
  ],
  [
    "matrix by department",
    (db, s) => stats.departmentCategoryMatrix(db, s, "department"),
    (db, s) => recount.departmentCategoryMatrix(db, s, "department"),
  ],
  [
    "matrix by department, second page",
    (db, s) => stats.departmentCategoryMatrix(db, s, "department", { limit: 3, cursor: 3 }),
    (db, s) => recount.departmentCategoryMatrix(db, s, "department", { limit: 3, cursor: 3 }),
  ],
  [
    "matrix by short name",
    (db, s) => stats.departmentCategoryMatrix(db, s, "shortName"),
    (db, s) => recount.departmentCategoryMatrix(db, s, "shortName"),
  ],
  ...TOWN_SHARE_SORTS.map((sort): (typeof STATISTICS)[number] => [
    `townShares by ${sort}`,
    (db, s) => stats.townShares(db, s, { sort }),
    (db, s) => recount.townShares(db, s, { sort }),
  ]),
  [
    "townShares second page",
    (db, s) => stats.townShares(db, s, { limit: 2, cursor: 2 }),
    (db, s) => recount.townShares(db, s, { limit: 2, cursor: 2 }),
  ],
  ["townShareHistogram", stats.townShareHistogram, recount.townShareHistogram],
];

/** Every scope there is: the country, each region, each revision, and ids that name nothing. */
async function allScopes(db: Kysely<Database>): Promise<[string, Scope][]> {
  const regions = await db.selectFrom("regions").select(["id", "name"]).orderBy("id").execute();
  const revisions = await db.selectFrom("revisions").select(["id", "label"]).orderBy("id").execute();
  return [
    ["every town", {}],
    ...regions.map((r): [string, Scope] => [`region ${r.name}`, { regionId: r.id }]),
    ...revisions.map((r): [string, Scope] => [`revision ${r.id} ${r.label}`, { revisionId: r.id }]),
    ["no such region", { regionId: 999_999 }],
    ["no such revision", { revisionId: 999_999 }],
  ];
}

async function rollupContents(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ROLLUP_TABLES) {
    const { rows } = await sql<{ row: string }>`select to_jsonb(r)::text as row from ${sql.table(table)} as r`.execute(db);
    out[table] = rows.map((r) => r.row).sort();
  }
  return out;
}

/** The rollups give every statistic a recount gives, and hold exactly the rows a rebuild from scratch would. */
async function expectConsistent(db: Kysely<Database>): Promise<void> {
  for (const [scopeName, asked] of await allScopes(db)) {
    const scope = await resolveScope(db, asked);
    for (const [name, fromRollups, fromDuties] of STATISTICS) {
      expect(await fromRollups(db, scope), `${name}, ${scopeName}`).toEqual(await fromDuties(db, scope));
    }
  }
  const kept = await rollupContents(db);
  let rebuilt: Record<string, string[]> = {};
  await db
    .transaction()
    .execute(async (trx) => {
      await rebuildRollups(trx);
      rebuilt = await rollupContents(trx);
      throw new Error("roll back the rebuild");
    })
    .catch((e: unknown) => {
      if (!(e instanceof Error && e.message === "roll back the rebuild")) throw e;
    });
  expect(kept).toEqual(rebuilt);
}

describe.each(testEngines())("rollups (%s)", (engine) => {
  let base: TestDatabase;
  let db: TestDatabase;
  beforeAll(async () => {
    base = await openTestDatabase(engine);
    db = await base.fork();
  });
  afterAll(async () => {
    await db?.close();
    await base?.close();
  });

  const revisionOf = async (town: string, sourceFile: string) =>
    (
      await db.db
        .selectFrom("revisions as r")
        .innerJoin("regions as t", "t.id", "r.town_id")
        .select("r.id")
        .where("t.name", "=", town)
        .where("r.source_file", "=", sourceFile)
        .executeTakeFirstOrThrow()
    ).id;

  it("match a recount after importing towns of two counties, two prefectures, a town with no county and one with no parent", async () => {
    await importDocument(db.db, Buffer.from(seedText), "lanzhouwan.txt");
    await importDocument(db.db, Buffer.from(seedText.replaceAll("兰州湾镇", "北五岔镇")), "beiwucha.txt");
    // Another county of the prefecture, one reclaimed row short.
    await importDocument(
      db.db,
      Buffer.from(seedText.replace(lastReclaimedRow, "\n").replaceAll("玛纳斯县", "呼图壁县").replaceAll("兰州湾镇", "五工台镇")),
      "wugongtai.txt",
    );
    // Another prefecture and province, with a category of its own.
    const ili = seedText
      .replaceAll("昌吉州", "伊犁州")
      .replaceAll("玛纳斯县", "霍城县")
      .replaceAll("兰州湾镇", "清水河镇")
      .replaceAll("社会保障", "社会事务");
    await importDocument(
      db.db,
      Buffer.from(ili.replace("伊犁州霍城县清水河镇基本", "新疆维吾尔自治区伊犁州霍城县清水河镇基本")),
      "qingshuihe.txt",
    );
    // A town filed directly under the prefecture: 昌吉州 is then both a town's county and the county's prefecture.
    const seed = parsed(seedText);
    await importRevision(
      db.db,
      { ...seed, region: { ...seed.region, county: null, town: "直属镇" } },
      { sourceFile: "direct.txt", contentHash: "direct" },
    );
    await importRevision(
      db.db,
      { ...seed, region: { province: null, prefecture: null, county: null, town: "孤镇" } },
      { sourceFile: "alone.txt", contentHash: "alone" },
    );

    expect(await stats.overview(db.db, EVERY_TOWN)).toMatchObject({ towns: 6, reclaimed: 5 * 37 + 36 });
    for (const table of ROLLUP_TABLES) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.db);
      expect(rows[0]!.n, table).toBeGreaterThan(0);
    }
    await expectConsistent(db.db);
    // A hang bound, not a speed bound: six imports and a recount of every rollup took over 60 s on PGlite on the loaded 2-core machine.
  }, 240_000);

  it("match a recount after a newer revision replaces a town's latest and an older-dated one does not", async () => {
    await importDocument(db.db, Buffer.from(seedText.replace(lastReclaimedRow, "\n")), "lanzhouwan-v2.txt", {
      effectiveDate: "2099-01-01",
    });
    await importDocument(
      db.db,
      Buffer.from(seedText.replaceAll("兰州湾镇", "北五岔镇").replace(lastReclaimedRow, "\n")),
      "beiwucha-draft.txt",
      {
        effectiveDate: "2000-01-01",
      },
    );
    const county = await db.db.selectFrom("regions").select("id").where("name", "=", "玛纳斯县").executeTakeFirstOrThrow();
    // 兰州湾镇 now counts its shorter v2, 北五岔镇 still its full list.
    expect(await stats.overview(db.db, await resolveScope(db.db, { regionId: county.id }))).toMatchObject({ towns: 2, reclaimed: 36 + 37 });
    await expectConsistent(db.db);
  });

  it("match a recount after deleting a town's latest revision and a town's only one", async () => {
    expect(await deleteRevision(db.db, await revisionOf("兰州湾镇", "lanzhouwan-v2.txt"))).toBe(true);
    expect(await deleteRevision(db.db, await revisionOf("五工台镇", "wugongtai.txt"))).toBe(true);
    const county = await db.db.selectFrom("regions").select("id").where("name", "=", "玛纳斯县").executeTakeFirstOrThrow();
    expect(await stats.overview(db.db, await resolveScope(db.db, { regionId: county.id }))).toMatchObject({ towns: 2, reclaimed: 37 + 37 });
    // 呼图壁县 lost its only town: no rollup row may stay behind for it.
    const empty = await db.db.selectFrom("regions").select("id").where("name", "=", "呼图壁县").executeTakeFirstOrThrow();
    expect(await db.db.selectFrom("region_counts").selectAll().where("region_id", "=", empty.id).execute()).toEqual([]);
    await expectConsistent(db.db);
  });

  it("match a recount after a bulk batch of new towns, a replacement and a repeat", async () => {
    const documents = [
      { text: seedText.replaceAll("兰州湾镇", "六户地镇"), file: "liuhudi.txt", date: undefined },
      {
        text: seedText.replaceAll("玛纳斯县", "呼图壁县").replaceAll("兰州湾镇", "五工台镇"),
        file: "wugongtai-again.txt",
        date: undefined,
      },
      { text: seedText.replaceAll("兰州湾镇", "北五岔镇").replace(lastReclaimedRow, "\n"), file: "beiwucha-v3.txt", date: "2099-06-01" },
      { text: seedText, file: "lanzhouwan-repeat.txt", date: undefined },
    ].map(({ text, file, date }) => ({
      revision: parsed(text),
      options: { sourceFile: file, contentHash: file, effectiveDate: date },
    }));
    // The seed's own bytes again: 兰州湾镇 has them, so nothing is written.
    const lanzhouwan = await db.db
      .selectFrom("revisions")
      .select("content_hash")
      .where("source_file", "=", "lanzhouwan.txt")
      .executeTakeFirstOrThrow();
    documents[3]!.options.contentHash = lanzhouwan.content_hash;
    expect(await bulkImport(db, documents, { batchSize: 3 })).toEqual({ created: 3, skipped: 1, duties: 3 * 246 - 1 });
    await expectConsistent(db.db);
  });

  it("stay as they were when the transaction around an import or a deletion rolls back", async () => {
    const before = await rollupContents(db.db);
    const latest = await revisionOf("北五岔镇", "beiwucha-v3.txt");
    for (const work of [
      (trx: Kysely<Database>) => importDocument(trx, Buffer.from(seedText.replaceAll("兰州湾镇", "乐土驿镇")), "letuyi.txt"),
      (trx: Kysely<Database>) => deleteRevision(trx, latest),
    ]) {
      const failed = await db.db
        .transaction()
        .execute(async (trx) => {
          await work(trx);
          throw new Error("roll back");
        })
        .catch((e: unknown) => e);
      expect(failed).toEqual(new Error("roll back"));
      expect(await rollupContents(db.db)).toEqual(before);
    }
  });

  it("are what the statistics read: a changed count shows in every scope above it", async () => {
    const tampered = await db.fork();
    try {
      await importDocument(tampered.db, Buffer.from(seedText), "lanzhouwan.txt");
      await importDocument(tampered.db, Buffer.from(seedText.replaceAll("玛纳斯县", "呼图壁县")), "hutubi.txt");
      const before = await stats.overview(tampered.db, EVERY_TOWN);
      // Only the rollups change; duties, links and steps stay as they are.
      await sql`update region_category_counts set basic = basic + 1000`.execute(tampered.db);
      await sql`update department_counts set led = led + 1000`.execute(tampered.db);
      // The country adds up the category rows of the regions without a parent.
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from region_category_counts where region_id in (select id from regions where parent_id is null)
      `.execute(tampered.db);
      expect((await stats.overview(tampered.db, EVERY_TOWN)).basic).toBe(before.basic + 1000 * rows[0]!.n);
      expect((await stats.departmentLoad(tampered.db, EVERY_TOWN, { limit: 1 })).items[0]!.coordinatedLed).toBeGreaterThan(1000);
      expect(await recount.overview(tampered.db, EVERY_TOWN)).toEqual(before);
    } finally {
      await tampered.close();
    }
  });

  it("are counted by the migrations for a database that already holds revisions, as the imports counted them", async () => {
    const kept = await rollupContents(db.db);
    const migrator = new Migrator({ db: db.db, provider: { getMigrations: async () => migrations }, migrationTableSchema: db.schema });
    const down = await migrator.migrateTo("2026-11-28-001-initial");
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual([
      "2026-12-02-003-duty-notes",
      "2026-12-02-002-national-scale",
      "2026-12-02-001-review",
      "2026-11-29-001-rollups",
    ]);
    await migrate(db);
    expect(await rollupContents(db.db)).toEqual(kept);
    // Revisions stored before the review migration were their towns' data: they come back published.
    const statuses = await db.db.selectFrom("revisions").select("status").distinct().execute();
    expect(statuses).toEqual([{ status: "published" }]);
  });

  it("count published revisions only: a draft changes no statistic, publishing it does, withdrawing it undoes that", async () => {
    const town = await db.db.selectFrom("regions").select("id").where("name", "=", "兰州湾镇").executeTakeFirstOrThrow();
    const townScope = () => resolveScope(db.db, { regionId: town.id });
    const before = await stats.overview(db.db, EVERY_TOWN);
    // The seed stands for 兰州湾镇 (its v2 was deleted above).
    expect(await stats.overview(db.db, await townScope())).toMatchObject({ basic: 109, coordinated: 100, reclaimed: 37 });
    const draft = await importDocument(db.db, readFileSync(SYNTHETIC_REVISION_FILE), "synthetic.txt", {
      status: "draft",
      effectiveDate: "2099-12-31",
    });
    expect(draft.created).toBe(true);
    expect(await stats.overview(db.db, EVERY_TOWN)).toEqual(before);
    expect(await stats.overview(db.db, await townScope())).toMatchObject({ basic: 109, coordinated: 100, reclaimed: 37 });
    // Named by id, a draft is previewed: the synthetic revision moves one basic duty to the coordinated list (fixtures/README.md).
    expect(await stats.overview(db.db, await resolveScope(db.db, { revisionId: draft.revisionId }))).toMatchObject({
      basic: 108,
      coordinated: 101,
      reclaimed: 37,
    });
    await expectConsistent(db.db);

    expect(await setRevisionStatus(db.db, draft.revisionId, "published")).toMatchObject({ from: "draft", to: "published" });
    expect(await stats.overview(db.db, await townScope())).toMatchObject({ basic: 108, coordinated: 101, reclaimed: 37 });
    expect(await stats.overview(db.db, EVERY_TOWN)).toMatchObject({
      towns: before.towns,
      basic: before.basic - 1,
      coordinated: before.coordinated + 1,
    });
    await expectConsistent(db.db);

    expect(await setRevisionStatus(db.db, draft.revisionId, "withdrawn")).toMatchObject({ from: "published", to: "withdrawn" });
    expect(await stats.overview(db.db, EVERY_TOWN)).toEqual(before);
    await expectConsistent(db.db);
    expect(await setRevisionStatus(db.db, 987_654, "published")).toBeNull();
  });

  it("drop a town from every statistic when its only published revision is withdrawn", async () => {
    const before = await stats.overview(db.db, EVERY_TOWN);
    const only = await revisionOf("孤镇", "alone.txt");
    await setRevisionStatus(db.db, only, "withdrawn");
    expect(await stats.overview(db.db, EVERY_TOWN)).toMatchObject({ towns: before.towns - 1, reclaimed: before.reclaimed - 37 });
    await expectConsistent(db.db);
    await setRevisionStatus(db.db, only, "published");
    expect(await stats.overview(db.db, EVERY_TOWN)).toEqual(before);
  });

  // PGlite queues them on its one connection; on PostgreSQL they overlap, and the region locks take over.
  it("stay consistent when imports into one county run at the same time", async () => {
    const towns = ["三岔镇", "四岔镇", "五岔镇", "六岔镇"];
    await Promise.all(towns.map((town) => importDocument(db.db, Buffer.from(seedText.replaceAll("兰州湾镇", town)), `${town}.txt`)));
    await expectConsistent(db.db);
  });
});
