import type { DutyNote, ListKind } from "@duty/domain";
import { type Kysely, type RawBuilder, sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Database, DutyDepartmentRole, StepSide } from "../schema.ts";
import { type ResolvedScope, scopeRevisions } from "../scope.ts";

export interface DutySearch {
  scope: ResolvedScope;
  list?: ListKind | undefined;
  categoryId?: number | undefined;
  /** Duties this department leads or received. */
  departmentId?: number | undefined;
  /** Literal text looked for in the duty's name, steps and step headings; % and _ match only themselves. */
  q?: string | undefined;
  /** The previous page's nextCursor. */
  cursor?: string | undefined;
  limit: number;
  /** Where counting stops (default SEARCH_COUNT_LIMIT); tests lower it to reach what a common word does. */
  countLimit?: number | undefined;
}

/** One page of a search, with how many duties match in all. */
export interface DutySearchPage {
  items: DutySummary[];
  /** Matching duties in scope; when totalCapped, at least this many (counting stops at SEARCH_COUNT_LIMIT, "10,000+"). */
  total: number;
  totalCapped: boolean;
  /** The cursor of the next page ("townId:dutyId"); null on the last. */
  nextCursor: string | null;
}

export interface DutyLink {
  id: number;
  name: string;
  role: DutyDepartmentRole;
}

export interface DutySummary {
  id: number;
  townId: number;
  town: string;
  revisionId: number;
  list: ListKind;
  seq: number;
  categoryId: number;
  category: string;
  name: string;
  departments: DutyLink[];
}

export interface DutyStep {
  position: number;
  text: string;
  heading: string | null;
  departmentId: number | null;
  department: string | null;
}

export interface DutyDetail extends DutySummary {
  revisionLabel: string;
  sourceLine: number;
  departments: (DutyLink & { shortName: string; abbreviation: string; note: string | null })[];
  /** The county department's side; for a reclaimed duty, how the receiver now does it. */
  departmentSteps: DutyStep[];
  townSteps: DutyStep[];
  /** The columns the list adds to its own (备注, 法律依据 …), as the document wrote them beside the duty. */
  notes: DutyNote[];
}

/** Counting matches stops here: the count is exact below it and "10,000+" above. */
export const SEARCH_COUNT_LIMIT = 10_000;

