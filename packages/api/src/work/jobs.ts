import {
  compareTowns as compareTownsOf,
  diffRevisions,
  type ListKind,
  lintRevision,
  type ParseErrorCode,
  type ParseOptions,
  type ParseWarning,
  readDocument as read,
  type Revision,
} from "@duty/domain";

/*
 * What the server hands to its worker pool (work/pool.ts): every CPU-heavy step between the
 * database and an answer. Each export is a job; arguments and results cross threads by structured
 * clone, so they are plain data. Routers call them through `Work`, never directly.
 */

/** A ParseError as plain fields (an Error subclass loses its own fields crossing threads); work.ts rebuilds it. */
export interface ParseFailure {
  ok: false;
  error: { code: ParseErrorCode; line: number; at: string; list: ListKind | null; column: string | null; text: string; detail: string };
}

/** Reads an uploaded document of any format (the Word and Excel readers inflate zips: the part a hostile file stretches). */
export async function readDocument(bytes: Uint8Array, options: ParseOptions) {
  const result = await read(bytes, options);
  if (result.ok) return result;
  const { code, line, at, list, column, text, detail } = result.error;
  return { ok: false, error: { code, line, at, list, column, text, detail } } satisfies ParseFailure;
}

/** Warnings: the parser's, when the revision was just read from its file (title typos, 序号 gaps). */
export function lint(revision: Revision, warnings?: ParseWarning[]) {
  return lintRevision(revision, warnings);
}

export function diff(before: Revision, after: Revision) {
  return diffRevisions(before, after);
}

export function compareTowns(revisions: Revision[]) {
  return compareTownsOf(revisions);
}
