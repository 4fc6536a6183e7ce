export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./router.ts";
export { createContext, type Context } from "./context.ts";
export { createServer, listen, type ServerOptions } from "./server.ts";
export { openAtlas, start, runUntilSignal, LISTS_DIR, type StartOptions } from "./start.ts";
