import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A secret for a cookie, a CSRF header or an API key: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a session token or an API key: its SHA-256, so a copy of the tables opens nothing. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Compares two secrets in constant time: both sides are SHA-256 digests, so neither the content nor
 * the length of a guess leaks through timing.
 */
export function secretsEqual(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}
