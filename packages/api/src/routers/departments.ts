import { departmentById } from "@duty/db";
import { z } from "zod";
import { oneScope, pageCursor, pageLimit, scopeFields, smallId, toScope } from "../inputs.ts";
import { readProcedure, router } from "../trpc.ts";
import { notFound, requireScope } from "../scope-guard.ts";

export const departmentsRouter = router({
  /**
   * The department's mirror view over the latest revision of every town by default: its duties per
   * category, and a page (`limit`, 20 by default) of the duties it leads and of those it received,
   * each list paged by its own cursor.
   */
  byId: readProcedure
    .input(
      z
        .object({
          id: smallId,
          ...scopeFields,
          limit: pageLimit,
          ledCursor: pageCursor,
          receivedCursor: pageCursor,
        })
        .strict()
        .superRefine(oneScope),
    )
    .query(async ({ ctx, input }) => {
      const { limit, ledCursor, receivedCursor } = input;
      const view = await departmentById(ctx.db, input.id, await requireScope(ctx.db, toScope(input)), { limit, ledCursor, receivedCursor });
      if (!view) throw notFound(`id: no department ${input.id}`);
      return view;
    }),
});
