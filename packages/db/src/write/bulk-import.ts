import { sql } from "kysely";
import type { AtlasDatabase } from "../connect.ts";
import { type BulkDocument, writeBatch } from "./batch.ts";
import { withWriter } from "./tables.ts";

/*
 * Loading many towns at once (a national data set, a province's folder of lists): the writer of a
 * single import, a batch of documents per transaction, with the rows sent by COPY (PostgreSQL) or
 * multi-row INSERTs (PGlite). A batch lands whole or not at all; a failed batch leaves the earlier
 * ones in place.
 */

export interface BulkImportOptions {
  /** Documents per transaction; default 250 (≈ 85,000 duties), which loaded faster than 500 in the benchmark. */
  batchSize?: number | undefined;
}

export interface BulkImportResult {
  /** Revisions written. */
  created: number;
  /** Documents whose town already had a revision with the same content hash (the batch's own included): nothing written. */
  skipped: number;
  duties: number;
}

/**
 * Imports documents in batches, each batch in one transaction. Like importRevision, a document
 * whose town already has a revision with its content hash is skipped.
 */
export async function bulkImport(
  database: AtlasDatabase,
  documents: Iterable<BulkDocument> | AsyncIterable<BulkDocument>,
  options: BulkImportOptions = {},
): Promise<BulkImportResult> {
  const batchSize = options.batchSize ?? 250;
  const total: BulkImportResult = { created: 0, skipped: 0, duties: 0 };
  await withWriter(database, async (db, write) => {
    let batch: BulkDocument[] = [];
    const flush = async () => {
      for (const written of await db.transaction().execute((trx) => writeBatch(trx, write, batch))) {
        if (written.created) total.created++;
        else total.skipped++;
        total.duties += written.duties;
      }
      batch = [];
    };
    for await (const document of documents) {
      batch.push(document);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
  });
  return total;
}

/** After a bulk load: fresh planner statistics, and a visibility map that lets counts read indexes only. */
export async function analyzeAfterLoad(database: AtlasDatabase): Promise<void> {
  await sql`vacuum (analyze)`.execute(database.db);
}

/** Bytes the database takes on disk, indexes and rollups included. */
export async function databaseBytes(database: AtlasDatabase): Promise<number> {
  const { rows } = await sql<{ bytes: string | number }>`select pg_database_size(current_database()) as bytes`.execute(database.db);
  return Number(rows[0]!.bytes);
}
