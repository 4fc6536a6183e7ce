import { placeForms, provinceOf, type Region } from "@duty/domain";
import { type Kysely, sql } from "kysely";
import type { Database, RegionLevel } from "../schema.ts";

/*
 * Titles often leave out the province (昌吉州玛纳斯县兰州湾镇), some the prefecture too. Filed as
 * written, such a document starts a second copy of its prefecture at the top of the tree, and its
 * towns fall outside their province's scope. So before regions are found or created
 * (references.ts), each document's place is completed, in this order:
 *  1. the province the gazetteer gives for its prefecture or county, when it gives exactly one
 *     (written as the database already writes that province, 新疆 or 新疆维吾尔自治区);
 *  2. else the levels above the one existing region of its name path (昌吉州 › 玛纳斯县): regions
 *     under a province before copies at the top, then those that already hold the next level;
 *  3. else as written, at the top, until a document that names the province adopts the copy
 *     (resolveRegions) or repairRegions (repair.ts) merges it.
 * A name path that still fits several regions is not guessed: the document is refused with
 * AmbiguousPlace naming the candidates, and the caller names the place in full or a region above it.
 */

/** The levels above a town, top down. */
export const UPPER_LEVELS = ["province", "prefecture", "county"] as const;
type UpperLevel = (typeof UPPER_LEVELS)[number];

/** A document whose place fits several existing regions. */
export class AmbiguousPlace extends Error {
  override readonly name = "AmbiguousPlace";
  constructor(
    /** The place as the document writes it (昌吉州/玛纳斯县/兰州湾镇). */
    readonly place: string,
    /** Each fitting region's path from the top (新疆/昌吉州/玛纳斯县). */
    readonly candidates: string[],
  ) {
    super(
      `地区「${place}」不明确：数据库中有 ${candidates.length} 个同名地区（${candidates.join("、")}）；请写明完整的 省/市/县/镇，或指定所属地区 / ` +
        `the place ${place} fits ${candidates.length} regions (${candidates.join(", ")}): name it in full or give the region it belongs to`,
    );
  }
}

/** Where a document may be filed: within this region (its id), when its place is ambiguous. */
export interface PlaceHint {
  withinRegionId?: number | undefined;
}

interface Chain {
  /** The candidate region at the document's top named level. */
  id: number;
  /** Its ancestors and itself, top down. */
  path: { id: number; level: RegionLevel; name: string }[];
}

/** `regions` with the levels above their top named one filled in where the rule above can tell; throws AmbiguousPlace. */
export async function completePlaces(
  trx: Kysely<Database>,
  regions: readonly Region[],
  hints: readonly PlaceHint[] = [],
): Promise<Region[]> {
  const out = regions.map((r) => ({ ...r }));
  const provinceLess = out.flatMap((region, i) => (region.province === null && topLevel(region) ? [i] : []));
  if (provinceLess.length === 0) return out;

  const provinces = (
    await trx.selectFrom("regions").select("name").where("parent_id", "is", null).where("level", "=", "province").execute()
  ).map((r) => r.name);
  const unresolved: number[] = [];
  for (const i of provinceLess) {
    const official = provinceOf(out[i]!);
    if (official) out[i]!.province = provinces.find((p) => samePlace(p, official)) ?? official;
    else unresolved.push(i);
  }
  if (unresolved.length === 0) return out;

  const chains = await chainsByName(
    trx,
    unresolved.map((i) => topLevel(out[i]!)!),
  );
  const children = await childNames(trx, [...new Set([...chains.values()].flat().map((c) => c.id))]);
  for (const i of unresolved) {
    const region = out[i]!;
    const top = topLevel(region)!;
    let fitting = chains.get(`${top.level}\t${top.name}`) ?? [];
    const within = hints[i]?.withinRegionId;
    if (within !== undefined) fitting = fitting.filter((c) => c.path.some((p) => p.id === within));
    const below = nextLevel(region, top.level);
    fitting = preferSome(fitting, (c) => c.path[0]!.level === "province");
    if (below) fitting = preferSome(fitting, (c) => children.get(c.id)?.has(`${below.level}\t${below.name}`) ?? false);
    if (fitting.length > 1) {
      throw new AmbiguousPlace(
        placeText(region),
        fitting.map((c) => c.path.map((p) => p.name).join("/")),
      );
    }
    for (const p of fitting[0]?.path ?? []) {
      if (p.level !== "town" && p.level !== top.level && region[p.level] === null) region[p.level] = p.name;
    }
  }
  return out;
}

/** The same place written two ways: 新疆 and 新疆维吾尔自治区, 昌吉州 and 昌吉回族自治州. */
export function samePlace(a: string, b: string): boolean {
  if (a === b) return true;
  const forms = (name: string) => {
    const f = placeForms(name);
    return new Set([...f.full, ...f.bare]);
  };
  const fa = forms(a);
  return [...forms(b)].some((f) => fa.has(f));
}

/** 昌吉州/玛纳斯县/兰州湾镇: the levels a document names. */
export function placeText(region: Region): string {
  return [...UPPER_LEVELS.map((l) => region[l]), region.town].filter(Boolean).join("/");
}

function topLevel(region: Region): { level: UpperLevel; name: string } | null {
  for (const level of UPPER_LEVELS) {
    const name = region[level];
    if (name !== null) return { level, name };
  }
  return null;
}

function nextLevel(region: Region, after: UpperLevel): { level: RegionLevel; name: string } | null {
  for (const level of UPPER_LEVELS.slice(UPPER_LEVELS.indexOf(after) + 1)) {
    const name = region[level];
    if (name !== null) return { level, name };
  }
  return { level: "town", name: region.town };
}

/** Those that pass, when some do; otherwise all of them. */
function preferSome<T>(items: T[], test: (item: T) => boolean): T[] {
  const passing = items.filter(test);
  return passing.length > 0 ? passing : items;
}

/** Every region of each (level, name), with its path from the top, by `level\tname`. */
async function chainsByName(trx: Kysely<Database>, keys: readonly { level: RegionLevel; name: string }[]): Promise<Map<string, Chain[]>> {
  const { rows } = await sql<{ id: number; ancestor_id: number; level: RegionLevel; name: string; depth: number; key: string }>`
    select r.id, a.id as ancestor_id, a.level, a.name, c.depth, r.level || E'\\t' || r.name as key
    from regions r
    join region_closure c on c.region_id = r.id
    join regions a on a.id = c.ancestor_id
    where (r.level, r.name) in (select * from unnest(${keys.map((k) => k.level)}::text[], ${keys.map((k) => k.name)}::text[]))
    order by r.id, c.depth desc
  `.execute(trx);
  const chains = new Map<number, Chain & { key: string }>();
  for (const row of rows) {
    const chain = chains.get(row.id) ?? { id: row.id, path: [], key: row.key };
    chain.path.push({ id: row.ancestor_id, level: row.level, name: row.name });
    chains.set(row.id, chain);
  }
  const out = new Map<string, Chain[]>();
  for (const { key, ...chain } of chains.values()) out.set(key, [...(out.get(key) ?? []), chain]);
  return out;
}

/** `level\tname` of each region's children, by parent id. */
async function childNames(trx: Kysely<Database>, parentIds: readonly number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (parentIds.length === 0) return out;
  const rows = await trx.selectFrom("regions").select(["parent_id", "level", "name"]).where("parent_id", "in", parentIds).execute();
  for (const r of rows) {
    const names = out.get(r.parent_id!) ?? new Set<string>();
    names.add(`${r.level}\t${r.name}`);
    out.set(r.parent_id!, names);
  }
  return out;
}
