import { provinceOf, type Region } from "@duty/domain";
import { type Kysely, sql } from "kysely";
import type { Database, RegionLevel } from "../schema.ts";
import { samePlace } from "./places.ts";
import { initials } from "./references.ts";
import { rebuildRollups } from "./rollups.ts";

/*
 * Databases filled before documents were placed (places.ts) hold copies of prefectures and counties
 * at the top of the tree, filed by documents that omitted the province. repairRegions puts each
 * copy where it belongs, by the same rule an import follows now:
 *  - the one region of the same level and name under a province (or, among several, the one that
 *    already holds the copy's children): the copy is merged into it, child by child, so that towns,
 *    revisions and county departments end up under one region;
 *  - else the province the gazetteer gives: the copy moves under it;
 *  - else it stays, reported as unplaced, or as ambiguous with the candidates.
 * Everything happens in one transaction, and the rollups are rebuilt at the end (the per-revision
 * counts of moved revisions included, so they need no care on the way).
 */

export interface RegionRepair {
  /** Copies merged into the region they duplicate: "昌吉州 → 新疆/昌吉州". */
  merged: string[];
  /** Copies moved under the province the gazetteer names. */
  moved: string[];
  /** Copies left at the top: nothing tells where they belong. */
  unplaced: string[];
  /** Copies that fit several regions, with the candidates. */
  ambiguous: { region: string; candidates: string[] }[];
}

interface Node {
  id: number;
  parent_id: number | null;
  level: RegionLevel;
  name: string;
}

