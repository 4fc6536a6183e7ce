export * from "./testing.ts";
export * as recount from "./recount.ts";
export { withBasicNotes } from "./seed-notes.ts";
