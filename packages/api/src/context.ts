import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@duty/db";

/** What every procedure sees. Tests build it directly; the server builds it per request. */
export interface Context {
  db: Db;
  /** The request proved it holds ATLAS_ADMIN_TOKEN: it may import and delete. */
  isAdmin: boolean;
}

export function createContext(options: {
  db: Db;
  /** The request's Authorization header, if any. */
  authorization?: string | undefined;
  /** ATLAS_ADMIN_TOKEN; unset or empty means nobody is admin. */
  adminToken?: string | undefined;
}): Context {
  return { db: options.db, isAdmin: bearerMatches(options.authorization, options.adminToken) };
}

/**
 * Compares digests rather than the strings: timingSafeEqual needs equal lengths, and comparing
 * fixed-length digests in constant time leaks neither the token's content nor its length.
 */
export function bearerMatches(authorization: string | undefined, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const m = /^Bearer\s+(\S+)\s*$/iu.exec(authorization ?? "");
  if (!m) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(m[1]!), digest(adminToken));
}
