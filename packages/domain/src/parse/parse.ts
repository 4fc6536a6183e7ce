import { recognise } from "../recognise/recognise.ts";
import type { DocumentFormat } from "../read/blocks.ts";
import { ParseError } from "../read/parse-error.ts";
import { readBlocks, readBlocksSync, type ReadBlocks } from "../read/read.ts";
import { type StatedDate, statedDate } from "../recognise/stated-date.ts";
import type { ParseWarning, Region, Revision } from "../types.ts";

export interface ParseOptions {
  /** Supplies (or corrects) the place when the titles name no town: `--town 省/市/县/镇`. */
  region?: Region | undefined;
  /** The file's name: sharpens refusals (.wps vs .doc) and tells a CSV from tab-separated text. */
  fileName?: string | undefined;
}

export type ParseResult =
  | {
      ok: true;
      format: DocumentFormat;
      revision: Revision;
      warnings: ParseWarning[];
      /** The date the document states for itself (its 生效日期 unless someone gives another), or null. */
      statedDate: StatedDate | null;
    }
  | { ok: false; error: ParseError };

/**
 * Reads a published duty-list document in any supported format (bytes as downloaded: Word, Excel,
 * PDF, HTML, Markdown, CSV, Excel's Unicode text, tab-separated text) into a Revision. Never
 * throws: a document that is not a well-formed list comes back as a located ParseError, and no
 * partial revision is ever returned.
 */
export async function readDocument(input: Uint8Array | string, options: ParseOptions = {}): Promise<ParseResult> {
  try {
    return recognised(await readBlocks(input, options), options);
  } catch (err) {
    return failed(err);
  }
}

/** readDocument for every format but PDF, synchronously: for text in memory (tests, fixtures, benchmarks). */
export function parseDocument(input: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  try {
    return recognised(readBlocksSync(input, options), options);
  } catch (err) {
    return failed(err);
  }
}

function recognised(read: ReadBlocks, options: ParseOptions): ParseResult {
  const { revision, warnings } = recognise(read.blocks, { region: options.region, format: read.format });
  return { ok: true, format: read.format, revision, warnings, statedDate: statedDate(read.blocks) };
}

function failed(err: unknown): ParseResult {
  if (err instanceof ParseError) return { ok: false, error: err };
  const detail = err instanceof RangeError ? "文件结构异常，无法读取" : `解析器内部错误：${String(err)}`;
  return { ok: false, error: new ParseError("not-a-duty-list", 1, null, null, "", detail) };
}
