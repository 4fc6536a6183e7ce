import { listAudit } from "@duty/db";
import { z } from "zod";
import { bigId } from "../inputs.ts";
import { adminReadProcedure, router } from "../trpc.ts";

const ACTIONS = [
  "login",
  "logout",
  "import",
  "publish",
  "withdraw",
  "delete",
  "user-add",
  "user-set-role",
  "user-disable",
  "user-password",
  "api-key",
] as const;

export const auditRouter = router({
  /** The audit trail, newest first (administrators only); page on with nextCursor. */
  list: adminReadProcedure
    .input(
      z
        .object({ action: z.enum(ACTIONS).optional(), cursor: bigId.optional(), limit: z.number().int().min(1).max(1000).default(100) })
        .strict()
        .default({ limit: 100 }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
