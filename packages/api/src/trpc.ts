import { isDatabaseBusy, isDatabaseUnavailable } from "@duty/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Context } from "./context.ts";
import { MAX_BATCH_SIZE } from "./limits.ts";
import { OverBudget, PoolBusy } from "./work/pool.ts";


/** tRPC's own refusal of a batch over `maxBatchSize` (resolveResponse), which the formatter below puts in words. */
const BATCH_REFUSED = "Batch call exceeds maximum size";

const t = initTRPC.context<Context>().create({
  // Stack traces name server paths; HTTP clients get the message and code only.
  isDev: false,
  errorFormatter: ({ shape, error }) =>
    error.message === BATCH_REFUSED
      ? { ...shape, message: `一次请求最多 ${MAX_BATCH_SIZE} 个调用，请分批发送 / a batch may carry at most ${MAX_BATCH_SIZE} procedure calls` }
      : shape,
});

/**
 * Rewrites input errors to "limit: Too big: expected number to be <=200" instead of a JSON dump of
 * issues. Done on the error itself, not in an error formatter, so in-process callers (CLI, tests)
 * read the same message as HTTP clients.
 */
const fieldMessages = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ZodError) {
    result.error.message = result.error.cause.issues.map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`).join("; ");
  }
  return result;
});

/** What a client reads while the database server is down; the request may simply be repeated. */
export const UNAVAILABLE_MESSAGE = "数据库暂时无法连接，请稍后重试 / The database is unavailable right now; please retry shortly";

/** What a client reads while the database or the worker pool is saturated; sent with Retry-After. */
export const BUSY_MESSAGE = "系统繁忙，请稍后重试 / The server is busy right now; please retry shortly";

/** Seconds a client is asked to wait (Retry-After) after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A database server that is down or restarting is not a bug of the request: 503 (SERVICE_UNAVAILABLE),
 * which tells clients and proxies to retry, instead of a 500. The pool reconnects by itself once
 * the server is back, so nothing else needs to happen.
 */
const databaseOutage = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: result.error.cause });
  }
  // Reachable but saturated (every connection lent out past the wait, too many queries queued, a
  // statement over statement_timeout, every worker busy): also worth a retry, but not an outage.
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && (isDatabaseBusy(result.error.cause) || result.error.cause instanceof PoolBusy)) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: BUSY_MESSAGE, cause: result.error.cause });
  }
  // A job stopped by its time or heap limit: the same request would be stopped again, so 422, not a retry.
  if (!result.ok && result.error.cause instanceof OverBudget) {
    throw new TRPCError({ code: "UNPROCESSABLE_CONTENT", message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

/** The first string in `value` holding a NUL character, as a field path ("label", "items.2.name"), or null. */
function nulField(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\0") ? path || "input" : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulField(inner, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/**
 * No text the app stores or searches can hold NUL (PostgreSQL refuses it in text, with a message
 * that would reach the client as a 500). Checked on the raw input of every procedure, those added
 * later included, before its own schema runs.
 */
const noNul = t.middleware(async ({ getRawInput, next }) => {
  const field = nulField(await getRawInput(), "");
  if (field) throw new TRPCError({ code: "BAD_REQUEST", message: `${field}: 含有空字符（\\0），不予接受 / contains a NUL character` });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(databaseOutage).use(fieldMessages).use(noNul);

/** Mutations: only with `Authorization: Bearer <ATLAS_ADMIN_TOKEN>`; with no token configured, never. */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.isAdmin) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Authorization: this change needs the header `Authorization: Bearer <ATLAS_ADMIN_TOKEN>` (changes are refused while ATLAS_ADMIN_TOKEN is unset)",
    });
  }
  return next();
});
