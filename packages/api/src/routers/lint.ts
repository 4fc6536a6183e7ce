import { loadRevision } from "@duty/db";
import { z } from "zod";
import { bigId } from "../inputs.ts";
import { notFound } from "../scope-guard.ts";
import { publicProcedure, router } from "../trpc.ts";

export const lintRouter = router({
  /**
   * What `atlas lint` finds in a stored revision. The database keeps neither the titles nor the
   * parser's warnings, so title typos, 序号 gaps and unresolved abbreviations (县管理局) are not
   * reported here: lint the source document for those.
   */
  byRevision: publicProcedure.input(z.object({ revisionId: bigId }).strict()).query(async ({ ctx, input }) => {
    const revision = await loadRevision(ctx.db, input.revisionId);
    if (!revision) throw notFound(`revisionId: no revision ${input.revisionId}`);
    return ctx.work.run("lint", [revision], `检查修订 ${input.revisionId}`);
  }),
});
