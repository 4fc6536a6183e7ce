export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./router.ts";
export { createContext, type Context } from "./context.ts";
export { UNAVAILABLE_MESSAGE } from "./trpc.ts";
export { MAX_IMPORT_BYTES } from "./routers/revisions.ts";
