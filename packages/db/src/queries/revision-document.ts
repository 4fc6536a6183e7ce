import type {
  BasicDuty,
  CoordinatedDuty,
  Department,
  DepartmentRef,
  DutyNote,
  Lists,
  ReclaimedDuty,
  Region,
  Revision,
  Step,
} from "@duty/domain";
import { LIST_KINDS, MAX_DUTIES } from "@duty/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.ts";
import { type ResolvedScope, scopeRevisions } from "../scope.ts";

/**
 * A stored revision holding more duties than a document may (MAX_DUTIES): it did not come through
 * the parser (a restored or hand-made database), and loading it would hold the server's thread and
 * memory for as long as it likes.
 */
export class RevisionTooLarge extends Error {
  override readonly name = "RevisionTooLarge";
  constructor(
    readonly revisionId: number,
    readonly duties: number,
  ) {
    super(
      `修订 ${revisionId} 有 ${duties} 项事项，超过每份清单 ${MAX_DUTIES} 项的上限，不予读取 / revision ${revisionId} holds ${duties} duties, over the limit of ${MAX_DUTIES}`,
    );
  }
}

/** Duties per revision, for the revisions that exist. */
export async function dutyCounts(db: Kysely<Database>, revisionIds: readonly number[]): Promise<Map<number, number>> {
  if (revisionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("revisions as r")
    .innerJoin("duties as d", (j) => j.onRef("d.town_id", "=", "r.town_id").onRef("d.revision_id", "=", "r.id"))
    .select(["r.id", sql<number>`count(*)::int`.as("n")])
    .where("r.id", "in", [...new Set(revisionIds)])
    .groupBy("r.id")
    .execute();
  return new Map(rows.map((r) => [r.id, r.n]));
}

/**
 * A stored revision rebuilt as the domain's `Revision`, so the differ and the linter read it as
 * they read a parsed document. Equal to what `parseDocument` gave at import except:
 * - `titles` are all null: the database keeps no titles, so checks that need them cannot run;
 * - a cell that named one department twice comes back naming it once (import stores one link per
 *   department and role);
 * - a row's `at` (its place in a table or on a page) is not kept, only its line;
 * - revisions imported before the 2026-12-02-003 migration come back without their notes.
 * Null when there is no such revision.
 */
export async function loadRevision(db: Kysely<Database>, revisionId: number): Promise<Revision | null> {
  return (await loadRevisions(db, [revisionId])).get(revisionId) ?? null;
}

/**
 * Several stored revisions (places and counts, then duties with their department links, steps and
 * notes in chunks), keyed by id; ids with no revision are absent from the map. Throws RevisionTooLarge,
 * before loading anything, for a revision over MAX_DUTIES.
 */
export async function loadRevisions(db: Kysely<Database>, revisionIds: readonly number[]): Promise<Map<number, Revision>> {
  const out = new Map<number, Revision>();
  const ids = [...new Set(revisionIds)];
  if (ids.length === 0) return out;

  const places = await db
    .selectFrom("revisions as r")
    .innerJoin("region_closure as c", "c.region_id", "r.town_id")
    .innerJoin("regions as g", "g.id", "c.ancestor_id")
    .select(["r.id as revisionId", "g.level", "g.name"])
    .where("r.id", "in", ids)
    .execute();
  if (places.length === 0) return out;
  for (const [revisionId, n] of await dutyCounts(db, ids)) if (n > MAX_DUTIES) throw new RevisionTooLarge(revisionId, n);

  const duties: DutyRow[] = [];
  const links: LinkRow[] = [];
  const steps: StepRow[] = [];
  const notes: NoteRow[] = [];
  for (const id of new Set(places.map((p) => p.revisionId))) {
    let after = 0;
    for (;;) {
      const chunk = await dutyChunk(db, id, after);
      duties.push(...chunk.duties);
      links.push(...chunk.links);
      steps.push(...chunk.steps);
      notes.push(...chunk.notes);
      if (chunk.duties.length < CHUNK) break;
      after = chunk.duties.at(-1)!.id;
      // PGlite answers on this thread and its promises resolve as microtasks: without a turn of the
      // event loop here, the chunks would run back to back and hold other requests all the same.
      await new Promise((resume) => setImmediate(resume));
    }
  }
  // The parser's order: by revision, list and row (chunks come in duty id order).
  duties.sort((x, y) => x.revisionId - y.revisionId || (x.list < y.list ? -1 : x.list > y.list ? 1 : 0) || x.seq - y.seq);

  const refsOf = new Map<number, { ref: DepartmentRef; department: Department }[]>();
  for (const l of links) {
    const department: Department = { name: l.name, shortName: l.shortName, abbreviation: l.abbreviation, level: l.level, kind: l.kind };
    push(refsOf, l.dutyId, { ref: { name: l.name, note: l.note }, department });
  }
  const stepsOf = new Map<number, { department: Step[]; town: Step[] }>();
  for (const s of steps) {
    const sides = stepsOf.get(s.dutyId) ?? { department: [], town: [] };
    stepsOf.set(s.dutyId, sides);
    sides[s.side].push({ order: s.order, text: s.text, department: s.department, heading: s.heading });
  }

  const notesOf = new Map<number, DutyNote[]>();
  for (const n of notes) push(notesOf, n.dutyId, { column: n.column, text: n.text });

  const regions = new Map<number, Region>();
  for (const p of places) {
    const region = regions.get(p.revisionId) ?? { province: null, prefecture: null, county: null, town: "" };
    regions.set(p.revisionId, region);
    region[p.level] = p.name;
  }
  const listsOf = new Map<number, Lists>();
  // Duty ids of the coordinated rows, then the reclaimed ones: the order the parser meets departments in.
  const linkedOf = new Map<number, { coordinated: number[]; reclaimed: number[] }>();
  for (const id of regions.keys()) {
    listsOf.set(id, { basic: [], coordinated: [], reclaimed: [] });
    linkedOf.set(id, { coordinated: [], reclaimed: [] });
  }
  for (const d of duties) {
    const lists = listsOf.get(d.revisionId)!;
    if (d.list !== "basic") linkedOf.get(d.revisionId)![d.list].push(d.id);
    // As the parser gives it: no notes key at all for a duty without extra columns.
    const dutyNotes = notesOf.get(d.id);
    const base = { seq: d.seq, category: d.category, name: d.name, line: d.line, ...(dutyNotes ? { notes: dutyNotes } : {}) };
    const refs = (refsOf.get(d.id) ?? []).map((x) => x.ref);
    const sides = stepsOf.get(d.id) ?? { department: [], town: [] };
    if (d.list === "basic") lists.basic.push({ list: "basic", ...base } satisfies BasicDuty);
    else if (d.list === "coordinated") {
      lists.coordinated.push({
        list: "coordinated",
        ...base,
        departments: refs,
        departmentDuties: sides.department,
        townDuties: sides.town,
      } satisfies CoordinatedDuty);
    } else lists.reclaimed.push({ list: "reclaimed", ...base, receivers: refs, method: sides.department } satisfies ReclaimedDuty);
  }

  for (const [id, region] of regions) {
    const lists = listsOf.get(id)!;
    // Both orders as the parser makes them: categories by list, then row; departments from the
    // coordinated column first, then the reclaimed receivers, whatever order the lists had in the document.
    const categories = new Set<string>();
    for (const kind of LIST_KINDS) for (const duty of lists[kind]) categories.add(duty.category);
    const departments = new Map<string, Department>();
    const linked = linkedOf.get(id)!;
    for (const dutyId of [...linked.coordinated, ...linked.reclaimed]) {
      for (const { department } of refsOf.get(dutyId) ?? [])
        if (!departments.has(department.name)) departments.set(department.name, department);
    }
    out.set(id, {
      region,
      titles: { basic: null, coordinated: null, reclaimed: null },
      lists,
      categories: [...categories],
      departments: [...departments.values()],
    });
  }
  return out;
}

/**
 * The revision each town in scope is read through, as the statistics count them, ordered by town
 * name. Empty for a region without towns with a revision.
 */
export async function revisionsInScope(
  db: Kysely<Database>,
  scope: ResolvedScope,
): Promise<{ revisionId: number; townId: number; town: string }[]> {
  return db
    .selectFrom(scopeRevisions(db, scope))
    .innerJoin("regions as t", "t.id", "s.town_id")
    .select(["s.revision_id as revisionId", "s.town_id as townId", "t.name as town"])
    .orderBy("t.name")
    .orderBy("t.id")
    .execute();
}

/** Duties per query when loading a revision. */
export const LOAD_CHUNK = 500;
const CHUNK = LOAD_CHUNK;

type DutyRow = Awaited<ReturnType<typeof dutyChunk>>["duties"][number];
type LinkRow = Awaited<ReturnType<typeof dutyChunk>>["links"][number];
type StepRow = Awaited<ReturnType<typeof dutyChunk>>["steps"][number];
type NoteRow = Awaited<ReturnType<typeof dutyChunk>>["notes"][number];

/**
 * The next CHUNK duties of a revision after duty id `after`, with their department links, steps and notes.
 * In chunks because PGlite runs each query on the server's own thread: a 4,000-duty revision read
 * in three queries held every other request (the overview) for seconds; between chunks they run.
 * Links and steps are found by their key (town_id, duty_id): a plan that holds on PGlite's fresh,
 * unanalysed tables too (a range joined to duties took a second per chunk there).
 */
async function dutyChunk(db: Kysely<Database>, revisionId: number, after: number) {
  const duties = await db
    .selectFrom("revisions as r")
    .innerJoin("duties as d", (j) => j.onRef("d.town_id", "=", "r.town_id").onRef("d.revision_id", "=", "r.id"))
    .innerJoin("categories as c", "c.id", "d.category_id")
    .select([
      "d.id",
      "d.town_id as townId",
      "d.revision_id as revisionId",
      "d.list",
      "d.seq",
      "c.name as category",
      "d.name",
      "d.source_line as line",
    ])
    .where("r.id", "=", revisionId)
    .where("d.id", ">", after)
    .orderBy("d.id")
    .limit(CHUNK)
    .execute();
  if (duties.length === 0) return { duties, links: [], steps: [], notes: [] };
  const townId = duties[0]!.townId;
  // The chunk's own ids, not a range: another revision of the town may hold ids in between.
  const dutyIds = duties.map((d) => d.id);
  const links = await db
    .selectFrom("duty_departments as l")
    .innerJoin("departments as dep", "dep.id", "l.department_id")
    .select(["l.duty_id as dutyId", "l.note", "dep.name", "dep.short_name as shortName", "dep.abbreviation", "dep.level", "dep.kind"])
    .where("l.town_id", "=", townId)
    .where("l.duty_id", "in", dutyIds)
    .orderBy("l.duty_id")
    .orderBy("l.position")
    .execute();
  const steps = await db
    .selectFrom("steps as st")
    .leftJoin("departments as dep", "dep.id", "st.department_id")
    .select(["st.duty_id as dutyId", "st.side", "st.position as order", "st.text", "dep.name as department", "st.heading"])
    .where("st.town_id", "=", townId)
    .where("st.duty_id", "in", dutyIds)
    .orderBy("st.duty_id")
    .orderBy("st.side")
    .orderBy("st.position")
    .execute();
  const notes = await db
    .selectFrom("duty_notes as n")
    .select(["n.duty_id as dutyId", "n.column_name as column", "n.text"])
    .where("n.town_id", "=", townId)
    .where("n.duty_id", "in", dutyIds)
    .orderBy("n.duty_id")
    .orderBy("n.position")
    .execute();
  return { duties, links, steps, notes };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
