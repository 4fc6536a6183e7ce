import { type Db, type Scope, scopeProblem } from "@duty/db";
import { TRPCError } from "@trpc/server";

/** A scope naming a revision or region that does not exist is a 404 naming the field, not an empty answer. */
export async function requireScope(db: Db, scope: Scope): Promise<Scope> {
  const problem = await scopeProblem(db, scope);
  if (problem) throw new TRPCError({ code: "NOT_FOUND", message: problem });
  return scope;
}

export function notFound(message: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message });
}
