import { loadRevisions, revisionsInScope } from "@duty/db";
import { townSpecificDuties } from "@duty/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { bigId, smallId } from "../inputs.ts";
import { notFound, requireScope } from "../scope-guard.ts";
import { readProcedure, router } from "../trpc.ts";

/**
 * Most towns `diff.townsInRegion` compares at once: the differ's goal is 20 towns under a second
 * (diff.bench.ts), and every town's own duties travel in the answer. A county has a few dozen towns at most (昆山 10, 商都 10), so a larger
 * region is a prefecture or province asked by mistake.
 */
export const MAX_COMPARED_TOWNS = 40;

export const diffRouter = router({
  /** Duty by duty, what changed from one stored revision to another (of one town, or of two towns). */
  compare: readProcedure.input(z.object({ from: bigId, to: bigId }).strict()).query(async ({ ctx, input }) => {
    const loaded = await loadRevisions(ctx.db, [input.from, input.to]);
    const before = loaded.get(input.from);
    if (!before) throw notFound(`from: no revision ${input.from}`);
    const after = loaded.get(input.to);
    if (!after) throw notFound(`to: no revision ${input.to}`);
    return ctx.work.run("diff", [before, after], `比较修订 ${input.from} 与 ${input.to}`);
  }),
  /**
   * Which duties the towns of a region share and which are one town's own, over each town's latest
   * revision (towns by name): counts per town, and each town's own duties (`town`: index in `towns`).
   */
  townsInRegion: readProcedure.input(z.object({ regionId: smallId }).strict()).query(async ({ ctx, input }) => {
    const towns = await revisionsInScope(ctx.db, await requireScope(ctx.db, { regionId: input.regionId }));
    if (towns.length > MAX_COMPARED_TOWNS) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `regionId: region ${input.regionId} has ${towns.length} towns with a revision; compare at most ${MAX_COMPARED_TOWNS} at once (choose a county rather than a prefecture or province)`,
      });
    }
    const loaded = await loadRevisions(
      ctx.db,
      towns.map((t) => t.revisionId),
    );
    // A revision deleted between the two look-ups drops its town rather than failing the comparison.
    const compared = towns.flatMap((t) => {
      const revision = loaded.get(t.revisionId);
      return revision ? [{ revisionId: t.revisionId, revision }] : [];
    });
    const shared = await ctx.work.run(
      "compareTowns",
      [compared.map((c) => c.revision)],
      `比较地区 ${input.regionId} 的 ${compared.length} 个乡镇`,
    );
    // The answer names each town's own duties, not every group: 37 towns' groups with a member per
    // town were 2.6 MB, and the dashboard shows the summary and the towns' own duties only.
    return {
      revisionIds: compared.map((c) => c.revisionId),
      towns: shared.towns,
      summary: shared.summary,
      specific: townSpecificDuties(shared),
    };
  }),
});
