export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./router.ts";
export { createContext, type Context } from "./context.ts";
export { BUSY_MESSAGE, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "./trpc.ts";
export { MAX_BATCH_SIZE } from "./limits.ts";
export { MAX_IMPORT_BYTES } from "./routers/revisions.ts";
export { createWorkPool, inlineWork, type Work } from "./work/work.ts";
export { OverBudget, PoolBusy, type WorkerPool } from "./work/pool.ts";
