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
    /** The previous page's nextCursor ("townId:dutyId"). */
    cursor: z
      .string()
      .max(27)
      .regex(/^\d{1,10}:\d{1,16}$/u, "the nextCursor of the previous page")
      .optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .superRefine(oneScope)
  .default({ limit: 50 });

export const dutiesRouter = router({
  /**
   * Filters combine; q is literal text searched in names and steps; page on with nextCursor; total
   * counts every match up to 10,000 (totalCapped past it).
   */
  search: readProcedure.input(searchInput).query(async ({ ctx, input }) => {
    const { revisionId: _r, regionId: _g, ...filters } = input;
    const scope = await requireScope(ctx.db, toScope(input));
    return searchDuties(ctx.db, { ...filters, q: filters.q || undefined, scope });
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
