import { reportFigures } from "@duty/db";
import { scopeInput, toScope } from "../inputs.ts";
import { requireScope } from "../scope-guard.ts";
import { readProcedure, router } from "../trpc.ts";

/**
 * The figures of a report (Word document, printed page): the dashboard's statistics of a scope and
 * the rankings its summary quotes, in one answer, so every report of a scope states the same numbers.
 */
export const reportRouter = router({
  overview: readProcedure
    .input(scopeInput)
    .query(async ({ ctx, input }) => reportFigures(ctx.db, await requireScope(ctx.db, toScope(input)))),
});
