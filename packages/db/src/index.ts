export * from "./schema.ts";
export {
  connect,
  createPGlite,
  lockAddress,
  openDatabase,
  migrate,
  type AtlasDatabase,
  type ConnectOptions,
  type Db,
  type Engine,
} from "./connect.ts";
export { EVERY_TOWN, resolveScope, type ResolvedScope, type Scope } from "./scope.ts";
export { type BulkDocument, EFFECTIVE_YEARS, effectiveDateProblem, type ImportOptions, today } from "./write/batch.ts";
export {
  importRevision,
  importDocument,
  importParsedDocument,
  contentHashOf,
  type DocumentOptions,
  type ParsedDocument,
  seedIfEmpty,
  DocumentError,
  type DocumentFile,
  type DocumentImport,
  type ImportResult,
  type ReadDocument,
} from "./write/import.ts";
export { analyzeAfterLoad, bulkImport, databaseBytes, type BulkImportOptions, type BulkImportResult } from "./write/bulk-import.ts";
export { copyRows, type NewRow, type TableRows } from "./write/tables.ts";
export { emptyRows, revisionRows, type RevisionRows, type RowIds } from "./write/rows.ts";
export { deleteRevision } from "./write/delete.ts";
export { setRevisionStatus, standingAfter, type StatusChange } from "./write/status.ts";
export {
  createApiKey,
  createSession,
  createUser,
  deleteSession,
  disableUser,
  setPassword,
  setUserRole,
  UserExists,
  type NewUser,
} from "./write/users.ts";
export { recordAudit, type AuditEntry } from "./write/audit.ts";
export { rebuildRollups } from "./write/rollups.ts";
export { bumpDataVersion, dataVersion } from "./write/data-version.ts";
export { AmbiguousPlace, placeText } from "./write/places.ts";
export { repairRegions, type RegionRepair } from "./write/repair.ts";
export { DatabaseBusy, isDatabaseBusy, isDatabaseUnavailable } from "./unavailable.ts";
export {
  DatabaseNotEmpty,
  DumpRejected,
  dumpLines,
  exportDump,
  MAX_DUMP_CHARS,
  MAX_DUMP_LINE_CHARS,
  restoreDump,
  type DumpSummary,
} from "./dump.ts";
export * from "./queries/stats.ts";
export * from "./queries/duties.ts";
export * from "./queries/duty-steps.ts";
export * from "./queries/departments.ts";
export * from "./queries/regions.ts";
export * from "./queries/revisions.ts";
export * from "./queries/revision-document.ts";
export * from "./queries/report.ts";
export * from "./queries/users.ts";
export * from "./queries/audit.ts";
