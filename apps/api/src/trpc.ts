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

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(fieldMessages);

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
