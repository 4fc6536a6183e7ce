// A worker starts as plain Node, which cannot load TypeScript: register tsx (as `tsx src/start.ts`
// does for the main thread), then load the worker itself. Plain JavaScript so Node can start it.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
