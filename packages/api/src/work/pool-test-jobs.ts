import { threadId } from "node:worker_threads";

/* Jobs for pool.test.ts: what a runaway or greedy job does, without needing a hostile document. */

export function whereAmI(): number {
  return threadId;
}

/** Keeps the worker's thread busy (no await: a timer could not interrupt it) for `ms`. */
export function spin(ms: number): number {
  const until = Date.now() + ms;
  let n = 0;
  while (Date.now() < until) n++;
  return n;
}

/** Keeps every array it makes until the heap limit stops it. */
export function hoard(): number {
  const kept: number[][] = [];
  for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i));
}

export function fail(message: string): never {
  throw new Error(message);
}
