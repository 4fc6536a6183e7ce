import { ParseError, type ParseOptions, type ParseResult } from "@duty/domain";
import * as jobs from "./jobs.ts";
import { WorkerPool, type PoolOptions } from "./pool.ts";

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;

/** Where routers run CPU-heavy work: the server's worker pool, or in-process for the CLI and router tests. */
export interface Work {
  run<N extends JobName>(name: N, args: Parameters<Jobs[N]>, label: string): Promise<Awaited<ReturnType<Jobs[N]>>>;
}

/** In the calling thread: for the CLI, whose one user waits for their own command, and for router tests. */
export const inlineWork: Work = {
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: jobs.ts is the pool's job table; looking a job up by name is its purpose.
  run: async (name, args) => (jobs[name] as (...a: typeof args) => unknown)(...args) as never,
};

/** The server's pool over the jobs of jobs.ts; close() it on shutdown. */
export function createWorkPool(options: Omit<PoolOptions, "jobs"> = {}): WorkerPool<Jobs> {
  return new WorkerPool<Jobs>({ ...options, jobs: new URL("./jobs.ts", import.meta.url) });
}

/** Reads a document through `work`, with a failure rebuilt as the located ParseError the write path reports. */
export async function readDocumentWith(work: Work, bytes: Uint8Array, options: ParseOptions, label: string): Promise<ParseResult> {
  const result = await work.run("readDocument", [bytes, options], label);
  if (result.ok) return result;
  const { code, line, at, list, column, text, detail } = result.error;
  return { ok: false, error: new ParseError(code, { line, at }, list, column, text, detail) };
}
