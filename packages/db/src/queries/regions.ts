import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database, RegionLevel } from "../schema.ts";
import type { ResolvedScope } from "../scope.ts";
import { escapeLike } from "./duties.ts";

/*
 * Regions for choosing a scope: found by name or pinyin initials, or a level at a time, never as
 * the whole tree (about 45,000 regions nationally). Town counts come from the rollups (region_counts
 * above the towns, town_counts for a town), so every answer reads a few dozen rows.
 */

export interface RegionStep {
  id: number;
  level: RegionLevel;
  name: string;
}

export interface RegionSummary extends RegionStep {
  /** The regions above it, from the top down (empty for a region at the top). */
  path: RegionStep[];
  /** Towns below it (or this town) that have a revision. */
  towns: number;
  /** For a town: the revision that stands for it; null elsewhere and for a town without one. */
  latestRevisionId: number | null;
  /** Regions below it: its children can be listed. */
  hasChildren: boolean;
}

const LEVEL_ORDER = sql`case r.level when 'province' then 0 when 'prefecture' then 1 when 'county' then 2 else 3 end`;

/** Regions with at least one town's revision, as summaries: the rows `where` picks, in the order `order` gives. */
async function summaries(
  db: Kysely<Database>,
  where: RawBuilder<unknown>,
  order: RawBuilder<unknown>,
  limit: number,
): Promise<RegionSummary[]> {
  const { rows } = await sql<Omit<RegionSummary, "path"> & { path: RegionStep[] | string }>`
    select r.id, r.level, r.name,
      coalesce(case when r.level = 'town' then (select 1 from town_counts tc where tc.town_id = r.id) else rc.towns end, 0)::int as towns,
      (select tc.revision_id from town_counts tc where tc.town_id = r.id) as "latestRevisionId",
      exists (select from regions c where c.parent_id = r.id) as "hasChildren",
      coalesce((
        select json_agg(json_build_object('id', a.id, 'level', a.level, 'name', a.name) order by k.depth desc)
        from region_closure k join regions a on a.id = k.ancestor_id
        where k.region_id = r.id and k.depth > 0
      ), '[]') as path
    from regions r
    left join region_counts rc on rc.region_id = r.id
    where (rc.towns > 0 or exists (select from town_counts tc where tc.town_id = r.id)) and ${where}
    order by ${order}
    limit ${limit}
  `.execute(db);
  // json_agg comes back parsed from pg and as text from some drivers.
  return rows.map((r) => ({ ...r, path: typeof r.path === "string" ? (JSON.parse(r.path) as RegionStep[]) : r.path }));
}

/**
 * Regions whose name contains `q`, or whose pinyin initials start with it (mnsx → 玛纳斯县): exact
 * names first, then names that start with q, higher levels first, then those with more towns.
 */
export async function searchRegions(db: Kysely<Database>, q: string, limit: number): Promise<RegionSummary[]> {
  const text = q.trim();
  if (!text) return [];
  const initials = /^[a-z]+$/iu.test(text) ? `${text.toLowerCase()}%` : null;
  return summaries(
    db,
    sql`(r.name ilike ${`%${escapeLike(text)}%`} or (${initials}::text is not null and r.initials like ${initials}))`,
    sql`r.name = ${text} desc, r.name like ${`${escapeLike(text)}%`} desc, ${LEVEL_ORDER}, coalesce(rc.towns, 0) desc, r.name, r.id`,
    limit,
  );
}

/** The regions directly below `parentId` (the top of the tree for null), by name. */
export async function regionChildren(db: Kysely<Database>, parentId: number | null, limit: number): Promise<RegionSummary[]> {
  return summaries(
    db,
    parentId === null ? sql`r.parent_id is null` : sql`r.parent_id = ${parentId}`,
    sql`${LEVEL_ORDER}, r.name, r.id`,
    limit,
  );
}

/** One region with its path and town count; null when there is none (or it has no town with a revision). */
export async function regionById(db: Kysely<Database>, id: number): Promise<RegionSummary | null> {
  return (await summaries(db, sql`r.id = ${id}`, sql`r.id`, 1))[0] ?? null;
}

/** What a scope reads, for naming it beside a chart or in an export: towns and the revisions behind them. */
export interface ScopeSources {
  /** Towns read, one revision each. */
  towns: number;
  /** The first few of those revisions (by town name), as a reader names them and the files they came from. */
  revisions: SourceRevision[];
}

export interface SourceRevision {
  town: string;
  label: string;
  /** YYYY-MM-DD */
  effectiveDate: string;
  sourceFile: string;
}

/** The revisions a scope reads (each town's standing one, or the one asked for): the first few and a count. */
export async function scopeSources(db: Kysely<Database>, scope: ResolvedScope, shown = 3): Promise<ScopeSources> {
  if (scope.kind === "none") return { towns: 0, revisions: [] };
  const read =
    scope.kind === "revision"
      ? sql`select ${scope.townId}::int as town_id, ${scope.revisionId}::bigint as revision_id`
      : scope.regionId === null
        ? sql`select town_id, revision_id from town_counts`
        : sql`select town_id, revision_id from town_counts where town_id in (select region_id from region_closure where ancestor_id = ${scope.regionId})`;
  const { rows: revisions } = await sql<SourceRevision>`
    select t.name as town, r.label, to_char(r.effective_date, 'YYYY-MM-DD') as "effectiveDate", r.source_file as "sourceFile"
    from (${read}) tc
    join revisions r on r.town_id = tc.town_id and r.id = tc.revision_id
    join regions t on t.id = tc.town_id
    order by t.name, t.id
    limit ${shown}
  `.execute(db);
  // resolveScope found the revision asked for, and town_counts names only stored ones: no join to count them.
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${read}) tc`.execute(db);
  return { towns: rows[0]!.n, revisions };
}
