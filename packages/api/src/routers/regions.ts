import { regionById, regionChildren, regionsNamed, scopeSources, searchRegions } from "@duty/db";
import { z } from "zod";
import { scopeInput, smallId, toScope } from "../inputs.ts";
import { notFound, requireScope } from "../scope-guard.ts";
import { readProcedure, router } from "../trpc.ts";

/** Regions a level at a time or by name: never the whole tree (about 45,000 regions nationally). */
export const regionsRouter = router({
  /** Regions whose name contains q or whose pinyin initials start with it (mnsx → 玛纳斯县), with their path. */
  search: readProcedure
    .input(z.object({ q: z.string().trim().min(1).max(50), limit: z.number().int().min(1).max(50).default(20) }).strict())
    .query(({ ctx, input }) => searchRegions(ctx.db, input.q, input.limit)),
  /** The regions directly below parentId (the top of the tree without it). */
  children: readProcedure
    .input(
      z
        .object({ parentId: smallId.optional(), limit: z.number().int().min(1).max(500).default(500) })
        .strict()
        .default({ limit: 500 }),
    )
    .query(({ ctx, input }) => regionChildren(ctx.db, input.parentId ?? null, input.limit)),
  /** One region with its path and town count. */
  byId: readProcedure.input(z.object({ id: smallId }).strict()).query(async ({ ctx, input }) => {
    const region = await regionById(ctx.db, input.id);
    if (!region) throw notFound(`id: no region ${input.id} with a town's revision`);
    return region;
  }),
  /** How many towns a scope reads and the first few of their revisions and documents, to name the scope beside exports. */
  sources: readProcedure
    .input(scopeInput)
    .query(async ({ ctx, input }) => scopeSources(ctx.db, await requireScope(ctx.db, toScope(input)))),
  /** Regions of this exact name, with their parent's name (a county given by name on the command line). */
  named: readProcedure
    .input(z.object({ name: z.string().trim().min(1).max(100) }).strict())
    .query(({ ctx, input }) => regionsNamed(ctx.db, input.name)),
});
