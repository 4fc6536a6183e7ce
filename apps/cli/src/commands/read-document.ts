import { readFileSync, statSync } from "node:fs";
import { MAX_DOCUMENT_BYTES, parseDocument, type ParseResult } from "@duty/domain";
import { resolvePath, type Io } from "../io.ts";

/** Reads and parses a document file; on failure prints one line naming file and line, returns null. */
export function readDocument(io: Io, path: string): (ParseResult & { ok: true; file: string; bytes: Uint8Array }) | null {
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
    io.err(`${path}: ${code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是一个目录，不是文件" : `无法读取（${code ?? String(err)}）`}`);
    return null;
  }
  const result = parseDocument(bytes);
  if (!result.ok) {
    io.err(result.error.describe(path));
    return null;
  }
  return { ...result, file, bytes };
}
