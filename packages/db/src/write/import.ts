import { createHash } from "node:crypto";
import { type ParseError, type ParseWarning, readDocument, type Region, type Revision } from "@duty/domain";
import type { Kysely } from "kysely";
import { type RevisionCounts, revisionCounts } from "../queries/revisions.ts";
import type { Database } from "../schema.ts";
import { type ImportOptions, writeBatch } from "./batch.ts";
import { insertRows } from "./tables.ts";

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

/** A document as read from a file. */
export interface DocumentFile {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Writes one parsed revision in one transaction (a batch of one): it lands whole or not at all.
 * Importing the same content hash for the same town again writes nothing and returns the existing
 * revision. Pass a transaction as `db` to make the import part of a larger one.
 */
export async function importRevision(db: Kysely<Database>, revision: Revision, options: ImportOptions): Promise<ImportResult> {
  const run = async (trx: Kysely<Database>): Promise<ImportResult> => {
    const [written] = await writeBatch(trx, insertRows, [{ revision, options }]);
    const { townId, revisionId, created } = written!;
    return { revisionId, townId, created, counts: (await revisionCounts(trx, [revisionId])).get(revisionId)! };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * Reads a document of any supported format (Word, Excel, PDF, HTML, Markdown, CSV, text) and
 * imports it. Bad input throws a DocumentError naming the file and the place in it, before
 * anything is written. `region` supplies the place when the titles name no town.
 */
export async function importDocument(
  db: Kysely<Database>,
  bytes: Uint8Array,
  fileName: string,
  options: Pick<ImportOptions, "label" | "effectiveDate" | "withinRegionId"> & { region?: Region | undefined } = {},
): Promise<DocumentImport> {
  const { region, ...importOptions } = options;
  const parsed = await readDocument(bytes, { fileName, region });
  if (!parsed.ok) throw new DocumentError(fileName, parsed.error);
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  const result = await importRevision(db, parsed.revision, { ...importOptions, sourceFile: fileName, contentHash });
  return { ...result, warnings: parsed.warnings };
}

/**
 * On an empty database, imports the documents `read` gives (a folder the caller names, such as
 * data/lists) in one transaction, so a bad file leaves the database empty and the next start tries
 * again. Returns what it imported; `read` is not called when the database holds a revision.
 */
export async function seedIfEmpty(
  db: Kysely<Database>,
  read: () => Iterable<DocumentFile>,
): Promise<(DocumentImport & { file: string })[]> {
  const any = await db.selectFrom("revisions").select("id").limit(1).executeTakeFirst();
  if (any) return [];
  return db.transaction().execute(async (trx) => {
    const done: (DocumentImport & { file: string })[] = [];
    for (const { fileName, bytes } of read()) done.push({ file: fileName, ...(await importDocument(trx, bytes, fileName)) });
    return done;
  });
}
