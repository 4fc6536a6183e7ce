/*
 * The session cookie. HttpOnly (page scripts cannot read it), SameSite=Strict (no other site's page
 * can make the browser send it), Path=/, and Secure when the server is reached over HTTPS
 * (ATLAS_SECURE_COOKIES=1 behind a TLS proxy).
 */

export const SESSION_COOKIE = "atlas_session";

/** A session lasts one working day; signing in again starts a new one. */
export const SESSION_HOURS = 12;

/** The value of one cookie from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? "; Secure" : ""}`;
}
