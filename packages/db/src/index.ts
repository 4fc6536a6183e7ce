export * from "./schema.ts";
export { connect, createPGlite, openDatabase, migrate, type AtlasDatabase, type ConnectOptions, type Db, type Engine } from "./connect.ts";
export { EVERY_TOWN, resolveScope, type ResolvedScope, type Scope } from "./scope.ts";
export type { BulkDocument, ImportOptions } from "./write/batch.ts";
export {
  importRevision,
  importDocument,
  seedIfEmpty,
  DocumentError,
  type DocumentFile,
  type DocumentImport,
  type ImportResult,
} from "./write/import.ts";
export { analyzeAfterLoad, bulkImport, databaseBytes, type BulkImportOptions, type BulkImportResult } from "./write/bulk-import.ts";
export { copyRows, type NewRow, type TableRows } from "./write/tables.ts";
export { revisionRows, type RevisionRows, type RowIds } from "./write/rows.ts";
export { deleteRevision } from "./write/delete.ts";
export { rebuildRollups } from "./write/rollups.ts";
export { bumpDataVersion, dataVersion } from "./write/data-version.ts";
export { AmbiguousPlace, placeText } from "./write/places.ts";
export { repairRegions, type RegionRepair } from "./write/repair.ts";
export { isDatabaseUnavailable } from "./unavailable.ts";
export { DatabaseNotEmpty, exportDump, restoreDump, type DumpSummary } from "./dump.ts";
export * from "./queries/stats.ts";
export * from "./queries/duties.ts";
export * from "./queries/duty-steps.ts";
export * from "./queries/departments.ts";
export * from "./queries/regions.ts";
export * from "./queries/revisions.ts";
export * from "./queries/revision-document.ts";
export * from "./queries/report.ts";
