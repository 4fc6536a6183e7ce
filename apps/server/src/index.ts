export { accessSettings, databaseOptions, LISTS_DIR, readDocuments, REPO_ROOT, WEB_DIST, type AccessSettings } from "./config.ts";
export { createServer, listen, type ServerOptions } from "./server.ts";
export { firstAdmin, openAtlas, start, runUntilSignal, type StartOptions } from "./start.ts";
