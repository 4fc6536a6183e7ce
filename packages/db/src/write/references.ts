import { type Department, provinceOf, type Region } from "@duty/domain";
import { type Kysely, sql } from "kysely";
import { pinyin } from "pinyin-pro";
import type { Database, RegionLevel } from "../schema.ts";
import { samePlace } from "./places.ts";

/*
 * The rows revisions refer to (regions, categories, departments), found or created for any number
 * of revisions in a fixed number of statements: one import passes one revision, a bulk batch
 * hundreds. Rows are looked up before they are inserted: an INSERT … ON CONFLICT DO NOTHING would
 * use up an identity value per row on every import even when all rows exist. ON CONFLICT stays
 * for a concurrent import adding the same row, which the second look-up then finds.
 */

const LEVELS: readonly RegionLevel[] = ["province", "prefecture", "county", "town"];

interface RegionKey {
  parentId: number | null;
  level: RegionLevel;
  name: string;
}

const regionKey = (r: RegionKey) => `${r.parentId ?? ""}\t${r.level}\t${r.name}`;

/** Region ids per document, town last, and the regions adopted from the top of the tree on the way. */
export interface ResolvedRegions {
  chains: number[][];
  /** Copies at the top (a prefecture filed without its province) moved under the parent a document names. */
  adopted: number[];
}

/**
 * Finds or creates province → prefecture → county → town for each region (levels the title omits
 * are skipped); returns their ids, town last, in the order of `regions`. A level that is missing
 * under its parent but exists at the top of the tree, filed there by a document that omitted what
 * is above it, is adopted: moved under the parent with everything below it (places.ts), unless the
 * gazetteer puts it in another province or two documents of the batch claim it for different parents.
 */
export async function resolveRegions(trx: Kysely<Database>, regions: readonly Region[]): Promise<ResolvedRegions> {
  const paths = regions.map((region) => LEVELS.flatMap((level) => (region[level] ? [[level, region[level]] as const] : [])));
  const chains: number[][] = regions.map(() => []);
  const adopted: number[] = [];
  // Depth by depth, so a level's parents exist (with their closure rows) before it is created.
  for (let depth = 0; ; depth++) {
    const wanted = new Map<string, RegionKey & { province: string | null }>();
    const keyOf: (string | undefined)[] = paths.map((path, i) => {
      const step = path[depth];
      if (!step) return undefined;
      const key: RegionKey = { parentId: depth === 0 ? null : chains[i]![depth - 1]!, level: step[0], name: step[1] };
      const text = regionKey(key);
      wanted.set(text, { ...key, province: regions[i]!.province });
      return text;
    });
    if (wanted.size === 0) return { chains, adopted };
    const ids = await findRegions(trx, [...wanted.values()]);
    let missing = [...wanted.values()].filter((r) => !ids.has(regionKey(r)));
    for (const [key, id] of await adoptOrphans(trx, missing)) {
      ids.set(key, id);
      adopted.push(id);
    }
    missing = missing.filter((r) => !ids.has(regionKey(r)));
    if (missing.length > 0) {
      const created = await sql<{ id: number; parent_id: number | null; level: RegionLevel; name: string }>`
        insert into regions (parent_id, level, name, initials)
        select * from unnest(
          ${missing.map((r) => r.parentId)}::int[], ${missing.map((r) => r.level)}::text[], ${missing.map((r) => r.name)}::text[],
          ${missing.map((r) => initials(r.name))}::text[]
        )
        on conflict (parent_id, level, name) do nothing
        returning id, parent_id, level, name
      `.execute(trx);
      if (created.rows.length > 0) {
        const newIds = created.rows.map((r) => r.id);
        await sql`
          insert into region_closure (ancestor_id, region_id, depth)
          select c.ancestor_id, k.id, c.depth + 1
          from unnest(${newIds}::int[], ${created.rows.map((r) => r.parent_id)}::int[]) as k(id, parent_id)
          join region_closure c on c.region_id = k.parent_id
          union all
          select id, id, 0 from unnest(${newIds}::int[]) as id
        `.execute(trx);
      }
      for (const r of created.rows) ids.set(regionKey({ parentId: r.parent_id, level: r.level, name: r.name }), r.id);
      // A concurrent import created the rest between the look-up and the insert.
      const raced = missing.filter((r) => !ids.has(regionKey(r)));
      if (raced.length > 0) for (const [key, id] of await findRegions(trx, raced)) ids.set(key, id);
    }
    keyOf.forEach((key, i) => {
      if (key !== undefined) chains[i]!.push(ids.get(key)!);
    });
  }
}

/** Pinyin initials of a place name, for the typeahead: 玛纳斯县 → mnsx. */
export function initials(name: string): string {
  return pinyin(name, { pattern: "first", toneType: "none", type: "array" }).join("").toLowerCase();
}

/**
 * Moves regions filed at the top of the tree under the parent these missing keys name, with their
 * subtrees and closure rows; returns the adopted ids by regionKey of the key they now satisfy.
 */
