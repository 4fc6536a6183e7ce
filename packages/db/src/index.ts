export * from "./schema.ts";
export { connect, openDatabase, migrate, REPO_ROOT, type AtlasDatabase, type ConnectOptions, type Db, type Engine } from "./connect.ts";
export { importRevision, importDocument, seedIfEmpty, DocumentError, type DocumentImport, type ImportOptions, type ImportResult } from "./import.ts";
export { type Scope, scopeProblem } from "./queries/scope.ts";
export * from "./queries/stats.ts";
export * from "./queries/duties.ts";
export * from "./queries/departments.ts";
export * from "./queries/regions.ts";
export * from "./queries/revisions.ts";
