import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { type BulkDocument, bulkImport, type AtlasDatabase, storedContentHashes } from "@duty/db";
import { MAX_DOCUMENT_BYTES, readDocument, type Region } from "@duty/domain";
import { resolvePath, type Io } from "../io.ts";

/*
 * `atlas import DIR|FILE…`: many documents in one process through the bulk writer (a batch per
 * transaction), not one process and one import per file. Files whose bytes some revision already
 * holds are skipped before they are read as documents, so a rerun after an interruption only does
 * what is left. A file that cannot be read is reported and left out; a batch the database refuses
 * is retried one document at a time, so one bad document never stops the others nor half-writes.
 * The CLI calls the database's bulk path directly: the API has no batch procedure, and this
 * process owns the database like every CLI command.
 */

/** Documents per transaction: a few thousand duties each, small enough that a retry one by one is cheap. */
const BATCH = 50;

/** Every file named, folders walked (hidden files and folders left out), in name order. */
export function filesOf(io: Io, paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) missing.push(path);
    else if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!name.startsWith(".")) walk(join(path, name));
    } else files.push(path);
  };
  for (const p of paths) walk(resolvePath(io, p));
  return { files, missing };
}

export interface ManyResult {
  created: number;
  skipped: number;
  /** One line per file left out, naming the file (and for a bad document the place in it) and what is wrong. */
  failed: string[];
}

/** A progress line: files done of all, towns per second, time left. Redrawn in place on a terminal. */
function progressLine(done: number, total: number, created: number, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  const rate = seconds > 0 ? created / seconds : 0;
  const perFile = done > 0 ? seconds / done : 0;
  const left = Math.round(perFile * (total - done));
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} 个文件，${rate.toFixed(1)} 个乡镇/秒，剩余约 ${left} 秒`;
}

export async function importMany(
  atlas: AtlasDatabase,
  files: readonly string[],
  options: { region?: Region | undefined; label?: string | undefined; progress?: ((line: string) => void) | undefined },
): Promise<ManyResult> {
  const result: ManyResult = { created: 0, skipped: 0, failed: [] };
  const started = performance.now();
  let done = 0;
  const report = () => options.progress?.(progressLine(done, files.length, result.created, started));
  const write = async (batch: BulkDocument[]) => {
    if (batch.length === 0) return;
    try {
      const written = await bulkImport(atlas, batch, { batchSize: batch.length });
      result.created += written.created;
      result.skipped += written.skipped;
    } catch {
      // One document spoiled the batch's transaction, which wrote nothing: each on its own finds it.
      for (const document of batch) {
        try {
          const written = await bulkImport(atlas, [document]);
          result.created += written.created;
          result.skipped += written.skipped;
        } catch (err) {
          result.failed.push(`${document.options.sourceFile}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    done += batch.length;
    report();
  };
  // The database writes one batch while this thread reads the next: reading is this process's
  // work and writing mostly the database's, so on two cores they overlap instead of taking turns.
  let writing: Promise<void> = Promise.resolve();
  for (let start = 0; start < files.length; start += BATCH) {
    const slice = files.slice(start, start + BATCH);
    const read: { file: string; bytes: Buffer; hash: string }[] = [];
    for (const file of slice) {
      try {
        if (statSync(file).size > MAX_DOCUMENT_BYTES) throw new Error(`文件过大（上限 ${MAX_DOCUMENT_BYTES} 字节）`);
        const bytes = readFileSync(file);
        read.push({ file, bytes, hash: createHash("sha256").update(bytes).digest("hex") });
      } catch (err) {
        result.failed.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
        done++;
      }
    }
    // Files the batch being written holds are not seen here; the bulk writer skips them by their hash.
    const stored = await storedContentHashes(
      atlas.db,
      read.map((r) => r.hash),
    );
    const batch: BulkDocument[] = [];
    for (const { file, bytes, hash } of read) {
      if (stored.has(hash)) {
        result.skipped++;
        done++;
        continue;
      }
      const parsed = await readDocument(bytes, { fileName: file, region: options.region });
      if (!parsed.ok) {
        result.failed.push(parsed.error.describe(file));
        done++;
        continue;
      }
      batch.push({ revision: parsed.revision, options: { sourceFile: basename(file), contentHash: hash, label: options.label } });
    }
    await writing;
    writing = write(batch);
  }
  await writing;
  report();
  return result;
}
