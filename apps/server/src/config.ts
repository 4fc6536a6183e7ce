import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConnectOptions, DocumentFile } from "@duty/db";

/*
 * Where things are and what the environment says: the one place the running app (server and CLI)
 * reads either. The packages below take folders and URLs as arguments.
 */

/** The repository root, from this file's place in apps/server/src. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The documents an empty database starts with. */
export const LISTS_DIR = join(REPO_ROOT, "data", "lists");

/** The dashboard's build output (`vite build` in apps/web), served when it exists. */
export const WEB_DIST = join(REPO_ROOT, "apps", "web", "dist");

/** DATABASE_URL when set (PostgreSQL), else PGlite in ATLAS_DATA_DIR, default .atlas/ in the repository root. */
export function databaseOptions(env: NodeJS.ProcessEnv = process.env): ConnectOptions {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: resolve(env.ATLAS_DATA_DIR || join(REPO_ROOT, ".atlas")) };
}

/** Every document of a folder (files only, dot files left out), sorted by name. */
export function readDocuments(dir: string): DocumentFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && !f.name.startsWith("."))
    .map((f) => f.name)
    .sort()
    .map((fileName) => ({ fileName, bytes: readFileSync(join(dir, fileName)) }));
}
