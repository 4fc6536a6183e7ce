import { regionTree } from "@duty/db";
import { publicProcedure, router } from "../trpc.ts";

export const regionsRouter = router({
  /** Province → prefecture → county → town, with each town's latest revision. */
  tree: publicProcedure.query(({ ctx }) => regionTree(ctx.db)),
});
