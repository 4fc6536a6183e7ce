import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { allDuties, parseDocument, type ParseError, type ParseWarning, type Revision, type Step } from "@duty/domain";
import type { Kysely } from "kysely";
import { revisionCounts, type RevisionCounts } from "./queries/revisions.ts";
import { departmentKey, resolveCategories, resolveDepartments, resolveRegions } from "./references.ts";
import { rollUpRevisions } from "./rollups.ts";
import type { Database, NewDutyDepartment, NewStep, StepSide } from "./schema.ts";

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

/** Throws unless `date` is a real day written YYYY-MM-DD. */
export function checkDate(date: string): void {
  const valid = /^\d{4}-\d{2}-\d{2}$/u.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (!valid) throw new Error(`effectiveDate: "${date}" is not a date of the form YYYY-MM-DD`);
}

async function write(trx: Kysely<Database>, revision: Revision, options: ImportOptions): Promise<ImportResult> {
  const [chain] = (await resolveRegions(trx, [revision.region])) as [number[]];
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

  const categoryIds = await resolveCategories(trx, revision.categories);
  // Departments belong to the county the town answers to; a town without a parent keeps its own.
  const countyId = chain.at(-2) ?? townId;
  const byKey = await resolveDepartments(
    trx,
    revision.departments.map((department) => ({ countyId, department })),
  );
  const departmentIds = new Map(revision.departments.map((d) => [d.name, byKey.get(departmentKey(countyId, d.name))!]));

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
  await rollUpRevisions(trx, [{ townId, revisionId }]);

  return { revisionId, townId, created: true, counts: await countsOf(trx, revisionId) };
}

async function countsOf(db: Kysely<Database>, revisionId: number): Promise<RevisionCounts> {
  return (await revisionCounts(db, [revisionId])).get(revisionId)!;
}

/** One link per department and role: a cell naming a department twice (once with a vague tail) counts it once. */
export function linkRows(
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

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}
