import { isDatabaseUnavailable } from "@duty/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Context } from "./context.ts";

const t = initTRPC.context<Context>().create({
  // Stack traces name server paths; HTTP clients get the message and code only.
  isDev: false,
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
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(databaseOutage).use(fieldMessages);

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