/** A page boundary: the last (town, duty) shown. Pages run in (town_id, id) order, the key of duties and steps. */
export function parseDutyCursor(cursor: string): [number, number] | null {
  const m = /^(\d{1,10}):(\d{1,16})$/u.exec(cursor);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * Duties in scope matching every filter, town by town in import order, one page at a time, with
 * the number of matches (counted up to SEARCH_COUNT_LIMIT).
 *
 * Text is found through the trigram indexes of the 2026-12-02 migration, which hold each text with
 * every character doubled (searchKey): 安全 is looked for as 安安全全, which has trigrams where 安全
 * has none. A doubled word occurs in a doubled text exactly where the word occurs in the text (a
 * match at an odd offset needs a run of one character, which the text then holds too), so the index
 * condition needs no second check.
 *
 * Matches first: the indexes give the matching names and steps (of a region's towns only: the
 * key index narrows the text index before a row is read), the scope is joined after, and up to
 * SEARCH_COUNT_LIMIT matches are counted and sorted, which is also the page. Past that limit (a
 * common word) the page is found town by town instead: the scope's towns in order, each searched
 * through its own rows, where the first few towns fill the page; the count then says "at least".
 * So neither a common nor an absent word reads a whole table.
 */
export async function searchDuties(db: Kysely<Database>, search: DutySearch): Promise<DutySearchPage> {
  const after = search.cursor === undefined ? null : parseDutyCursor(search.cursor);
  const cap = search.countLimit ?? SEARCH_COUNT_LIMIT;
  const run = async (trx: Kysely<Database>): Promise<DutySearchPage> => {
    const query = searchQuery(trx, search);
    let page: DutyKey[];
    let count: { total: number; capped: boolean };
    const found = query.pattern ? await matchesByIndex(trx, query, await scopeTowns(trx, search.scope), cap) : null;
    if (found && "keys" in found) {
      count = { total: found.keys.length, capped: false };
      const start = after ? found.keys.findIndex((k) => k.town_id > after[0] || (k.town_id === after[0] && k.id > after[1])) : 0;
      page = start < 0 ? [] : found.keys.slice(start, start + search.limit + 1);
    } else {
      count = found ? { total: found.atLeast, capped: true } : await countByTown(trx, query, cap);
      page = await pageByTown(trx, query, after, search.limit + 1);
    }
    const shown = page.slice(0, search.limit);
    const last = shown.at(-1);
    return {
      items: await dutySummaries(trx, shown),
      total: count.total,
      totalCapped: count.capped,
      nextCursor: page.length > search.limit && last ? `${last.town_id}:${last.id}` : null,
    };
  };
  // One snapshot for the count and the page, so a concurrent import cannot make them disagree.
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** A text with every character doubled, as the search indexes hold it: the same expression, or no index is used. */
function searchKey(text: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`regexp_replace(${text}, '(.)', '\\1\\1', 'g')`;
}

/** The doubled pattern for searchKey: the text doubled first, then escaped, so \% stays one escaped %. */
function searchPattern(q: string): string {
  // A line break would let a match span a step's heading and its text; nobody searches for one.
  const text = q.replace(/\s+/gu, " ");
  return `%${escapeLike([...text].map((c) => c + c).join(""))}%`;
}

interface DutyKey {
  town_id: number;
  id: number;
}

/** The parts of a search's SQL: scope (s), the filters on duties (d), and the name and step conditions. */
interface SearchQuery {
  scope: ReturnType<typeof scopeRevisions>;
  filters: RawBuilder<unknown>;
  pattern: string | null;
  /** d's name matches. */
  inName: RawBuilder<unknown>;
  /** Step st matches. */
  inStep: RawBuilder<unknown>;
}

function searchQuery(trx: Kysely<Database>, search: DutySearch): SearchQuery {
  const pattern = search.q ? searchPattern(search.q) : null;
  return {
    scope: scopeRevisions(trx, search.scope),
    filters: sql.join(
      [
        sql`true`,
        ...(search.list ? [sql`d.list = ${search.list}`] : []),
        ...(search.categoryId !== undefined ? [sql`d.category_id = ${search.categoryId}`] : []),
        ...(search.departmentId !== undefined
          ? [
              sql`exists (select from duty_departments f where f.town_id = d.town_id and f.duty_id = d.id and f.department_id = ${search.departmentId})`,
            ]
          : []),
      ],
      sql` and `,
    ),
    pattern,
    inName: sql`${searchKey(sql`d.name`)} ilike ${pattern}`,
    inStep: sql`${searchKey(sql`coalesce(st.heading || E'\\n', '') || st.text`)} ilike ${pattern}`,
  };
}

/** The towns a region's or a revision's scope reads; null for every town. */
async function scopeTowns(trx: Kysely<Database>, scope: ResolvedScope): Promise<number[] | null> {
  if (scope.kind === "region" && scope.regionId === null) return null;
  const { rows } = await sql<{ town_id: number }>`select s.town_id from ${scopeRevisions(trx, scope)}`.execute(trx);
  return rows.map((r) => r.town_id);
}

/** Duties of town s's revision that match: by name, or through one of their steps. */
function townMatches(q: SearchQuery, after: [number, number] | null): RawBuilder<unknown> {
  const text = q.pattern
    ? sql`and (${q.inName} or exists (select from steps st where st.town_id = d.town_id and st.duty_id = d.id and ${q.inStep}))`
    : sql``;
  const from = after ? sql`and (d.town_id, d.id) > (${after[0]}, ${after[1]})` : sql``;
  return sql`
    select d.town_id, d.id from duties d
    where d.town_id = s.town_id and d.revision_id = s.revision_id and ${q.filters} ${text} ${from}
  `;
}

/** A page town by town: the scope's towns in order, each through its own rows (a key range of each table). */
async function pageByTown(trx: Kysely<Database>, q: SearchQuery, after: [number, number] | null, limit: number): Promise<DutyKey[]> {
  const { rows } = await sql<DutyKey>`
    select x.town_id, x.id from ${q.scope}
    cross join lateral (${townMatches(q, after)} order by d.id limit ${limit}) x
    where ${after ? sql`s.town_id >= ${after[0]}` : sql`true`}
    order by s.town_id, x.id
    limit ${limit}
  `.execute(trx);
  return rows;
}

async function countByTown(trx: Kysely<Database>, q: SearchQuery, cap: number): Promise<{ total: number; capped: boolean }> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from (select 1 from ${q.scope} cross join lateral (${townMatches(q, null)}) x limit ${cap + 1}) c
  `.execute(trx);
  return { total: Math.min(rows[0]!.n, cap), capped: rows[0]!.n > cap };
}

/*
 * Matches first, the scope after. OFFSET 0 keeps the planner from joining the scope (or duties)
 * before the index has given its matches: it cannot estimate how many rows a pattern matches, and
 * when it guessed too few it read every duty of every town in scope, once per matching step.
 */

/** The columns the filters read, of the duties a sub-query gives as `d`. */
const FILTERED = sql`d.town_id, d.id, d.revision_id, d.list, d.category_id`;

/** Only rows of these towns (a region's): the index of the table's key then narrows the text index's matches before any row is read. */
function ofTowns(column: RawBuilder<unknown>, towns: number[] | null): RawBuilder<unknown> {
  return towns === null ? sql`true` : sql`${column} = any(${towns}::int[])`;
}

/** Matching names of duties in scope, from the name index. */
function nameMatches(q: SearchQuery, towns: number[] | null): RawBuilder<unknown> {
  return sql`
    select d.town_id, d.id from (select ${FILTERED} from duties d where ${q.inName} and ${ofTowns(sql`d.town_id`, towns)} offset 0) d
    where ${q.filters} and (d.town_id, d.revision_id) in (select s.town_id, s.revision_id from ${q.scope})
  `;
}

/** Duties in scope with a matching step, once per matching step, from the step index. */
function stepMatches(q: SearchQuery, towns: number[] | null): RawBuilder<unknown> {
  return sql`
    select d.town_id, d.id from (select st.town_id, st.duty_id from steps st where ${q.inStep} and ${ofTowns(sql`st.town_id`, towns)} offset 0) h
    cross join lateral (select ${FILTERED} from duties d where d.town_id = h.town_id and d.id = h.duty_id offset 0) d
    where ${q.filters} and (d.town_id, d.revision_id) in (select s.town_id, s.revision_id from ${q.scope})
  `;
}

/**
 * Every match in scope from the indexes, while there are at most SEARCH_COUNT_LIMIT: names first,
 * which for a common word pass the limit alone, then steps, read up to three times the limit (a
 * duty has about three steps). Null past the limit: too many to sort, so the page is found town by
 * town, and the count is a lower bound.
 */
async function matchesByIndex(
  trx: Kysely<Database>,
  q: SearchQuery,
  towns: number[] | null,
  cap: number,
): Promise<{ keys: DutyKey[] } | { atLeast: number }> {
  const { rows: names } = await sql<DutyKey>`${nameMatches(q, towns)} limit ${cap + 1}`.execute(trx);
  if (names.length > cap) return { atLeast: cap };
  const stepLimit = 3 * cap;
  const { rows: steps } = await sql<DutyKey>`${stepMatches(q, towns)} limit ${stepLimit + 1}`.execute(trx);
  const keys = new Map([...names, ...steps].map((k) => [`${k.town_id}:${k.id}`, k]));
  if (keys.size > cap || steps.length > stepLimit) return { atLeast: Math.min(keys.size, cap) };
  return { keys: [...keys.values()].sort((x, y) => x.town_id - y.town_id || x.id - y.id) };
}

/** What a list of results shows for these duties, in their order. */
async function dutySummaries(trx: Kysely<Database>, keys: readonly DutyKey[]): Promise<DutySummary[]> {
  if (keys.length === 0) return [];
  const rows = await trx
    .selectFrom("duties as d")
    .innerJoin("categories as c", "c.id", "d.category_id")
    .innerJoin("regions as t", "t.id", "d.town_id")
    .select((eb) => [
      "d.id",
      "d.town_id as townId",
      "t.name as town",
      "d.revision_id as revisionId",
      "d.list",
      "d.seq",
      "d.category_id as categoryId",
      "c.name as category",
      "d.name",
      jsonArrayFrom(
        eb
          .selectFrom("duty_departments as l")
          .innerJoin("departments as dep", "dep.id", "l.department_id")
          .select(["dep.id", "dep.name", "l.role"])
          .whereRef("l.town_id", "=", "d.town_id")
          .whereRef("l.duty_id", "=", "d.id")
          .orderBy("l.role")
          .orderBy("l.position"),
      ).as("departments"),
    ])
    .where(
      sql<boolean>`(d.town_id, d.id) in (select * from unnest(${keys.map((k) => k.town_id)}::int[], ${keys.map((k) => k.id)}::bigint[]))`,
    )
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.townId}:${r.id}`, r]));
  return keys.flatMap((k) => byKey.get(`${k.town_id}:${k.id}`) ?? []);
}

