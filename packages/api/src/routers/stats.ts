import {
  departmentCategoryMatrix,
  departmentLoad,
  departmentLoadByShortName,
  dutiesByCategory,
  overview,
  reclaimedVsRetained,
} from "@duty/db";
import { z } from "zod";
import { oneScope, scopeFields, scopeInput, toScope } from "../inputs.ts";
import { readProcedure, router } from "../trpc.ts";
import { requireScope } from "../scope-guard.ts";

const matrixInput = z
  .object({ ...scopeFields, by: z.enum(["department", "shortName"]).default("department") })
  .strict()
  .superRefine(oneScope)
  .default({ by: "department" });

/** Statistics over a scope: { revisionId } | { regionId } | {} (the latest revision of every town). */
export const statsRouter = router({
  overview: readProcedure.input(scopeInput).query(async ({ ctx, input }) => overview(ctx.db, await requireScope(ctx.db, toScope(input)))),
  byCategory: readProcedure
    .input(scopeInput)
    .query(async ({ ctx, input }) => dutiesByCategory(ctx.db, await requireScope(ctx.db, toScope(input)))),
  reclaimedVsRetained: readProcedure
    .input(scopeInput)
    .query(async ({ ctx, input }) => reclaimedVsRetained(ctx.db, await requireScope(ctx.db, toScope(input)))),
  /** Per county department, and the same bureau of every county added up by short name. */
  departmentLoad: readProcedure.input(scopeInput).query(async ({ ctx, input }) => {
    const scope = await requireScope(ctx.db, toScope(input));
    return { departments: await departmentLoad(ctx.db, scope), shortNames: await departmentLoadByShortName(ctx.db, scope) };
  }),
  /** Cells per county department, or by="shortName" per bureau across counties. */
  matrix: readProcedure
    .input(matrixInput)
    .query(async ({ ctx, input }) => departmentCategoryMatrix(ctx.db, await requireScope(ctx.db, toScope(input)), input.by)),
});
