export { databaseOptions, LISTS_DIR, readDocuments, REPO_ROOT, WEB_DIST } from "./config.ts";
export { createServer, listen, type ServerOptions } from "./server.ts";
export { openAtlas, start, runUntilSignal, type StartOptions } from "./start.ts";
