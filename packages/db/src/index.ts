export * from "./schema.ts";
export { connect, openDatabase, migrate, REPO_ROOT, type AtlasDatabase, type ConnectOptions, type Db, type Engine } from "./connect.ts";
export { importRevision, importDocument, seedIfEmpty, DocumentError, type DocumentImport, type ImportOptions, type ImportResult } from "./import.ts";
export {
  analyzeAfterLoad,
  bulkImport,
  copyRows,
  databaseBytes,
  type BulkDocument,
  type BulkImportOptions,
  type BulkImportResult,
  type CopyValue,
  type TableRows,
} from "./bulk-import.ts";
export { rebuildRollups } from "./rollups.ts";
export { type Scope, scopeProblem } from "./queries/scope.ts";
export { isDatabaseUnavailable } from "./unavailable.ts";
export { DatabaseNotEmpty, exportDump, restoreDump, type DumpSummary } from "./dump.ts";
export * from "./queries/stats.ts";
export * from "./queries/duties.ts";
export * from "./queries/departments.ts";
export * from "./queries/regions.ts";
export * from "./queries/revisions.ts";
export * from "./queries/revision-document.ts";