/** Backslash is PostgreSQL's default LIKE escape, so escaping it, % and _ makes the text literal. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/gu, (c) => `\\${c}`);
}

export async function dutyById(db: Kysely<Database>, id: number): Promise<DutyDetail | null> {
  const duty = await db
    .selectFrom("duties as d")
    .innerJoin("categories as c", "c.id", "d.category_id")
    .innerJoin("regions as t", "t.id", "d.town_id")
    .innerJoin("revisions as r", (j) => j.onRef("r.town_id", "=", "d.town_id").onRef("r.id", "=", "d.revision_id"))
    .select([
      "d.id",
      "d.town_id as townId",
      "t.name as town",
      "d.revision_id as revisionId",
      "r.label as revisionLabel",
      "d.list",
      "d.seq",
      "d.category_id as categoryId",
      "c.name as category",
      "d.name",
      "d.source_line as sourceLine",
    ])
    .where("d.id", "=", id)
    .executeTakeFirst();
  if (!duty) return null;
  const departments = await db
    .selectFrom("duty_departments as l")
    .innerJoin("departments as dep", "dep.id", "l.department_id")
    .select(["dep.id", "dep.name", "dep.short_name as shortName", "dep.abbreviation", "l.role", "l.note"])
    .where("l.town_id", "=", duty.townId)
    .where("l.duty_id", "=", id)
    .orderBy("l.role")
    .orderBy("l.position")
    .execute();
  const steps = await db
    .selectFrom("steps as st")
    .leftJoin("departments as dep", "dep.id", "st.department_id")
    .select(["st.side", "st.position", "st.text", "st.heading", "st.department_id as departmentId", "dep.name as department"])
    .where("st.town_id", "=", duty.townId)
    .where("st.duty_id", "=", id)
    .orderBy("st.side")
    .orderBy("st.position")
    .execute();
  const notes = await db
    .selectFrom("duty_notes as n")
    .select(["n.column_name as column", "n.text"])
    .where("n.town_id", "=", duty.townId)
    .where("n.duty_id", "=", id)
    .orderBy("n.position")
    .execute();
  const side = (s: StepSide): DutyStep[] => steps.filter((st) => st.side === s).map(({ side: _, ...step }) => step);
  return { ...duty, departments, departmentSteps: side("department"), townSteps: side("town"), notes };
}

/**
 * The plans of a search's index statements (matching names, then matching steps) as EXPLAIN
 * ANALYZE prints them: what the search benchmark shows beside its timings.
 */
export async function explainSearch(db: Kysely<Database>, scope: ResolvedScope, q: string): Promise<string> {
  const query = searchQuery(db, { scope, q, limit: 1 });
  const towns = await scopeTowns(db, scope);
  const lines: string[] = [];
  for (const [what, statement] of [
    ["names", nameMatches(query, towns)],
    ["steps", stepMatches(query, towns)],
  ] as const) {
    const { rows } = await sql<{ "QUERY PLAN": string }>`explain analyze ${statement} limit ${SEARCH_COUNT_LIMIT + 1}`.execute(db);
    lines.push(`-- ${q}: ${what}`, ...rows.map((r) => r["QUERY PLAN"]));
  }
  return lines.join("\n");
}
