import { createHash } from "node:crypto";
import {
  type ParseError,
  type ParseOptions,
  type ParseResult,
  type ParseWarning,
  readDocument,
  type Region,
  type Revision,
  type StatedDate,
} from "@duty/domain";
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
  /** The date the document states for itself; the effective date when none was given. */
  statedDate: StatedDate | null;
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

/** How a document's bytes become a revision: readDocument, or the same run elsewhere (the server's worker pool). */
export type ReadDocument = (bytes: Uint8Array, options: ParseOptions) => Promise<ParseResult>;

/** How to file a document, besides its bytes and name. */
export interface DocumentOptions extends Pick<ImportOptions, "label" | "effectiveDate" | "status" | "withinRegionId"> {
  /** The place when the titles name no town (or name it wrongly), parsed from `townSpec`. */
  region?: Region | undefined;
  /** 省/市/县/镇 as the user wrote it: kept with the bytes, so the document is read again the same way. */
  townSpec?: string | undefined;
  /** Replaces the in-thread reader (the server reads in its worker pool). */
  read?: ReadDocument | undefined;
}

/**
 * Reads a document of any supported format (Word, Excel, PDF, HTML, Markdown, CSV, text) and
 * imports it with its original bytes. Bad input throws a DocumentError naming the file and the
 * place in it, before anything is written. `region` supplies the place when the titles name no
 * town. The effective date is the one given, else the one the document states, else today.
 */
export async function importDocument(
  db: Kysely<Database>,
  bytes: Uint8Array,
  fileName: string,
  options: DocumentOptions = {},
): Promise<DocumentImport> {
  const { read = readDocument, ...rest } = options;
  const parsed = await read(bytes, { fileName, region: options.region });
  if (!parsed.ok) throw new DocumentError(fileName, parsed.error);
  return importParsedDocument(db, { fileName, bytes, ...parsed }, rest);
}

/** What makes two imports of a town the same revision: the SHA-256 of the bytes. */
export function contentHashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A document already read (by readDocument, with `options.region`): its bytes and what they gave. */
export interface ParsedDocument {
  fileName: string;
  bytes: Uint8Array;
  revision: Revision;
  warnings: ParseWarning[];
  statedDate: StatedDate | null;
}

/** importDocument for a caller that has read the document already (to check it first), so it is not read twice. */
export async function importParsedDocument(
  db: Kysely<Database>,
  document: ParsedDocument,
  options: DocumentOptions = {},
): Promise<DocumentImport> {
  const { region: _region, townSpec, read: _read, ...importOptions } = options;
  const { fileName, bytes } = document;
  const contentHash = contentHashOf(bytes);
  const effectiveDate = importOptions.effectiveDate ?? document.statedDate?.date;
  const run = async (trx: Kysely<Database>): Promise<DocumentImport> => {
    const result = await importRevision(trx, document.revision, { ...importOptions, effectiveDate, sourceFile: fileName, contentHash });
    if (result.created) {
      await trx
        .insertInto("revision_sources")
        .values({ town_id: result.townId, revision_id: result.revisionId, file_name: fileName, town_spec: townSpec ?? null, bytes })
        .execute();
    }
    return { ...result, warnings: document.warnings, statedDate: document.statedDate };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
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
