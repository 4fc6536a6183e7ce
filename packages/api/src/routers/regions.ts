import { regionsNamed, regionTree } from "@duty/db";
import { z } from "zod";
import { readProcedure, router } from "../trpc.ts";

export const regionsRouter = router({
  /** Province → prefecture → county → town, with each town's standing (latest published) revision. */
  tree: readProcedure.query(({ ctx }) => regionTree(ctx.db)),
  /** Regions of this exact name, with their parent's name (a county given by name on the command line). */
  named: readProcedure.input(z.object({ name: z.string().trim().min(1).max(100) }).strict()).query(({ ctx, input }) => regionsNamed(ctx.db, input.name)),
});
