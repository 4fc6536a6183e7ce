import { bulkImport, copyRows, EVERY_TOWN, importDocument, type NewRow, overview, type TableRows } from "@duty/db";
import * as stats from "@duty/db";
import { openTestDatabase, recount, storedDuties, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTowns } from "./generate.ts";
import { loadBatches } from "./load.ts";
import { renderDocument, townFileName } from "./render.ts";

const SEED = 7;
const TOWNS = 12;

type Db = TestDatabase["db"];

/** The country's statistics, recounted from the duties, with ids (which each path numbers its own way) left out and rows sorted. */
async function countryFigures(db: Db): Promise<Record<string, unknown>> {
  const scope = EVERY_TOWN;
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

describe("the benchmark's finished rows", () => {
  const batches = [...loadBatches(9, 60, 25)];
  const all = <T extends TableRows["table"]>(table: T): NewRow<T>[] =>
    batches.flatMap((b) => b.tables.filter((t) => t.table === table).flatMap((t) => t.rows as readonly NewRow<T>[]));

  it("write one row per region, revision, duty, department link and step", () => {
    const towns = batches.flatMap((b) => b.towns);
    const counties = new Set(towns.map((t) => t.county));
    const places = new Set([...counties].flatMap((c) => [c.province.id, c.prefecture.id, c.id]));
    expect(all("regions")).toHaveLength(places.size + towns.length);
    expect(all("revisions")).toHaveLength(towns.length);
    const lists = towns.map((t) => t.revision.lists);
    expect(all("duties")).toHaveLength(lists.reduce((n, l) => n + l.basic.length + l.coordinated.length + l.reclaimed.length, 0));
    expect(all("duty_departments")).toHaveLength(
      lists.reduce(
        (n, l) => n + l.coordinated.reduce((m, d) => m + d.departments.length, 0) + l.reclaimed.reduce((m, d) => m + d.receivers.length, 0),
        0,
      ),
    );
    expect(all("steps")).toHaveLength(
      lists.reduce(
        (n, l) =>
          n +
          l.coordinated.reduce((m, d) => m + d.departmentDuties.length + d.townDuties.length, 0) +
          l.reclaimed.reduce((m, d) => m + d.method.length, 0),
        0,
      ),
    );
    // A department is one row per county, however many of the county's towns name it.
    const perCounty = [...counties].map(
      (c) => new Set(towns.filter((t) => t.county === c).flatMap((t) => t.revision.departments.map((d) => d.name))).size,
    );
    expect(all("departments")).toHaveLength(perCounty.reduce((a, b) => a + b, 0));
  });

  it("number every table densely and write a row only after the rows it refers to", () => {
    for (const table of ["categories", "departments", "revisions", "duties"] as const) {
      expect(all(table).map((r) => r.id)).toEqual(all(table).map((_, i) => i + 1));
    }
    const seen = {
      regions: new Map<number, number | null>(),
      departments: new Map<number, number>(),
      revisions: new Set<number>(),
      duties: new Map<number, number>(),
    };
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (const batch of batches) {
      for (const { table, rows } of batch.tables) {
        for (const row of rows) {
          if (table === "regions") {
            const r = row as { id: number; parent_id: number | null };
            check(r.parent_id === null || seen.regions.has(r.parent_id), `region ${r.id} before its parent`);
            seen.regions.set(r.id, r.parent_id);
          } else if (table === "departments") {
            const d = row as { id: number; county_id: number };
            check(seen.regions.has(d.county_id), `department ${d.id} before its county`);
            seen.departments.set(d.id, d.county_id);
          } else if (table === "revisions") {
            const r = row as { id: number; town_id: number };
            check(seen.regions.has(r.town_id), `revision ${r.id} before its town`);
            seen.revisions.add(r.id);
          } else if (table === "duties") {
            const d = row as { id: number; town_id: number; revision_id: number };
            check(seen.revisions.has(d.revision_id), `duty ${d.id} before its revision`);
            seen.duties.set(d.id, d.town_id);
          } else if (table === "duty_departments" || table === "steps") {
            const x = row as { duty_id: number; town_id: number; department_id: number | null };
            check(seen.duties.get(x.duty_id) === x.town_id, `${table} row before duty ${x.duty_id} or in another town`);
            // A duty only names departments of its own county.
            check(
              x.department_id === null || seen.departments.get(x.department_id) === seen.regions.get(x.town_id),
              `${table} of duty ${x.duty_id} names another county's department`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("are generated lazily: the first batch comes before the later towns exist", () => {
    const started = performance.now();
    const first = loadBatches(9, 38_600, 5).next();
    expect(first.value?.towns).toHaveLength(5);
    // Generating and numbering all 38,600 towns takes minutes; the first five, well under a second's work.
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});

describe.each(testEngines())("the benchmark's load (%s)", (engine) => {
  let base: TestDatabase;
  let parsed: TestDatabase;
  let copied: TestDatabase;
  let bulk: TestDatabase;
  beforeAll(async () => {
    base = await openTestDatabase(engine);
    [parsed, copied, bulk] = [await base.fork(), await base.fork(), await base.fork()];
    for (const town of generateTowns(SEED, TOWNS)) await importDocument(parsed.db, Buffer.from(renderDocument(town)), townFileName(town));
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
      expect(batch.duties).toBe(
        batch.towns.reduce(
          (n, t) => n + t.revision.lists.basic.length + t.revision.lists.coordinated.length + t.revision.lists.reclaimed.length,
          0,
        ),
      );
    }
  });

  it("copies rows that hold what importing the rendered documents stores", async () => {
    for (const batch of loadBatches(SEED, TOWNS, 5)) await copyRows(copied, batch.tables);
    expect(await countryFigures(copied.db)).toEqual(await countryFigures(parsed.db));
    // Duty by duty, links and steps included.
    expect(await storedDuties(copied.db)).toEqual(await storedDuties(parsed.db));
  });

  it("bulk-imports the same towns with the same statistics, from rollups and recounted", async () => {
    for (const batch of loadBatches(SEED, TOWNS, 5)) await bulkImport(bulk, batch.documents);
    expect(await countryFigures(bulk.db)).toEqual(await countryFigures(parsed.db));
    expect((await overview(bulk.db, EVERY_TOWN)).towns).toBe(TOWNS);
    expect(await stats.overview(bulk.db, EVERY_TOWN)).toEqual(await recount.overview(bulk.db, EVERY_TOWN));
    expect(await stats.dutiesByCategory(bulk.db, EVERY_TOWN)).toEqual(await recount.dutiesByCategory(bulk.db, EVERY_TOWN));
    expect(await stats.departmentLoadByShortName(bulk.db, EVERY_TOWN)).toEqual(
      await recount.departmentLoadByShortName(bulk.db, EVERY_TOWN),
    );
  });
});
