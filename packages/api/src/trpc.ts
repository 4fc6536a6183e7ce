import { type AuditAction, isDatabaseBusy, isDatabaseUnavailable, recordAudit, type Role } from "@duty/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { atLeast, ROLE_LABELS } from "./auth/roles.ts";
import { secretsEqual } from "./auth/tokens.ts";
import type { Actor, Context } from "./context.ts";
import { MAX_BATCH_SIZE } from "./limits.ts";
import { OverBudget, PoolBusy } from "./work/pool.ts";

/** tRPC's own refusal of a batch over `maxBatchSize` (resolveResponse), which the formatter below puts in words. */
const BATCH_REFUSED = "Batch call exceeds maximum size";

/** What a procedure declares about itself: the audit action its calls are recorded as. */
export interface Meta {
  action?: AuditAction;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Stack traces name server paths; HTTP clients get the message and code only.
    isDev: false,
    errorFormatter: ({ shape, error }) =>
      error.message === BATCH_REFUSED
        ? {
            ...shape,
            message: `一次请求最多 ${MAX_BATCH_SIZE} 个调用，请分批发送 / a batch may carry at most ${MAX_BATCH_SIZE} procedure calls`,
          }
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
  if (
    !result.ok &&
    result.error.code === "INTERNAL_SERVER_ERROR" &&
    (isDatabaseBusy(result.error.cause) || result.error.cause instanceof PoolBusy)
  ) {
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

/** Any caller, signed in or not: sign-in itself and "who am I". */
export const openProcedure = t.procedure.use(databaseOutage).use(fieldMessages).use(noNul);

/** Reading: anyone when the server allows public reading, else a signed-in account (any role). */
export const readProcedure = openProcedure.use(({ ctx, next }) => {
  if (!ctx.actor && !ctx.publicRead) throw new TRPCError({ code: "UNAUTHORIZED", message: "请先登录：此服务器不公开数据" });
  return next();
});

/** The refusal for an actor without `role`: 401 for nobody, 403 for a signed-in account with too small a role. */
function roleError(actor: Actor | null, role: Role): TRPCError {
  if (!actor) {
    return new TRPCError({
      code: "UNAUTHORIZED",
      message: `请先登录：此操作需要「${ROLE_LABELS[role]}」权限（脚本请用 Authorization: Bearer <API 密钥或 ATLAS_ADMIN_TOKEN>）`,
    });
  }
  return new TRPCError({
    code: "FORBIDDEN",
    message: `${actor.name} 的角色是「${ROLE_LABELS[actor.role]}」，此操作需要「${ROLE_LABELS[role]}」权限`,
  });
}

/**
 * Every change is refused unless the request comes from our own page: a foreign Origin is refused,
 * and a request signed in by cookie must echo its session's CSRF token in x-atlas-csrf (a page of
 * another site can make the browser send the cookie but cannot read the token). API keys and
 * ATLAS_ADMIN_TOKEN are sent by scripts, never added by a browser on its own, so they need none.
 */
export function csrfRefusal(ctx: Context): TRPCError | null {
  if (ctx.request.crossSite) return new TRPCError({ code: "FORBIDDEN", message: "跨站请求被拒绝：请从履职图谱自己的页面操作" });
  if (
    ctx.actor?.via === "session" &&
    !(ctx.request.csrfHeader && ctx.request.sessionCsrf && secretsEqual(ctx.request.csrfHeader, ctx.request.sessionCsrf))
  ) {
    return new TRPCError({ code: "FORBIDDEN", message: "缺少或错误的 CSRF 令牌（x-atlas-csrf）：请刷新页面后重试" });
  }
  return null;
}

/** The revision a write names in its input ({ id } or { revisionId }), for the audit line of a refusal. */
function revisionOf(input: unknown): number | null {
  if (typeof input !== "object" || input === null) return null;
  const value = (input as { id?: unknown; revisionId?: unknown }).id ?? (input as { revisionId?: unknown }).revisionId;
  return typeof value === "number" && Number.isSafeInteger(value) ? value : null;
}

/** Records a refused or failed write in the audit trail; never hides the original error if that fails too. */
export async function auditFailure(
  ctx: Context,
  action: AuditAction,
  error: TRPCError,
  input: unknown,
  townId?: number | null,
): Promise<void> {
  const outcome = error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN" || error.code === "TOO_MANY_REQUESTS" ? "refused" : "failed";
  try {
    await recordAudit(ctx.db, {
      userId: ctx.actor?.userId ?? null,
      actor: ctx.actor?.name ?? "匿名",
      via: ctx.actor?.via ?? "anonymous",
      action,
      outcome,
      townId: townId ?? null,
      revisionId: revisionOf(input),
      detail: error.message,
      ip: ctx.ip,
    });
  } catch {
    // The refusal stands whether or not it could be written down (the database may be the problem).
  }
}

/**
 * A change that needs `role`: CSRF first, then the role. Refusals (401, 403, 429) and failures
 * of the request itself (400: a bad document) are written to the audit trail as `action`; the
 * procedure records its own success in the transaction of the change.
 */
export function writeProcedure(action: AuditAction, role: Role) {
  return openProcedure
    .meta({ action })
    .use(async ({ ctx, next, getRawInput }) => {
      const result = await next();
      if (
        !result.ok &&
        ["UNAUTHORIZED", "FORBIDDEN", "TOO_MANY_REQUESTS", "BAD_REQUEST", "PAYLOAD_TOO_LARGE"].includes(result.error.code)
      ) {
        // Only what the guards and handlers refused: a 400 from input validation is no attempt at the action.
        if (!(result.error.cause instanceof ZodError))
          await auditFailure(ctx, action, result.error, await getRawInput().catch(() => undefined), townOf(result.error));
      }
      return result;
    })
    .use(({ ctx, next }) => {
      const refusal = csrfRefusal(ctx);
      if (refusal) throw refusal;
      if (!ctx.actor || !atLeast(ctx.actor.role, role)) throw roleError(ctx.actor, role);
      return next({ ctx: { actor: ctx.actor } });
    });
}

/** A refusal that knows the town it was about, for the audit line. */
export class TownError extends TRPCError {
  constructor(
    code: "FORBIDDEN" | "BAD_REQUEST",
    message: string,
    readonly townId: number | null,
  ) {
    super({ code, message });
  }
}

function townOf(error: TRPCError): number | null {
  return error instanceof TownError ? error.townId : error.cause instanceof TownError ? error.cause.townId : null;
}

/** Queries for administrators only (users, the audit trail). */
export const adminReadProcedure = openProcedure.use(({ ctx, next }) => {
  if (!ctx.actor || !atLeast(ctx.actor.role, "admin")) throw roleError(ctx.actor, "admin");
  return next({ ctx: { actor: ctx.actor } });
});

/** Queries that need a role of at least editor (checking an upload reads nothing but costs the server work). */
export function roleProcedure(role: Role) {
  return openProcedure.use(({ ctx, next }) => {
    const refusal = csrfRefusal(ctx);
    if (refusal) throw refusal;
    if (!ctx.actor || !atLeast(ctx.actor.role, role)) throw roleError(ctx.actor, role);
    return next({ ctx: { actor: ctx.actor } });
  });
}
