import { readFileSync, statSync } from "node:fs";
import { MAX_DOCUMENT_BYTES, parseRegionSpec, readDocument as readAnyDocument, type ParseResult, type Region } from "@duty/domain";
import { resolvePath, type Io } from "../io.ts";

/** The `--town 省/市/县/镇` option every command that reads a document takes. */
export const TOWN_OPTION = { town: { type: "string" } } as const;

/** Reads `--town`; prints the problem and gives null when it names no town, undefined when absent. */
export function townOf(io: Io, spec: string | undefined): Region | undefined | null {
  if (spec === undefined) return undefined;
  const region = parseRegionSpec(spec);
  if ("error" in region) {
    io.err(`--town：${region.error}`);
    return null;
  }
  return region;
}

/**
 * Reads and parses a document file of any supported format (Word, Excel, PDF, HTML, Markdown, CSV,
 * text); on failure prints one line naming the file and the place in it, and returns null.
 */
export async function readDocument(
  io: Io,
  path: string,
  region?: Region,
): Promise<(ParseResult & { ok: true; file: string; bytes: Uint8Array }) | null> {
  const file = resolvePath(io, path);
  let bytes: Uint8Array;
  try {
    // Refuse before reading: a huge file would otherwise be loaded whole just to be rejected.
    if (statSync(file).size > MAX_DOCUMENT_BYTES) {
      io.err(`${path}:1: 文件过大（上限 ${MAX_DOCUMENT_BYTES} 字节），不是一份履职事项清单`);
      return null;
    }
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(
      `${path}: ${code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是一个目录，不是文件" : `无法读取（${code ?? String(err)}）`}`,
    );
    return null;
  }
  const result = await readAnyDocument(bytes, { fileName: path, region });
  if (!result.ok) {
    io.err(result.error.describe(path));
    return null;
  }
  return { ...result, file, bytes };
}
