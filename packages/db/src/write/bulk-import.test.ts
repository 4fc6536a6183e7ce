import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, type Revision } from "@duty/domain";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, SEED_DIR, statistics, storedDuties, type TestDatabase, testEngines, withBasicNotes } from "../../test/index.ts";
import type { Database } from "../schema.ts";
import type { Scope } from "../scope.ts";
import type { BulkDocument } from "./batch.ts";
import { bulkImport } from "./bulk-import.ts";
import { importDocument } from "./import.ts";
import { copyField } from "./tables.ts";

const { overview, dutiesByCategory, reclaimedVsRetained, departmentLoad, departmentLoadByShortName, departmentCategoryMatrix } = statistics;

const seedText = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8");

/** Towns of two counties in two prefectures, one of them with a second, later revision. */
const DOCUMENTS: { file: string; text: string; effectiveDate?: string }[] = [
  { file: "lanzhouwan.txt", text: seedText },
  { file: "beiwucha.txt", text: seedText.replaceAll("兰州湾镇", "北五岔镇") },
  {
    file: "wugongtai.txt",
    text: seedText
      .replaceAll("玛纳斯县", "呼图壁县")
      .replaceAll("兰州湾镇", "五工台镇")
      .replace(/\n37\t市场监管\t[^\n]*\n?$/u, "\n"),
  },
  {
    file: "qingshuihe.txt",
    text: seedText.replaceAll("昌吉州", "伊犁州").replaceAll("玛纳斯县", "霍城县").replaceAll("兰州湾镇", "清水河镇"),
  },
  {
    file: "lanzhouwan-v2.txt",
    text: seedText.replace("加强基层阵地建设，优化提升服务能力", "加强基层阵地建设"),
    effectiveDate: "2099-01-01",
  },
  {
    file: "liuhudi.txt",
    // A 备注 on every basic row, its 序号 between backslashes (\3\): text COPY must escape, so the bulk path's notes are held to the single import's.
    text: withBasicNotes(seedText.replaceAll("兰州湾镇", "六户地镇").replaceAll("社会保障", "社会事务"), (seq) => `\\${seq}\\`),
  },
];

const hash = (text: string) => createHash("sha256").update(Buffer.from(text)).digest("hex");

function bulkDocument({ file, text, effectiveDate }: (typeof DOCUMENTS)[number]): BulkDocument {
  const parsed = parseDocument(Buffer.from(text));
  if (!parsed.ok) throw parsed.error;
  return { revision: parsed.revision, options: { sourceFile: file, contentHash: hash(text), effectiveDate } };
}

/**
 * Every statistic in every scope, keyed by names instead of ids: region ids differ between the two
 * paths (a batch creates its regions level by level, single imports town by town).
 */
async function statisticsByName(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const regions = await db
    .selectFrom("regions as g")
    .leftJoin("regions as p", "p.id", "g.parent_id")
    .select(["g.id", "g.name", "p.name as parent"])
    .execute();
  const revisions = await db.selectFrom("revisions").select(["id", "source_file"]).execute();
  const scopes: [string, Scope][] = [
    ["every town", {}],
    ...regions.map((r): [string, Scope] => [`region ${r.parent ?? ""}/${r.name}`, { regionId: r.id }]),
    ...revisions.map((r): [string, Scope] => [`revision ${r.source_file}`, { revisionId: r.id }]),
  ];
  const withoutIds = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === "departmentId" || key === "countyId" ? undefined : v)));
  const out: Record<string, unknown> = {};
  for (const [name, scope] of scopes) {
    out[name] = withoutIds({
      overview: await overview(db, scope),
      byCategory: await dutiesByCategory(db, scope),
      reclaimed: await reclaimedVsRetained(db, scope),
      load: await departmentLoad(db, scope),
      byShortName: await departmentLoadByShortName(db, scope),
      matrix: await departmentCategoryMatrix(db, scope, "department"),
      shortMatrix: await departmentCategoryMatrix(db, scope, "shortName"),
    });
  }
  return out;
}

