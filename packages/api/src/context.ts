import { userInfo } from "node:os";
import { apiKeyUser, type Db, isDatabaseUnavailable, type Role, sessionUser } from "@duty/db";
import { TRPCError } from "@trpc/server";
import { readCookie, SESSION_COOKIE } from "./auth/cookies.ts";
import { secretsEqual, tokenHash } from "./auth/tokens.ts";
import { UNAVAILABLE_MESSAGE } from "./trpc.ts";
import { inlineWork, type Work } from "./work/work.ts";

/** How a request proved who it is. */
export type Via = "session" | "api-key" | "token" | "cli";

/** Who is acting: a signed-in user, a user's API key, the ATLAS_ADMIN_TOKEN, or the local command line. */
export interface Actor {
  /** null for ATLAS_ADMIN_TOKEN and the command line, which are no account. */
  userId: number | null;
  /** As the audit trail names it. */
  name: string;
  role: Role;
  via: Via;
}

/** What a mutation's guards check besides the actor (HTTP only; in-process callers pass none). */
export interface RequestFacts {
  /** The x-atlas-csrf header. */
  csrfHeader: string | null;
  /** The CSRF token of the request's session, when it came with a session cookie. */
  sessionCsrf: string | null;
  /** SHA-256 of the session cookie's token (its row id), for logout. */
  sessionId: string | null;
  /** An Origin header naming another site than the one the request was sent to. */
  crossSite: boolean;
}

/** What every procedure sees. Tests build it with localContext; the server builds it per request. */
export interface Context {
  db: Db;
  /** null: nobody signed in. */
  actor: Actor | null;
  /** Anonymous requests may read (as 查看); false: every query needs a signed-in account. */
  publicRead: boolean;
  /** The client's address, for the audit trail; null for in-process callers. */
  ip: string | null;
  request: RequestFacts;
  /** Adds a Set-Cookie header to the response (HTTP only). */
  setCookie?: ((cookie: string) => void) | undefined;
  /** Set the Secure flag on cookies (the server is reached over HTTPS). */
  secureCookies: boolean;
  /** Where reading, lint and diff run: the server's worker pool, or this thread (CLI, tests). */
  work: Work;
}

const IN_PROCESS: RequestFacts = { csrfHeader: null, sessionCsrf: null, sessionId: null, crossSite: false };

/**
 * A context for in-process callers: the CLI (acting as the local administrator: whoever runs it
 * owns the database), and tests, which pass the actor they play.
 */
export function localContext(db: Db, actor: Actor | null = cliActor(), options: { publicRead?: boolean; work?: Work } = {}): Context {
  return {
    db,
    actor,
    publicRead: options.publicRead ?? true,
    ip: null,
    request: IN_PROCESS,
    secureCookies: false,
    work: options.work ?? inlineWork,
  };
}

/** The command line's actor: an administrator named after the operating-system account. */
export function cliActor(): Actor {
  let user = "?";
  try {
    user = userInfo().username;
  } catch {
    // A container without a passwd entry for the uid: the name stays unknown.
  }
  return { userId: null, name: `命令行（${user}）`, role: "admin", via: "cli" };
}

/** The actor of ATLAS_ADMIN_TOKEN: an administrator for scripts, no account. */
export const TOKEN_ACTOR: Actor = { userId: null, name: "ATLAS_ADMIN_TOKEN", role: "admin", via: "token" };

export interface HttpRequestFacts {
  db: Db;
  /** The request's Authorization, Cookie, x-atlas-csrf, Origin and Host headers. */
  authorization?: string | undefined;
  cookie?: string | undefined;
  csrf?: string | undefined;
  origin?: string | undefined;
  host?: string | undefined;
  ip?: string | null | undefined;
  /** ATLAS_ADMIN_TOKEN; unset or empty means no token is accepted. */
  adminToken?: string | undefined;
  publicRead?: boolean | undefined;
  secureCookies?: boolean | undefined;
  setCookie?: ((cookie: string) => void) | undefined;
  /** Default: in this thread. */
  work?: Work | undefined;
}

/**
 * The context of one HTTP request: who it acts as (a Bearer API key or ATLAS_ADMIN_TOKEN, else the
 * session cookie, else nobody) and what the CSRF guard needs. Only a request that carries a key or
 * a cookie costs a database look-up.
 */
export async function createContext(facts: HttpRequestFacts): Promise<Context> {
  const request: RequestFacts = {
    csrfHeader: facts.csrf || null,
    sessionCsrf: null,
    sessionId: null,
    crossSite: isCrossSite(facts.origin, facts.host),
  };
  const base = {
    db: facts.db,
    publicRead: facts.publicRead ?? true,
    ip: facts.ip ?? null,
    request,
    setCookie: facts.setCookie,
    secureCookies: facts.secureCookies ?? false,
    work: facts.work ?? inlineWork,
  };
  const bearer = bearerOf(facts.authorization);
  try {
    if (bearer !== null) {
      if (facts.adminToken && secretsEqual(bearer, facts.adminToken)) return { ...base, actor: TOKEN_ACTOR };
      const user = await apiKeyUser(facts.db, tokenHash(bearer));
      return { ...base, actor: user ? { userId: user.id, name: user.name, role: user.role, via: "api-key" } : null };
    }
    const token = readCookie(facts.cookie, SESSION_COOKIE);
    if (token !== null) {
      request.sessionId = tokenHash(token);
      const session = await sessionUser(facts.db, request.sessionId);
      if (session) {
        request.sessionCsrf = session.csrfToken;
        return { ...base, actor: { userId: session.user.id, name: session.user.name, role: session.user.role, via: "session" } };
      }
    }
  } catch (err) {
    if (isDatabaseUnavailable(err)) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: err });
    throw err;
  }
  return { ...base, actor: null };
}

/** The token of `Authorization: Bearer <token>`, or null when there is no such header. */
function bearerOf(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const m = /^Bearer\s+(\S+)\s*$/iu.exec(authorization);
  // A malformed Authorization header still counts as an attempt: it resolves to nobody.
  return m ? m[1]! : "";
}

/**
 * A browser names the page a request comes from in Origin. A page of another site may send
 * requests (a form post) but never set our CSRF header; refusing a foreign Origin outright also
 * covers login, which has no session yet.
 */
function isCrossSite(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return false;
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
