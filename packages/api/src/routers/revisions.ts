import { AmbiguousPlace, deleteRevision, DocumentError, importDocument, listRevisions, loadRevision, revisionById } from "@duty/db";
import { parseRegionSpec } from "@duty/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { bigId, smallId } from "../inputs.ts";
import { adminProcedure, publicProcedure, router } from "../trpc.ts";
import { notFound, requireScope } from "../scope-guard.ts";

/** Largest import body the server accepts (HTTP 413 beyond); real lists are ~120 kB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const importInput = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[^/\\]+$/u, "a file name without folders"),
    /** The file's bytes, for any encoding (GB18030 files included). */
    contentBase64: z
      .base64()
      .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4)
      .optional(),
    /** The document as text, for callers that already hold it decoded. */
    text: z.string().max(MAX_IMPORT_BYTES).optional(),
    /** Defaults to the file name. */
    label: z.string().trim().min(1).max(200).optional(),
    effectiveDate: z.iso.date().optional(),
    /** The place when the document's titles name no town: 省/市/县/镇 (levels it lacks may be left out). */
    town: z.string().trim().min(1).max(200).optional(),
    /** The region the document belongs within, when its place fits several (a 乙市 in two provinces). */
    withinRegionId: smallId.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if ((input.contentBase64 === undefined) === (input.text === undefined)) {
      ctx.addIssue({ code: "custom", path: ["contentBase64"], message: "give exactly one of contentBase64 and text" });
    }
  });

export const revisionsRouter = router({
  /** Newest first; page on with nextCursor. */
  list: publicProcedure
    .input(
      z
        .object({ regionId: smallId.optional(), cursor: bigId.optional(), limit: z.number().int().min(1).max(500).default(100) })
        .strict()
        .default({ limit: 100 }),
    )
    .query(async ({ ctx, input }) => {
      if (input.regionId !== undefined) await requireScope(ctx.db, { regionId: input.regionId });
      return listRevisions(ctx.db, input);
    }),
  byId: publicProcedure.input(z.object({ id: bigId }).strict()).query(async ({ ctx, input }) => {
    const revision = await revisionById(ctx.db, input.id);
    if (!revision) throw notFound(`id: no revision ${input.id}`);
    return revision;
  }),
  /** The stored revision as the domain's Revision (what the differ and the linter read); titles are not stored, so null. */
  document: publicProcedure.input(z.object({ id: bigId }).strict()).query(async ({ ctx, input }) => {
    const revision = await loadRevision(ctx.db, input.id);
    if (!revision) throw notFound(`id: no revision ${input.id}`);
    return revision;
  }),
  /** Parses and stores a document; the same bytes for the same town again return the existing revision (created: false). */
  import: adminProcedure.input(importInput).mutation(async ({ ctx, input }) => {
    const bytes = input.text === undefined ? Buffer.from(input.contentBase64!, "base64") : Buffer.from(input.text, "utf8");
    const region = input.town === undefined ? undefined : parseRegionSpec(input.town);
    if (region && "error" in region) throw new TRPCError({ code: "BAD_REQUEST", message: `town: ${region.error}` });
    try {
      return await importDocument(ctx.db, bytes, input.fileName, {
        label: input.label,
        effectiveDate: input.effectiveDate,
        region,
        withinRegionId: input.withinRegionId,
      });
    } catch (err) {
      if (err instanceof DocumentError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message, cause: err });
      if (err instanceof AmbiguousPlace) throw new TRPCError({ code: "BAD_REQUEST", message: `town: ${err.message}`, cause: err });
      throw err;
    }
  }),
  delete: adminProcedure.input(z.object({ id: bigId }).strict()).mutation(async ({ ctx, input }) => {
    if (!(await deleteRevision(ctx.db, input.id))) throw notFound(`id: no revision ${input.id}`);
    return { id: input.id, deleted: true };
  }),
});
