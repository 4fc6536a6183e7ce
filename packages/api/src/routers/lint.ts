import { loadRevision, revisionSource } from "@duty/db";
import { parseRegionSpec } from "@duty/domain";
import { z } from "zod";
import { bigId } from "../inputs.ts";
import { notFound } from "../scope-guard.ts";
import { readProcedure, router } from "../trpc.ts";
import { readReceived } from "../documents.ts";

export const lintRouter = router({
  /**
   * What `atlas lint` finds in the file a stored revision was imported from: the original bytes are
   * read again as they were imported (with the 省/市/县/镇 given then), so title typos, 序号 gaps
   * and unresolved abbreviations (县管理局) are found too. A revision imported before the bytes were
   * kept is linted from its stored rows, which hold no titles and no parser warnings:
   * `fromOriginal` says which.
   */
  byRevision: readProcedure.input(z.object({ revisionId: bigId }).strict()).query(async ({ ctx, input }) => {
    const source = await revisionSource(ctx.db, input.revisionId);
    if (source) {
      const spec = source.townSpec === null ? undefined : parseRegionSpec(source.townSpec);
      const region = spec && !("error" in spec) ? spec : undefined;
      const parsed = await readReceived(
        { fileName: source.fileName, bytes: source.bytes, region, townSpec: source.townSpec ?? undefined },
        ctx.work,
      );
      // The bytes were read when they were imported; a reader changed since then may refuse them: fall back to the rows.
      if (parsed.ok)
        return {
          fromOriginal: true,
          fileName: source.fileName,
          findings: await ctx.work.run("lint", [parsed.revision, parsed.warnings], `检查修订 ${input.revisionId}`),
        };
    }
    const revision = await loadRevision(ctx.db, input.revisionId);
    if (!revision) throw notFound(`revisionId: no revision ${input.revisionId}`);
    return { fromOriginal: false, fileName: null, findings: await ctx.work.run("lint", [revision], `检查修订 ${input.revisionId}`) };
  }),
});
