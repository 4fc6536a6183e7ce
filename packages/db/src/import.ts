import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { allDuties, parseDocument, type ParseError, type ParseWarning, type Region, type Revision, type Step } from "@duty/domain";
import { type Kysely, sql } from "kysely";
import { revisionCounts, type RevisionCounts } from "./queries/revisions.ts";
import type { Database, NewDutyDepartment, NewStep, RegionLevel, StepSide } from "./schema.ts";

export interface ImportOptions {
  /** Shown in lists of revisions; defaults to the file name. */
  label?: string | undefined;
  sourceFile: string;
  /** Hash of the source bytes: the same bytes for the same town are one revision. */
  contentHash: string;
  /** YYYY-MM-DD the revision takes effect; defaults to the day of import. */
  effectiveDate?: string | undefined;
}

export interface ImportResult {
  revisionId: number;
  townId: number;
  /** false when the town already had a revision with this content hash: nothing was written. */
  created: boolean;
  counts: RevisionCounts;
}

/** An imported document: the revision and what the parser noticed but accepted. */
export interface DocumentImport extends ImportResult {
  warnings: ParseWarning[];
}

/** A document that cannot be imported, located as `file:line: message`. */
export class DocumentError extends Error {
  override readonly name = "DocumentError";
  constructor(
    readonly file: string,
    /** Line, list, column and text of the problem. */
    readonly parseError: ParseError,
  ) {
    super(parseError.describe(file));
  }
}

// pg allows 65535 parameters per statement; 500 rows of at most 8 columns stays well under.
const CHUNK = 500;

/**
 * Writes one parsed revision in one transaction: it lands whole or not at all. Importing the
 * same content hash for the same town again writes nothing and returns the existing revision.
 * Pass a transaction as `db` to make the import part of a larger one.
 */
export async function importRevision(db: Kysely<Database>, revision: Revision, options: ImportOptions): Promise<ImportResult> {
  if (options.effectiveDate !== undefined) checkDate(options.effectiveDate);
  return db.isTransaction ? write(db, revision, options) : db.transaction().execute((trx) => write(trx, revision, options));
}

/**
 * Parses a document and imports it. Bad input throws a DocumentError naming file and line,
 * before anything is written.
 */
export async function importDocument(
  db: Kysely<Database>,
  bytes: Uint8Array,
  fileName: string,
  options: Pick<ImportOptions, "label" | "effectiveDate"> = {},
): Promise<DocumentImport> {
  const parsed = parseDocument(bytes);
  if (!parsed.ok) throw new DocumentError(fileName, parsed.error);
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  const result = await importRevision(db, parsed.revision, { ...options, sourceFile: fileName, contentHash });
  return { ...result, warnings: parsed.warnings };
}

/**
 * On an empty database, imports every document of `dir` (sorted by name) in one transaction,
 * so a bad file leaves the database empty and the next start tries again. Returns what it imported.
 */
export async function seedIfEmpty(db: Kysely<Database>, dir: string): Promise<(DocumentImport & { file: string })[]> {
  const any = await db.selectFrom("revisions").select("id").limit(1).executeTakeFirst();
  if (any) return [];
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && !f.name.startsWith("."))
    .map((f) => f.name)
    .sort();
  return db.transaction().execute(async (trx) => {
    const done: (DocumentImport & { file: string })[] = [];
    for (const file of files) done.push({ file, ...(await importDocument(trx, readFileSync(join(dir, file)), file)) });
    return done;
  });
}

function checkDate(date: string): void {
  const valid = /^\d{4}-\d{2}-\d{2}$/u.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (!valid) throw new Error(`effectiveDate: "${date}" is not a date of the form YYYY-MM-DD`);
}