async function adoptOrphans(
  trx: Kysely<Database>,
  missing: readonly (RegionKey & { province: string | null })[],
): Promise<Map<string, number>> {
  const adopted = new Map<string, number>();
  const claims = missing.filter((m) => m.parentId !== null);
  if (claims.length === 0) return adopted;
  const orphans = await sql<{ id: number; level: RegionLevel; name: string }>`
    select r.id, r.level, r.name from regions r
    where r.parent_id is null
      and (r.level, r.name) in (select * from unnest(${claims.map((c) => c.level)}::text[], ${claims.map((c) => c.name)}::text[]))
  `.execute(trx);
  for (const orphan of orphans.rows) {
    const claimants = claims.filter((c) => c.level === orphan.level && c.name === orphan.name);
    if (new Set(claimants.map((c) => c.parentId)).size !== 1) continue;
    const claim = claimants[0]!;
    const known = provinceOf({ province: null, prefecture: null, county: null, [orphan.level]: orphan.name, town: "" } as Region);
    if (known && claim.province && !samePlace(known, claim.province)) continue;
    // A parent inside the orphan's own subtree would make a cycle.
    const cycle = await trx
      .selectFrom("region_closure")
      .select("region_id")
      .where("ancestor_id", "=", orphan.id)
      .where("region_id", "=", claim.parentId!)
      .executeTakeFirst();
    if (cycle) continue;
    await trx.updateTable("regions").set({ parent_id: claim.parentId }).where("id", "=", orphan.id).execute();
    await sql`
      insert into region_closure (ancestor_id, region_id, depth)
      select a.ancestor_id, s.region_id, a.depth + s.depth + 1
      from region_closure a cross join region_closure s
      where a.region_id = ${claim.parentId} and s.ancestor_id = ${orphan.id}
    `.execute(trx);
    adopted.set(regionKey(claim), orphan.id);
  }
  return adopted;
}

async function findRegions(trx: Kysely<Database>, keys: readonly RegionKey[]): Promise<Map<string, number>> {
  // Roots apart: "parent_id = k.parent_id" can use the unique index, "is not distinct from" cannot.
  const { rows } = await sql<{ id: number; parent_id: number | null; level: RegionLevel; name: string }>`
    select r.id, r.parent_id, r.level, r.name
    from unnest(${keys.map((k) => k.parentId)}::int[], ${keys.map((k) => k.level)}::text[], ${keys.map((k) => k.name)}::text[])
      as k(parent_id, level, name)
    join regions r on r.parent_id = k.parent_id and r.level = k.level and r.name = k.name
    union all
    select r.id, r.parent_id, r.level, r.name
    from unnest(${keys.map((k) => k.parentId)}::int[], ${keys.map((k) => k.level)}::text[], ${keys.map((k) => k.name)}::text[])
      as k(parent_id, level, name)
    join regions r on r.parent_id is null and k.parent_id is null and r.level = k.level and r.name = k.name
  `.execute(trx);
  return new Map(rows.map((r) => [regionKey({ parentId: r.parent_id, level: r.level, name: r.name }), r.id]));
}

/** Category ids by name, created as needed. */
export async function resolveCategories(trx: Kysely<Database>, names: readonly string[]): Promise<Map<string, number>> {
  const find = async (wanted: string[]) =>
    wanted.length === 0 ? [] : trx.selectFrom("categories").select(["id", "name"]).where("name", "in", wanted).execute();
  const distinct = [...new Set(names)];
  const ids = new Map((await find(distinct)).map((r) => [r.name, r.id]));
  const missing = distinct.filter((name) => !ids.has(name));
  if (missing.length > 0) {
    await trx
      .insertInto("categories")
      .values(missing.map((name) => ({ name })))
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    for (const r of await find(missing)) ids.set(r.name, r.id);
  }
  return ids;
}

/** A county's department: the county is the town's parent region (the town itself when it has none). */
export interface CountyDepartment {
  countyId: number;
  department: Department;
}

export const departmentKey = (countyId: number, name: string) => `${countyId}\t${name}`;

/** Department ids by departmentKey(county, name), created as needed. */
export async function resolveDepartments(trx: Kysely<Database>, wanted: readonly CountyDepartment[]): Promise<Map<string, number>> {
  const distinct = [...new Map(wanted.map((w) => [departmentKey(w.countyId, w.department.name), w])).values()];
  const find = async (items: readonly CountyDepartment[]) => {
    if (items.length === 0) return [];
    const { rows } = await sql<{ id: number; county_id: number; name: string }>`
      select d.id, d.county_id, d.name
      from unnest(${items.map((i) => i.countyId)}::int[], ${items.map((i) => i.department.name)}::text[]) as k(county_id, name)
      join departments d on d.county_id = k.county_id and d.name = k.name
    `.execute(trx);
    return rows;
  };
  const ids = new Map((await find(distinct)).map((r) => [departmentKey(r.county_id, r.name), r.id]));
  const missing = distinct.filter((w) => !ids.has(departmentKey(w.countyId, w.department.name)));
  if (missing.length > 0) {
    const column = <T>(f: (d: Department) => T) => missing.map((m) => f(m.department));
    await sql`
      insert into departments (county_id, name, short_name, abbreviation, level, kind)
      select * from unnest(
        ${missing.map((m) => m.countyId)}::int[], ${column((d) => d.name)}::text[], ${column((d) => d.shortName)}::text[],
        ${column((d) => d.abbreviation)}::text[], ${column((d) => d.level)}::text[], ${column((d) => d.kind)}::text[]
      )
      on conflict (county_id, name) do nothing
    `.execute(trx);
    for (const r of await find(missing)) ids.set(departmentKey(r.county_id, r.name), r.id);
  }
  return ids;
}
