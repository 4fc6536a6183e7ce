/*
 * Which failures mean "the database server cannot be reached right now" (retry later) rather than
 * "this query is wrong" (a bug): the API answers the first with 503, the second with 500.
 */

/** Socket errors of a server that is down, restarting or cut off. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/** SQLSTATEs of a server shutting down, starting up or out of connection slots. */
const SERVER_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** pg and pg-pool report a lost or refused connection with these messages and no code. */
const DRIVER_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "timeout expired",
  "Client has encountered a connection error and is not queryable",
];

/** True when `error` (or an error it wraps) says the PostgreSQL server is unreachable, not that the query failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!(e instanceof Error) || seen.has(e)) return false;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (SOCKET_CODES.has(code) || SERVER_STATES.has(code) || code.startsWith("08"))) return true;
    if (DRIVER_MESSAGES.some((m) => e.message.startsWith(m))) return true;
    // Node reports a refused connection to every address of a host as an AggregateError.
    if (e instanceof AggregateError && e.errors.some(visit)) return true;
    return visit(e.cause);
  };
  return visit(error);
}