async function write(trx: Kysely<Database>, revision: Revision, options: ImportOptions): Promise<ImportResult> {
  const chain = await ensureRegions(trx, revision.region);
  const townId = chain.at(-1)!;
  const existing = () =>
    trx
      .selectFrom("revisions")
      .select("id")
      .where("town_id", "=", townId)
      .where("content_hash", "=", options.contentHash)
      .executeTakeFirst();
  const before = await existing();
  if (before) return { revisionId: before.id, townId, created: false, counts: await countsOf(trx, before.id) };
  const inserted = await trx
    .insertInto("revisions")
    .values({
      town_id: townId,
      label: options.label || options.sourceFile,
      effective_date: options.effectiveDate,
      source_file: options.sourceFile,
      content_hash: options.contentHash,
    })
    .onConflict((oc) => oc.columns(["town_id", "content_hash"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) {
    // A concurrent import of the same bytes won the race.
    const winner = (await existing())!;
    return { revisionId: winner.id, townId, created: false, counts: await countsOf(trx, winner.id) };
  }
  const revisionId = inserted.id;

  const categoryIds = await ensureCategories(trx, revision.categories);
  // Departments belong to the county the town answers to; a town without a parent keeps its own.
  const countyId = chain.at(-2) ?? townId;
  const departmentIds = await ensureDepartments(trx, countyId, revision);

  const rows = allDuties(revision);
  const dutyIds = new Map<string, number>();
  for (const part of chunks(rows)) {
    const ids = await trx
      .insertInto("duties")
      .values(
        part.map((d) => ({
          town_id: townId,
          revision_id: revisionId,
          list: d.list,
          seq: d.seq,
          category_id: categoryIds.get(d.category)!,
          name: d.name,
          source_line: d.line,
        })),
      )
      .returning(["id", "list", "seq"])
      .execute();
    for (const r of ids) dutyIds.set(`${r.list}:${r.seq}`, r.id);
  }

  const links: NewDutyDepartment[] = [];
  const steps: NewStep[] = [];
  const stepRows = (dutyId: number, side: StepSide, list: Step[]) =>
    list.map((s) => ({
      town_id: townId,
      duty_id: dutyId,
      side,
      position: s.order,
      department_id: s.department === null ? null : departmentIds.get(s.department)!,
      heading: s.heading,
      text: s.text,
    }));
  for (const duty of revision.lists.coordinated) {
    const dutyId = dutyIds.get(`coordinated:${duty.seq}`)!;
    links.push(...linkRows(townId, dutyId, "lead", duty.departments, departmentIds));
    steps.push(...stepRows(dutyId, "department", duty.departmentDuties), ...stepRows(dutyId, "town", duty.townDuties));
  }
  for (const duty of revision.lists.reclaimed) {
    const dutyId = dutyIds.get(`reclaimed:${duty.seq}`)!;
    links.push(...linkRows(townId, dutyId, "receiver", duty.receivers, departmentIds));
    steps.push(...stepRows(dutyId, "department", duty.method));
  }
  for (const part of chunks(links)) await trx.insertInto("duty_departments").values(part).execute();
  for (const part of chunks(steps)) await trx.insertInto("steps").values(part).execute();

  return { revisionId, townId, created: true, counts: await countsOf(trx, revisionId) };
}

async function countsOf(db: Kysely<Database>, revisionId: number): Promise<RevisionCounts> {
  return (await revisionCounts(db, [revisionId])).get(revisionId)!;
}

/** One link per department and role: a cell naming a department twice (once with a vague tail) counts it once. */
function linkRows(
  townId: number,
  dutyId: number,
  role: "lead" | "receiver",
  refs: { name: string; note: string | null }[],
  departmentIds: Map<string, number>,
): NewDutyDepartment[] {
  const byDepartment = new Map<number, NewDutyDepartment>();
  for (const ref of refs) {
    const departmentId = departmentIds.get(ref.name)!;
    const seen = byDepartment.get(departmentId);
    if (seen) seen.note ??= ref.note;
    else byDepartment.set(departmentId, { town_id: townId, duty_id: dutyId, department_id: departmentId, role, position: byDepartment.size + 1, note: ref.note });
  }
  return [...byDepartment.values()];
}

/** Finds or creates province → prefecture → county → town (levels the title omits are skipped); returns their ids, town last. */
async function ensureRegions(trx: Kysely<Database>, region: Region): Promise<number[]> {
  const levels: [RegionLevel, string | null][] = [
    ["province", region.province],
    ["prefecture", region.prefecture],
    ["county", region.county],
    ["town", region.town],
  ];
  const chain: number[] = [];
  for (const [level, name] of levels) {
    if (!name) continue;
    const parentId = chain.at(-1) ?? null;
    const find = () =>
      trx
        .selectFrom("regions")
        .select("id")
        .where("parent_id", "is not distinct from", parentId)
        .where("level", "=", level)
        .where("name", "=", name)
        .executeTakeFirst();
    let found = await find();
    if (!found) {
      const created = await trx
        .insertInto("regions")
        .values({ parent_id: parentId, level, name })
        .onConflict((oc) => oc.columns(["parent_id", "level", "name"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (created) {
        await sql`
          insert into region_closure (ancestor_id, region_id, depth)
          select ancestor_id, ${created.id}::int, depth + 1 from region_closure where region_id = ${parentId}::int
          union all select ${created.id}::int, ${created.id}::int, 0
        `.execute(trx);
      }
      // A concurrent import may have created it between the look-up and the insert.
      found = created ?? (await find());
    }
    chain.push(found!.id);
  }
  return chain;
}

/*
 * Reference rows are looked up before they are inserted: an INSERT … ON CONFLICT DO NOTHING would
 * use up an identity value per row on every import even when all rows exist. ON CONFLICT stays for
 * a concurrent import adding the same row.
 */

async function ensureCategories(trx: Kysely<Database>, names: string[]): Promise<Map<string, number>> {
  const find = async (wanted: string[]) =>
    wanted.length === 0 ? [] : trx.selectFrom("categories").select(["id", "name"]).where("name", "in", wanted).execute();
  const ids = new Map((await find(names)).map((r) => [r.name, r.id]));
  const missing = names.filter((name) => !ids.has(name));
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

async function ensureDepartments(trx: Kysely<Database>, countyId: number, revision: Revision): Promise<Map<string, number>> {
  const find = async (wanted: string[]) =>
    wanted.length === 0
      ? []
      : trx.selectFrom("departments").select(["id", "name"]).where("county_id", "=", countyId).where("name", "in", wanted).execute();
  const ids = new Map((await find(revision.departments.map((d) => d.name))).map((r) => [r.name, r.id]));
  const missing = revision.departments.filter((d) => !ids.has(d.name));
  if (missing.length > 0) {
    await trx
      .insertInto("departments")
      .values(
        missing.map((d) => ({
          county_id: countyId,
          name: d.name,
          short_name: d.shortName,
          abbreviation: d.abbreviation,
          level: d.level,
          kind: d.kind,
        })),
      )
      .onConflict((oc) => oc.columns(["county_id", "name"]).doNothing())
      .execute();
    for (const r of await find(missing.map((d) => d.name))) ids.set(r.name, r.id);
  }
  return ids;
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}
