import { parentPort, workerData } from "node:worker_threads";
import type { JobModule } from "./pool.ts";

/*
 * The worker side of pool.ts: loads the jobs module, then runs one job at a time and answers with
 * its value or its error message. Values cross by structured clone, so jobs return plain data.
 */
const port = parentPort!;
const jobs = (await import((workerData as { jobs: string }).jobs)) as JobModule;

port.on("message", async ({ id, name, args }: { id: number; name: string; args: unknown[] }) => {
  try {
    const job = jobs[name];
    if (typeof job !== "function") throw new Error(`no job called ${name}`);
    port.postMessage({ id, ok: true, value: await job(...args) });
  } catch (err) {
    port.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
port.postMessage({ ready: true });
