import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { auditRouter } from "./routers/audit.ts";
import { authRouter } from "./routers/auth.ts";
import { departmentsRouter } from "./routers/departments.ts";
import { diffRouter } from "./routers/diff.ts";
import { dutiesRouter } from "./routers/duties.ts";
import { lintRouter } from "./routers/lint.ts";
import { regionsRouter } from "./routers/regions.ts";
import { reportRouter } from "./routers/report.ts";
import { revisionsRouter } from "./routers/revisions.ts";
import { statsRouter } from "./routers/stats.ts";
import { usersRouter } from "./routers/users.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  regions: regionsRouter,
  revisions: revisionsRouter,
  stats: statsRouter,
  duties: dutiesRouter,
  departments: departmentsRouter,
  lint: lintRouter,
  diff: diffRouter,
  report: reportRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Calls procedures in-process (tests, the CLI): `createCaller(localContext(db)).stats.overview()`. */
export const createCaller = createCallerFactory(appRouter);
