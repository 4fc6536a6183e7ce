export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./router.ts";
export {
  cliActor,
  createContext,
  localContext,
  TOKEN_ACTOR,
  type Actor,
  type Context,
  type HttpRequestFacts,
  type Via,
} from "./context.ts";
export { BUSY_MESSAGE, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "./trpc.ts";
export { MAX_BATCH_SIZE } from "./limits.ts";
export { MAX_IMPORT_BYTES, MAX_REQUEST_BYTES } from "./documents.ts";
export { hashPassword, generatePassword, MIN_PASSWORD_LENGTH } from "./auth/passwords.ts";
export { ROLE_LABELS, parseRole } from "./auth/roles.ts";
export { SESSION_COOKIE } from "./auth/cookies.ts";
export { LOGIN_LIMITS } from "./routers/auth.ts";
export { createWorkPool, inlineWork, type Work } from "./work/work.ts";
export { OverBudget, PoolBusy, type WorkerPool } from "./work/pool.ts";
