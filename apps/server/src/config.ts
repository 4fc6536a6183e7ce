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

/** A yes/no setting: 1/true/yes/on or 0/false/no/off; anything else is a mistake worth stopping for. */
function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (/^(1|true|yes|on)$/iu.test(value)) return true;
  if (/^(0|false|no|off)$/iu.test(value)) return false;
  throw new Error(`${name}: "${value}" is neither 1 nor 0`);
}

/** Who may do what, from the environment. */
export interface AccessSettings {
  /** ATLAS_ADMIN_TOKEN: an administrator's key for scripts (Authorization: Bearer …); unset: none. */
  adminToken: string | undefined;
  /** ATLAS_PUBLIC_READ (default 1): anonymous visitors read everything as 查看; 0: reading needs an account. */
  publicRead: boolean;
  /** ATLAS_SECURE_COOKIES=1 when the server is reached over HTTPS (a TLS proxy): the session cookie gets Secure. */
  secureCookies: boolean;
  /**
   * ATLAS_ADMIN_USER and ATLAS_ADMIN_PASSWORD: the first administrator, made on a start that finds no
   * user at all (ignored once any account exists). There is no built-in default password.
   */
  firstAdmin: { name: string; password: string } | null;
}

export function accessSettings(env: NodeJS.ProcessEnv = process.env): AccessSettings {
  const name = env.ATLAS_ADMIN_USER?.trim();
  const password = env.ATLAS_ADMIN_PASSWORD;
  if (Boolean(name) !== Boolean(password)) throw new Error("ATLAS_ADMIN_USER and ATLAS_ADMIN_PASSWORD: set both, or neither");
  return {
    adminToken: env.ATLAS_ADMIN_TOKEN || undefined,
    publicRead: flag("ATLAS_PUBLIC_READ", env.ATLAS_PUBLIC_READ, true),
    secureCookies: flag("ATLAS_SECURE_COOKIES", env.ATLAS_SECURE_COOKIES, false),
    firstAdmin: name && password ? { name, password } : null,
  };
}
