import { bulkImport, copyRows, importDocument, overview, type Scope } from "@duty/db";
import * as recount from "@duty/db/recount";
import * as stats from "@duty/db";
import { openTestDatabase, type TestDatabase, testEngines } from "@duty/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTowns } from "./generate.ts";
import { loadBatches } from "./load.ts";
import { renderDocument } from "./render.ts";

const SEED = 7;
const TOWNS = 12;

type Db = TestDatabase["db"];

/** The country's statistics, recounted from the duties, with ids (which each path numbers its own way) left out and rows sorted. */
async function countryFigures(db: Db): Promise<Record<string, unknown>> {
  const scope: Scope = {};
  const figures: Record<string, unknown> = {
    overview: await recount.overview(db, scope),
    byCategory: await recount.dutiesByCategory(db, scope),
    load: await recount.departmentLoad(db, scope),
    byShortName: await recount.departmentLoadByShortName(db, scope),
    matrix: await recount.departmentCategoryMatrix(db, scope, "department"),
  };
  const withoutIds = (value: unknown) =>
    JSON.parse(JSON.stringify(value, (key, v: unknown) => (/Id$/u.test(key) ? undefined : v))) as unknown;
  return Object.fromEntries(
    Object.entries(figures).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map((row) => JSON.stringify(withoutIds(row))).sort() : withoutIds(value),
    ]),
  );
}

describe.each(testEngines())("the benchmark's load (%s)", (engine) => {
  let base: TestDatabase;
  let parsed: TestDatabase;
  let copied: TestDatabase;
  let bulk: TestDatabase;
  beforeAll(async () => {
    base = await openTestDatabase(engine);
    [parsed, copied, bulk] = [await base.fork(), await base.fork(), await base.fork()];
    for (const town of generateTowns(SEED, TOWNS)) await importDocument(parsed.db, Buffer.from(renderDocument(town)), `${town.number}.txt`);
  });
  afterAll(async () => {
    for (const db of [parsed, copied, bulk, base]) await db?.close();
  });

  it("splits the towns into batches of the given size, each with its rows", () => {
    const batches = [...loadBatches(SEED, TOWNS, 5)];
    expect(batches.map((b) => b.towns.length)).toEqual([5, 5, 2]);
    expect(batches.flatMap((b) => b.towns.map((t) => t.number))).toEqual([...Array(TOWNS).keys()].map((i) => i + 1));
    for (const batch of batches) {
      expect(batch.documents.map((d) => d.revision)).toEqual(batch.towns.map((t) => t.revision));
      expect(batch.duties).toBe(batch.towns.reduce((n, t) => n + t.revision.lists.basic.length + t.revision.lists.coordinated.length + t.revision.lists.reclaimed.length, 0));
    }
  });

  it("copies rows that hold what importing the rendered documents stores", async () => {
    for (const batch of loadBatches(SEED, TOWNS, 5)) await copyRows(copied, batch.tables);
    expect(await countryFigures(copied.db)).toEqual(await countryFigures(parsed.db));
  });

  it("bulk-imports the same towns with the same statistics, from rollups and recounted", async () => {
    for (const batch of loadBatches(SEED, TOWNS, 5)) await bulkImport(bulk, batch.documents);
    expect(await countryFigures(bulk.db)).toEqual(await countryFigures(parsed.db));
    expect((await overview(bulk.db, {})).towns).toBe(TOWNS);
    for (const name of ["overview", "dutiesByCategory", "departmentLoadByShortName"] as const) {
      expect(await stats[name](bulk.db, {}), name).toEqual(await recount[name](bulk.db, {}));
    }
  });
});
