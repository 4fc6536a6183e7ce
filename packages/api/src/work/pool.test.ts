import { threadId } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import type * as TestJobs from "./pool-test-jobs.ts";
import { OverBudget, PoolBusy, WorkerPool } from "./pool.ts";

const JOBS = new URL("./pool-test-jobs.ts", import.meta.url);

describe("WorkerPool", () => {
  let pool: WorkerPool<typeof TestJobs> | undefined;
  afterEach(() => pool?.close());

  it("runs a job on another thread and keeps the worker for the next one", async () => {
    pool = new WorkerPool<typeof TestJobs>({ jobs: JOBS, size: 1 });
    const first = await pool.run("whereAmI", [], "定位");
    expect(first).not.toBe(threadId);
    expect(await pool.run("whereAmI", [], "定位")).toBe(first);
    expect(pool.stats()).toMatchObject({ workers: 1, busy: 0, queued: 0, replaced: 0 });
  });

  it("stops a job past its time limit with 「处理超时」, replaces the worker, and never blocks this thread", async () => {
    pool = new WorkerPool<typeof TestJobs>({ jobs: JOBS, size: 1, timeLimitMs: 300 });
    const before = await pool.run("whereAmI", [], "定位");
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const error = await pool.run("spin", [60_000], "比较修订 3 与 4").catch((e: unknown) => e);
    clearInterval(ticker);
    expect(error).toBeInstanceOf(OverBudget);
    expect((error as Error).message).toMatch(/^处理超时：比较修订 3 与 4超过 0.3 秒仍未完成/u);
    // The event loop kept turning while the worker spun (a 10 ms timer over 300 ms or more).
    expect(ticks).toBeGreaterThan(5);
    const after = await pool.run("whereAmI", [], "定位");
    expect(after).not.toBe(before);
    expect(pool.stats()).toMatchObject({ workers: 1, replaced: 1 });
  });

  it("stops a job past its heap limit with 「处理超时」 naming the limit, and replaces the worker", async () => {
    pool = new WorkerPool<typeof TestJobs>({ jobs: JOBS, size: 1, memoryLimitMb: 64, timeLimitMs: 120_000 });
    const error = await pool.run("hoard", [], "读取文件 x.docx").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverBudget);
    expect(error).toMatchObject({ limit: "memory", amount: 64 });
    expect((error as Error).message).toMatch(/^处理超时：读取文件 x\.docx所需内存超过 64 MB/u);
    expect(await pool.run("spin", [1], "x")).toBeGreaterThanOrEqual(0);
    expect(pool.stats().replaced).toBe(1);
  });

  it("passes a job's own error on and keeps its worker", async () => {
    pool = new WorkerPool<typeof TestJobs>({ jobs: JOBS, size: 1 });
    const worker = await pool.run("whereAmI", [], "定位");
    await expect(pool.run("fail", ["坏输入"], "x")).rejects.toThrow("坏输入");
    expect(await pool.run("whereAmI", [], "定位")).toBe(worker);
  });

  it("refuses a job as busy when the queue is full, and one that waited too long", async () => {
    pool = new WorkerPool<typeof TestJobs>({ jobs: JOBS, size: 1, maxQueued: 1, queueWaitMs: 500, timeLimitMs: 60_000 });
    // Started first, so the 500 ms allowance is spent waiting behind a job rather than on the worker's start.
    await pool.warm();
    const running = pool.run("spin", [3_000], "x");
    const waiting = pool.run("spin", [1], "x");
    await expect(pool.run("spin", [1], "x")).rejects.toBeInstanceOf(PoolBusy);
    // The queued job waits behind a 3 s job, past its 500 ms allowance.
    await expect(waiting).rejects.toBeInstanceOf(PoolBusy);
    expect(await running).toBeGreaterThan(0);
  });

  it("rejects what is left when closed", async () => {
    pool = new WorkerPool<typeof TestJobs>({ jobs: JOBS, size: 1, timeLimitMs: 60_000 });
    const running = expect(pool.run("spin", [30_000], "x")).rejects.toThrow("the worker pool is closed");
    await new Promise((r) => setTimeout(r, 200));
    await pool.close();
    await running;
    await expect(pool.run("spin", [1], "x")).rejects.toThrow("the worker pool is closed");
    expect(pool.stats().workers).toBe(0);
  });
});
