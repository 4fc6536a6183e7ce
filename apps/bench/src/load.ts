import type { BulkDocument, CopyValue, TableRows } from "@duty/db";
import { generateTowns, type SyntheticTown } from "./generate.ts";
import { townFileName } from "./render.ts";
import { streamRows } from "./rows.ts";

/*
 * The benchmark's load, batch by batch: the same towns once as the parsed revisions bulkImport
 * takes, and once as finished table rows (ids, category ids and closure rows filled in here) for a
 * plain COPY, the fastest load there is and so the yardstick of bulkImport's rate.
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
    options: { label: "公布稿", sourceFile: townFileName(town), contentHash: `synthetic:${seed}:${town.number}`, effectiveDate: town.publishedOn },
  };
}

/** `count` towns of `seed` in batches of `size`, generated lazily. */
export function* loadBatches(seed: number, count: number, size: number): Generator<LoadBatch> {
  const pulled: SyntheticTown[] = [];
  const rows = streamRows(
    (function* () {
      for (const town of generateTowns(seed, count)) {
        pulled.push(town);
        yield town;
      }
    })(),
  );
  const categoryIds = new Map<string, number>();
  const ancestors = new Map<number, number[]>();
  let next = rows.next();
  while (!next.done) {
    const t: Record<string, CopyValue[][]> = {
      regions: [],
      region_closure: [],
      categories: [],
      departments: [],
      revisions: [],
      duties: [],
      duty_departments: [],
      steps: [],
    };
    let revisions = 0;
    // A batch ends before the revision row of its size+1-th town; that town's regions and
    // departments, streamed before its revision, land a batch early, which COPY does not mind.
    for (; !next.done; next = rows.next()) {
      const { table, row } = next.value;
      if (table === "revisions" && revisions === size) break;
      if (table === "regions") {
        t.regions!.push([row.id, row.parentId, row.level, row.name]);
        const chain = [...(row.parentId === null ? [] : ancestors.get(row.parentId)!), row.id];
        ancestors.set(row.id, chain);
        chain.forEach((ancestor, i) => t.region_closure!.push([ancestor, row.id, chain.length - 1 - i]));
      } else if (table === "departments") {
        t.departments!.push([row.id, row.countyId, row.name, row.shortName, row.abbreviation, row.level, row.kind]);
      } else if (table === "revisions") {
        revisions++;
        t.revisions!.push([row.townId, row.id, row.label, row.publishedOn, row.sourceFile, `synthetic:${seed}:${row.id}`]);
      } else if (table === "duties") {
        let categoryId = categoryIds.get(row.category);
        if (categoryId === undefined) {
          categoryId = categoryIds.size + 1;
          categoryIds.set(row.category, categoryId);
          t.categories!.push([categoryId, row.category]);
        }
        t.duties!.push([row.townId, row.id, row.revisionId, row.list, row.seq, categoryId, row.name, row.line]);
      } else if (table === "duty_departments") {
        t.duty_departments!.push([row.townId, row.dutyId, row.departmentId, row.role, row.position, row.note]);
      } else {
        t.steps!.push([row.townId, row.dutyId, row.side, row.position, row.departmentId, row.heading, row.text]);
      }
    }
    const towns = pulled.splice(0, revisions);
    yield {
      towns,
      documents: towns.map((town) => documentOf(town, seed)),
      tables: Object.entries(t).map(([table, tableRows]) => ({ table, columns: COLUMNS[table]!, rows: tableRows })),
      duties: t.duties!.length,
    };
  }
}

const COLUMNS: Record<string, readonly string[]> = {
  regions: ["id", "parent_id", "level", "name"],
  region_closure: ["ancestor_id", "region_id", "depth"],
  categories: ["id", "name"],
  departments: ["id", "county_id", "name", "short_name", "abbreviation", "level", "kind"],
  revisions: ["town_id", "id", "label", "effective_date", "source_file", "content_hash"],
  duties: ["town_id", "id", "revision_id", "list", "seq", "category_id", "name", "source_line"],
  duty_departments: ["town_id", "duty_id", "department_id", "role", "position", "note"],
  steps: ["town_id", "duty_id", "side", "position", "department_id", "heading", "text"],
};
