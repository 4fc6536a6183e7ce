/*
 * Which failures mean "the database server cannot be reached right now" or "the database is too
 * busy right now" (retry later: the API answers 503 with a message for each) rather than "this
 * query is wrong" (a bug: 500).
 */

/** Socket errors of a server that is down, restarting or cut off. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/** SQLSTATEs of a server shutting down, starting up or out of connection slots. */
const SERVER_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/**
 * pg and pg-pool report a lost or refused connection with these messages and no code. A query
 * whose answer never came (pg's query_timeout: the server accepted it and then said nothing, as a
 * frozen server does) is one of them.
 */
const DRIVER_MESSAGES = [
  "Connection terminated",
  "timeout expired",
  "Client has encountered a connection error and is not queryable",
  "Query read timeout",
];

/** SQLSTATE query_canceled: here, a statement stopped by statement_timeout. */
const STATEMENT_TIMEOUT = "57014";

/** pg-pool's answer when no connection came free within connectionTimeoutMillis (every one is lent out). */
const POOL_WAIT_MESSAGE = "timeout exceeded when trying to connect";

/** The query did not run because too many were waiting for a connection, or one waited too long (connect.ts). */
export class DatabaseBusy extends Error {
  override readonly name = "DatabaseBusy";
}

/** True when `error` (or an error it wraps) says the PostgreSQL server is unreachable, not that the query failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(error, (e) => {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (SOCKET_CODES.has(code) || SERVER_STATES.has(code) || code.startsWith("08"))) return true;
    return DRIVER_MESSAGES.some((m) => e.message.startsWith(m));
  });
}

/**
 * True when `error` says the database is reachable but overloaded: every connection busy past the
 * wait (pg-pool, or the PGlite queue), too many queries waiting, or a statement over its time limit.
 */
export function isDatabaseBusy(error: unknown): boolean {
  return someCause(
    error,
    (e) => e instanceof DatabaseBusy || e.message.startsWith(POOL_WAIT_MESSAGE) || (e as { code?: unknown }).code === STATEMENT_TIMEOUT,
  );
}

function someCause(error: unknown, test: (e: Error) => boolean): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!(e instanceof Error) || seen.has(e)) return false;
    seen.add(e);
    if (test(e)) return true;
    // Node reports a refused connection to every address of a host as an AggregateError.
    if (e instanceof AggregateError && e.errors.some(visit)) return true;
    return visit(e.cause);
  };
  return visit(error);
}
