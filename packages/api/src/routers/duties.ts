import { dutyById, searchDuties, stepsOfDuties } from "@duty/db";
import { z } from "zod";
import { bigId, listKind, oneScope, scopeFields, smallId, toScope } from "../inputs.ts";
import { readProcedure, router } from "../trpc.ts";
import { notFound, requireScope } from "../scope-guard.ts";

const searchInput = z
  .object({
    ...scopeFields,
    list: listKind.optional(),
    categoryId: smallId.optional(),
    departmentId: smallId.optional(),
    q: z.string().trim().max(100).optional(),
    cursor: bigId.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .superRefine(oneScope)
  .default({ limit: 50 });

export const dutiesRouter = router({
  /** Filters combine; q is literal text searched in names and steps; page on with nextCursor. */
  search: readProcedure.input(searchInput).query(async ({ ctx, input }) => {
    const { revisionId: _r, regionId: _g, ...filters } = input;
    return searchDuties(ctx.db, { ...filters, scope: await requireScope(ctx.db, toScope(input)) });
  }),
  /** One duty with its departments and both sides' steps. */
  byId: readProcedure.input(z.object({ id: bigId }).strict()).query(async ({ ctx, input }) => {
    const duty = await dutyById(ctx.db, input.id);
    if (!duty) throw notFound(`id: no duty ${input.id}`);
    return duty;
  }),
  /** Both sides' steps of up to 200 duties (one page of a search), for exports that write the steps beside each duty. */
  steps: readProcedure
    .input(z.object({ ids: z.array(bigId).min(1).max(200) }).strict())
    .query(async ({ ctx, input }) => stepsOfDuties(ctx.db, input.ids)),
});