/** Merges or moves every copy at the top of the region tree (see above); with dryRun, reports and changes nothing. */
export async function repairRegions(db: Kysely<Database>, options: { dryRun?: boolean } = {}): Promise<RegionRepair> {
  const report: RegionRepair = { merged: [], moved: [], unplaced: [], ambiguous: [] };
  const run = async (trx: Kysely<Database>) => {
    const nodes = new Map(
      (await trx.selectFrom("regions").select(["id", "parent_id", "level", "name"]).execute()).map((r) => [r.id, r as Node]),
    );
    const pathOf = (id: number): Node[] => {
      const path: Node[] = [];
      for (let n = nodes.get(id); n; n = n.parent_id === null ? undefined : nodes.get(n.parent_id)) path.unshift(n);
      return path;
    };
    const text = (id: number) =>
      pathOf(id)
        .map((n) => n.name)
        .join("/");
    const childrenOf = (id: number) => [...nodes.values()].filter((n) => n.parent_id === id);
    const copies = [...nodes.values()].filter((n) => n.parent_id === null && n.level !== "province" && n.level !== "town");
    for (const copy of copies) {
      const childNames = new Set(childrenOf(copy.id).map((c) => `${c.level}\t${c.name}`));
      let candidates = [...nodes.values()].filter((n) => n.id !== copy.id && n.level === copy.level && n.name === copy.name);
      const underProvince = candidates.filter((c) => pathOf(c.id)[0]!.level === "province");
      if (underProvince.length > 0) candidates = underProvince;
      const sharing = candidates.filter((c) => childrenOf(c.id).some((k) => childNames.has(`${k.level}\t${k.name}`)));
      if (sharing.length > 0) candidates = sharing;
      if (candidates.length === 1) {
        const target = candidates[0]!;
        report.merged.push(`${text(copy.id)} → ${text(target.id)}`);
        await merge(trx, nodes, copy, target);
        continue;
      }
      if (candidates.length > 1) {
        report.ambiguous.push({ region: text(copy.id), candidates: candidates.map((c) => text(c.id)) });
        continue;
      }
      const province = provinceOf({ province: null, prefecture: null, county: null, town: "", [copy.level]: copy.name } as Region);
      if (!province) {
        report.unplaced.push(text(copy.id));
        continue;
      }
      const parent =
        [...nodes.values()].find((n) => n.parent_id === null && n.level === "province" && samePlace(n.name, province)) ??
        (await createProvince(trx, nodes, province));
      report.moved.push(`${text(copy.id)} → ${parent.name}/${copy.name}`);
      await reparent(trx, copy, parent.id);
    }
    // Recounted from the duties: towns, counties and departments changed hands (rebuildRollups bumps the data version).
    if (report.merged.length + report.moved.length > 0) await rebuildRollups(trx);
    if (options.dryRun) throw new DryRun();
  };
  try {
    await (db.isTransaction && !options.dryRun ? run(db) : db.transaction().execute(run));
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return report;
}

class DryRun extends Error {}

async function createProvince(trx: Kysely<Database>, nodes: Map<number, Node>, name: string): Promise<Node> {
  const row = await trx
    .insertInto("regions")
    .values({ parent_id: null, level: "province", name, initials: initials(name) })
    .returning(["id", "parent_id", "level", "name"])
    .executeTakeFirstOrThrow();
  await trx.insertInto("region_closure").values({ ancestor_id: row.id, region_id: row.id, depth: 0 }).execute();
  nodes.set(row.id, row);
  return row;
}

/** Moves `node` with its subtree under `parentId`, closure rows included. */
async function reparent(trx: Kysely<Database>, node: Node, parentId: number): Promise<void> {
  await sql`
    delete from region_closure
    where region_id in (select region_id from region_closure where ancestor_id = ${node.id})
      and ancestor_id not in (select region_id from region_closure where ancestor_id = ${node.id})
  `.execute(trx);
  await trx.updateTable("regions").set({ parent_id: parentId }).where("id", "=", node.id).execute();
  await sql`
    insert into region_closure (ancestor_id, region_id, depth)
    select a.ancestor_id, s.region_id, a.depth + s.depth + 1
    from region_closure a cross join region_closure s
    where a.region_id = ${parentId} and s.ancestor_id = ${node.id}
  `.execute(trx);
  node.parent_id = parentId;
}

/**
 * Folds `from` into `into` (same level and name): children `into` lacks move over, children both
 * have are merged in turn; a county's departments and a town's revisions follow. `from` is deleted.
 */
async function merge(trx: Kysely<Database>, nodes: Map<number, Node>, from: Node, into: Node): Promise<void> {
  const children = [...nodes.values()].filter((n) => n.parent_id === from.id);
  for (const child of children) {
    const twin = [...nodes.values()].find((n) => n.parent_id === into.id && n.level === child.level && n.name === child.name);
    if (twin) await merge(trx, nodes, child, twin);
    else await reparent(trx, child, into.id);
  }
  await mergeDepartments(trx, from.id, into.id);
  await mergeRevisions(trx, from.id, into.id);
  await trx
    .deleteFrom("region_closure")
    .where((eb) => eb.or([eb("region_id", "=", from.id), eb("ancestor_id", "=", from.id)]))
    .execute();
  await trx.deleteFrom("regions").where("id", "=", from.id).execute();
  nodes.delete(from.id);
}

/** The departments of county `from` join county `into`; one of the same name there takes over its links and steps. */
async function mergeDepartments(trx: Kysely<Database>, from: number, into: number): Promise<void> {
  const pairs = sql`
    select a.id as old_id, b.id as new_id from departments a join departments b on b.county_id = ${into} and b.name = a.name
    where a.county_id = ${from}
  `;
  await sql`update duty_departments l set department_id = p.new_id from (${pairs}) p where l.department_id = p.old_id`.execute(trx);
  await sql`update steps st set department_id = p.new_id from (${pairs}) p where st.department_id = p.old_id`.execute(trx);
  await sql`delete from departments d using (${pairs}) p where d.id = p.old_id`.execute(trx);
  await trx.updateTable("departments").set({ county_id: into }).where("county_id", "=", from).execute();
}

/**
 * The revisions of town `from` become town `into`'s, each as it was (its status, its document, its
 * duties with their links, steps and notes): copied under the new town key level by level (every key
 * starts with town_id, so a row cannot change town in place while its children refer to it), then
 * the old rows deleted. A revision `into` already holds (the same bytes) is dropped.
 */
async function mergeRevisions(trx: Kysely<Database>, from: number, into: number): Promise<void> {
  await sql`
    delete from revisions r using revisions s
    where r.town_id = ${from} and s.town_id = ${into} and s.content_hash = r.content_hash
  `.execute(trx);
  const moved = await trx.selectFrom("revisions").select("id").where("town_id", "=", from).execute();
  if (moved.length === 0) return;
  await sql`
    insert into revisions (town_id, id, label, status, effective_date, imported_at, source_file, content_hash)
    overriding system value
    select ${into}, id, label, status, effective_date, imported_at, source_file, content_hash from revisions where town_id = ${from}
  `.execute(trx);
  await sql`
    insert into duties (town_id, id, revision_id, list, seq, category_id, name, source_line)
    overriding system value
    select ${into}, id, revision_id, list, seq, category_id, name, source_line from duties where town_id = ${from}
  `.execute(trx);
  await sql`
    insert into duty_departments (town_id, duty_id, department_id, role, position, note)
    select ${into}, duty_id, department_id, role, position, note from duty_departments where town_id = ${from}
  `.execute(trx);
  await sql`
    insert into steps (town_id, duty_id, side, position, department_id, heading, text)
    select ${into}, duty_id, side, position, department_id, heading, text from steps where town_id = ${from}
  `.execute(trx);
  await sql`
    insert into duty_notes (town_id, duty_id, position, column_name, text)
    select ${into}, duty_id, position, column_name, text from duty_notes where town_id = ${from}
  `.execute(trx);
  await sql`
    insert into revision_sources (town_id, revision_id, file_name, town_spec, bytes)
    select ${into}, revision_id, file_name, town_spec, bytes from revision_sources where town_id = ${from}
  `.execute(trx);
  await trx.deleteFrom("revisions").where("town_id", "=", from).execute();
}
