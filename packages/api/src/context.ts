import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@duty/db";
import { inlineWork, type Work } from "./work/work.ts";

/** What every procedure sees. Tests build it directly; the server builds it per request. */
export interface Context {
  db: Db;
  /** The request proved it holds ATLAS_ADMIN_TOKEN: it may import and delete. */
  isAdmin: boolean;
  /** Where reading, lint and diff run: the server's worker pool, or this thread (CLI, tests). */
  work: Work;
}

export function createContext(options: {
  db: Db;
  /** The request's Authorization header, if any. */
  authorization?: string | undefined;
  /** ATLAS_ADMIN_TOKEN; unset or empty means nobody is admin. */
  adminToken?: string | undefined;
  /** Default: in this thread. */
  work?: Work | undefined;
}): Context {
  return { db: options.db, isAdmin: bearerMatches(options.authorization, options.adminToken), work: options.work ?? inlineWork };
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
