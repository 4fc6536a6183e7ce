import { departmentById } from "@duty/db";
import { z } from "zod";
import { oneScope, scopeFields, smallId, toScope } from "../inputs.ts";
import { readProcedure, router } from "../trpc.ts";
import { notFound, requireScope } from "../scope-guard.ts";

export const departmentsRouter = router({
  /** The department's mirror view: every duty it leads or received, over the latest revision of every town by default. */
  byId: readProcedure
    .input(
      z
        .object({ id: smallId, ...scopeFields })
        .strict()
        .superRefine(oneScope),
    )
    .query(async ({ ctx, input }) => {
      const view = await departmentById(ctx.db, input.id, await requireScope(ctx.db, toScope(input)));
      if (!view) throw notFound(`id: no department ${input.id}`);
      return view;
    }),
});
