import {
  departmentCategoryMatrix,
  departmentLoad,
  departmentLoadByShortName,
  dutiesByCategory,
  LOAD_SORTS,
  overview,
  reclaimedVsRetained,
  TOWN_SHARE_SORTS,
  townShareHistogram,
  townShares,
} from "@duty/db";
import { z } from "zod";
import { oneScope, pageCursor, pageLimit, scopeFields, scopeInput, toScope } from "../inputs.ts";
import { requireScope } from "../scope-guard.ts";
import { readProcedure, router } from "../trpc.ts";

const page = { limit: pageLimit, cursor: pageCursor };

const by = z.enum(["department", "shortName"]).default("department");

const loadInput = z
  .object({
    ...scopeFields,
    ...page,
    sort: z.enum(LOAD_SORTS).default("total"),
    /** Only departments whose name (or short name) contains every word of this text (spaces separate words). */
    q: z.string().trim().max(50).optional(),
  })
  .strict()
  .superRefine(oneScope)
  .default({ limit: 20, sort: "total" });

const matrixInput = z
  .object({ ...scopeFields, ...page, by })
  .strict()
  .superRefine(oneScope)
  .default({ limit: 20, by: "department" });

const townSharesInput = z
  .object({ ...scopeFields, ...page, sort: z.enum(TOWN_SHARE_SORTS).default("town") })
  .strict()
  .superRefine(oneScope)
  .default({ limit: 20, sort: "town" });

/** Statistics over a scope: { revisionId } | { regionId } | {} (the latest revision of every town). */
export const statsRouter = router({
  overview: readProcedure.input(scopeInput).query(async ({ ctx, input }) => overview(ctx.db, await requireScope(ctx.db, toScope(input)))),
  byCategory: readProcedure
    .input(scopeInput)
    .query(async ({ ctx, input }) => dutiesByCategory(ctx.db, await requireScope(ctx.db, toScope(input)))),
  reclaimedVsRetained: readProcedure
    .input(scopeInput)
    .query(async ({ ctx, input }) => reclaimedVsRetained(ctx.db, await requireScope(ctx.db, toScope(input)))),
  /** A page of county departments, heaviest first by default (led + received, then led, received). */
  departmentLoad: readProcedure.input(loadInput).query(async ({ ctx, input }) => {
    const scope = await requireScope(ctx.db, toScope(input));
    return departmentLoad(ctx.db, scope, { limit: input.limit, cursor: input.cursor, sort: input.sort, q: input.q || undefined });
  }),
  /** The same for bureaus added up across the counties in scope by short name (民政局 of every county). */
  shortNameLoad: readProcedure.input(loadInput).query(async ({ ctx, input }) => {
    const scope = await requireScope(ctx.db, toScope(input));
    return departmentLoadByShortName(ctx.db, scope, {
      limit: input.limit,
      cursor: input.cursor,
      sort: input.sort,
      q: input.q || undefined,
    });
  }),
  /** Department × category cells for a page of departments (or short names), heaviest first. */
  matrix: readProcedure
    .input(matrixInput)
    .query(async ({ ctx, input }) =>
      departmentCategoryMatrix(ctx.db, await requireScope(ctx.db, toScope(input)), input.by, { limit: input.limit, cursor: input.cursor }),
    ),
  /** Each town's standing revision with its list counts and shares (the revision asked for, in a revision's scope). */
  townShares: readProcedure
    .input(townSharesInput)
    .query(async ({ ctx, input }) =>
      townShares(ctx.db, await requireScope(ctx.db, toScope(input)), { limit: input.limit, cursor: input.cursor, sort: input.sort }),
    ),
  /** Towns by delegated share, in 20 bins of 5 percentage points. */
  townShareHistogram: readProcedure
    .input(scopeInput)
    .query(async ({ ctx, input }) => townShareHistogram(ctx.db, await requireScope(ctx.db, toScope(input)))),
});
