import { type Db, type ResolvedScope, resolveScope, type Scope } from "@duty/db";
import { TRPCError } from "@trpc/server";

/**
 * Resolves the request's scope once, for every query of the procedure to share. A scope naming a
 * revision or region that does not exist is a 404 naming the field, not an empty answer.
 */
export async function requireScope(db: Db, scope: Scope): Promise<ResolvedScope> {
  const resolved = await resolveScope(db, scope);
  if (resolved.kind === "none" && resolved.missing) throw notFound(resolved.missing);
  return resolved;
}

export function notFound(message: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message });
}
