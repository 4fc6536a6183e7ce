import { type BulkDocument, emptyRows, type NewRow, revisionRows, type TableRows } from "@duty/db";
import { generateTowns, type SyntheticTown } from "./generate.ts";
import { townFileName } from "./render.ts";

/*
 * The benchmark's load, batch by batch: the same towns once as the parsed revisions bulkImport
 * takes, and once as finished table rows for a plain COPY, the fastest load there is and so the
 * yardstick of bulkImport's rate. The finished rows are the writer's own (revisionRows) with the
 * ids handed out here, so the two loads store the same rows by construction.
 */

/** One batch of towns in both forms. */
export interface LoadBatch {
  towns: SyntheticTown[];
  documents: BulkDocument[];
  /** Table rows for copyRows, parents first. */
  tables: TableRows[];
  duties: number;
}

/** How a generated town is filed: the published version, a hash naming the generator's town. */
export function documentOf(town: SyntheticTown, seed: number): BulkDocument {
  return {
    revision: town.revision,
    options: {
      label: "公布稿",
      sourceFile: townFileName(town),
      contentHash: `synthetic:${seed}:${town.number}`,
      effectiveDate: town.publishedOn,
    },
  };
}

/** `count` towns of `seed` in batches of `size`, generated lazily. */
export function* loadBatches(seed: number, count: number, size: number): Generator<LoadBatch> {
  const finished = finishedRows(seed);
  let towns: SyntheticTown[] = [];
  const batch = (): LoadBatch => {
    const tables = finished(towns);
    const duties = tables.find((t) => t.table === "duties")!.rows.length;
    return { towns, documents: towns.map((town) => documentOf(town, seed)), tables, duties };
  };
  for (const town of generateTowns(seed, count)) {
    towns.push(town);
    if (towns.length === size) {
      yield batch();
      towns = [];
    }
  }
  if (towns.length > 0) yield batch();
}

/**
 * Turns batches of towns into finished rows: regions with the generator's ids and their closure
 * rows, categories, county departments, revisions and duties numbered densely in stream order, and
 * each revision's duties, links and steps as revisionRows writes them. Remembers what earlier
 * batches wrote, so each region, category and department is written once.
 */
function finishedRows(seed: number): (towns: readonly SyntheticTown[]) => TableRows[] {
  const ancestors = new Map<number, number[]>();
  const categoryIds = new Map<string, number>();
  const departmentIds = new Map<string, number>();
  let revisionId = 0;
  let dutyId = 0;
  return (towns) => {
    const regions: NewRow<"regions">[] = [];
    const closure: NewRow<"region_closure">[] = [];
    const categories: NewRow<"categories">[] = [];
    const departments: NewRow<"departments">[] = [];
    const revisions: NewRow<"revisions">[] = [];
    const rows = emptyRows();
    for (const town of towns) {
      const { county, node } = town;
      const { revision, options } = documentOf(town, seed);
      for (const region of [county.province, county.prefecture, county, node]) {
        if (ancestors.has(region.id)) continue;
        const chain = [...(region.parentId === null ? [] : ancestors.get(region.parentId)!), region.id];
        ancestors.set(region.id, chain);
        regions.push({ id: region.id, parent_id: region.parentId, level: region.level, name: region.name });
        for (const [i, ancestor] of chain.entries())
          closure.push({ ancestor_id: ancestor, region_id: region.id, depth: chain.length - 1 - i });
      }
      for (const name of revision.categories) {
        if (categoryIds.has(name)) continue;
        categoryIds.set(name, categoryIds.size + 1);
        categories.push({ id: categoryIds.size, name });
      }
      // Department ids are per county: 玛纳斯县民政局 and another county's 民政局 are different units.
      for (const d of revision.departments) {
        const key = `${county.id}\t${d.name}`;
        if (departmentIds.has(key)) continue;
        departmentIds.set(key, departmentIds.size + 1);
        departments.push({
          id: departmentIds.size,
          county_id: county.id,
          name: d.name,
          short_name: d.shortName,
          abbreviation: d.abbreviation,
          level: d.level,
          kind: d.kind,
        });
      }
      revisions.push({
        town_id: node.id,
        id: ++revisionId,
        label: options.label!,
        effective_date: options.effectiveDate,
        source_file: options.sourceFile,
        content_hash: options.contentHash,
      });
      const own = revisionRows(revision, {
        townId: node.id,
        revisionId,
        categoryId: (name) => categoryIds.get(name)!,
        departmentId: (name) => departmentIds.get(`${county.id}\t${name}`)!,
        nextDutyId: () => ++dutyId,
      });
      rows.duties.push(...own.duties);
      rows.links.push(...own.links);
      rows.steps.push(...own.steps);
      rows.notes.push(...own.notes);
    }
    return [
      { table: "regions", rows: regions },
      { table: "region_closure", rows: closure },
      { table: "categories", rows: categories },
      { table: "departments", rows: departments },
      { table: "revisions", rows: revisions },
      { table: "duties", rows: rows.duties },
      { table: "duty_departments", rows: rows.links },
      { table: "steps", rows: rows.steps },
      { table: "duty_notes", rows: rows.notes },
    ];
  };
}
