export * from "./testing.ts";
export * as recount from "./recount.ts";