describe.each(testEngines())("bulk import (%s)", (engine) => {
  let base: TestDatabase;
  let imported: TestDatabase;
  let bulk: TestDatabase;
  beforeAll(async () => {
    base = await openTestDatabase(engine);
    imported = await base.fork();
    bulk = await base.fork();
    for (const d of DOCUMENTS) await importDocument(imported.db, Buffer.from(d.text), d.file, { effectiveDate: d.effectiveDate });
  });
  afterAll(async () => {
    await bulk?.close();
    await imported?.close();
    await base?.close();
  });

  it("gives every statistic in every scope that importing each document gives", async () => {
    // Two transactions: the second batch holds a later revision of a town of the first.
    const result = await bulkImport(bulk, DOCUMENTS.map(bulkDocument), { batchSize: 4 });
    expect(result).toEqual({ created: 6, skipped: 0, duties: 6 * 246 - 1 });
    const expected = await statisticsByName(imported.db);
    // The country, 11 regions (5 towns, 3 counties, 2 prefectures and 新疆维吾尔自治区, which the writer fills in for
    // documents that name no province) and 6 revisions.
    expect(Object.keys(expected)).toHaveLength(1 + 11 + 6);
    expect(await statisticsByName(bulk.db)).toEqual(expected);
  });

  it("stores every duty, link, step and note the single import stores", async () => {
    const expected = await storedDuties(imported.db);
    expect(expected).toHaveLength(6 * 246 - 1);
    // 六户地镇's 109 basic duties carry a note each, ending in its 序号 between backslashes.
    expect(expected.filter((row) => row.startsWith("六户地镇|") && /\|1:备注:\\\d+\\$/u.test(row))).toHaveLength(109);
    expect(await storedDuties(bulk.db)).toEqual(expected);
  });

  it("skips a document whose town already has its bytes, and keeps earlier batches when a later one fails", async () => {
    const again = await bulkImport(bulk, [bulkDocument(DOCUMENTS[1]!)]);
    expect(again).toEqual({ created: 0, skipped: 1, duties: 0 });
    const before = await overview(bulk.db, {});
    const fresh = bulkDocument({ file: "letuyi.txt", text: seedText.replaceAll("兰州湾镇", "乐土驿镇") });
    const broken = bulkDocument({ file: "broken.txt", text: seedText.replaceAll("兰州湾镇", "坏日期镇"), effectiveDate: "2026-02-30" });
    await expect(bulkImport(bulk, [fresh, broken], { batchSize: 1 })).rejects.toThrow(
      /^effectiveDate: “2026-02-30” 不是 YYYY-MM-DD 形式的日期/u,
    );
    expect(await overview(bulk.db, {})).toMatchObject({ towns: before.towns + 1, total: before.total + 246 });
    expect(await bulk.db.selectFrom("regions").select("id").where("name", "=", "坏日期镇").execute()).toEqual([]);
  });

  it("keeps backslashes, tabs and line breaks in text as they were", async () => {
    const document = bulkDocument({ file: "odd.txt", text: seedText.replaceAll("兰州湾镇", "怪字镇") });
    const revision: Revision = document.revision;
    const odd = "a\\b\tc\nd\re \\N";
    const first = revision.lists.coordinated[0]!;
    revision.lists.coordinated[0] = { ...first, townDuties: [{ ...first.townDuties[0]!, text: odd }, ...first.townDuties.slice(1)] };
    await bulkImport(bulk, [document]);
    const stored = await bulk.db.selectFrom("steps").select("text").where("text", "like", "a\\\\b%").execute();
    expect(stored).toEqual([{ text: odd }]);
  });
});

describe("copyField", () => {
  it("writes COPY's text format: \\N for null, escapes for backslash, tab and line breaks", () => {
    expect([null, 12, "plain 文本", "a\\b", "a\tb", "a\nb\rc"].map(copyField)).toEqual([
      "\\N",
      "12",
      "plain 文本",
      "a\\\\b",
      "a\\tb",
      "a\\nb\\rc",
    ]);
  });
});
