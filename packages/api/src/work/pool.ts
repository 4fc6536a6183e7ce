import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** A module whose exports are the jobs a worker runs: functions of cloneable arguments. */
// biome-ignore lint/suspicious/noExplicitAny: job arguments are whatever each job declares.
export type JobModule = Record<string, (...args: any[]) => unknown>;

export interface PoolOptions {
  /** The jobs module (TypeScript, loaded in each worker through tsx). */
  jobs: URL;
  /** Workers running at once; default one per core but one, so the server's own thread keeps a core. */
  size?: number;
  /** Longest a job may run before its worker is stopped and replaced. */
  timeLimitMs?: number;
  /** Heap (V8 old generation) a worker may fill before it is stopped and replaced. */
  memoryLimitMb?: number;
  /** Jobs that may wait for a worker; one more is refused as busy at once. */
  maxQueued?: number;
  /** Longest a job waits for a worker before it is refused as busy. */
  queueWaitMs?: number;
}

/** Long enough for a real document (the seed's 246 duties read, lint and diff in well under a second); a zip that inflates for minutes stops here. */
export const JOB_TIME_LIMIT_MS = 20_000;
/** A 20,000-duty document and its diff stay far below (10,000 near-identical duties diff in a 256 MB heap). */
export const JOB_MEMORY_LIMIT_MB = 512;
export const MAX_QUEUED_JOBS = 8;
/**
 * A job waits this long for a worker, then the request gets 503 「系统繁忙」: with a job's 20 s that
 * stays under the 30 s a browser or proxy commonly waits, so a client hears "busy" rather than nothing.
 */
export const QUEUE_WAIT_MS = 5_000;

/** A job stopped because it ran past its time or heap limit; its worker was replaced. */
export class OverBudget extends Error {
  override readonly name = "OverBudget";
  constructor(
    /** What was being done, as the message names it: 「比较修订 3 与 4」. */
    readonly label: string,
    readonly limit: "time" | "memory",
    /** Seconds or megabytes. */
    readonly amount: number,
  ) {
    super(
      limit === "time"
        ? `处理超时：${label}超过 ${amount} 秒仍未完成，已停止；请缩小范围或拆分文件 / processing stopped after ${amount} s`
        : `处理超时：${label}所需内存超过 ${amount} MB，已停止；请缩小范围或拆分文件 / processing stopped at its ${amount} MB memory limit`,
    );
  }
}

/** Every worker is busy and the queue is full, or a job waited too long for one. */
export class PoolBusy extends Error {
  override readonly name = "PoolBusy";
}

interface Job {
  id?: number;
  name: string;
  args: unknown[];
  label: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  waiting?: NodeJS.Timeout | undefined;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Resolves once the worker has loaded its jobs (or has gone). */
  loaded: Promise<void>;
  markLoaded(): void;
  job: Job | null;
  limit?: NodeJS.Timeout | undefined;
  /** Set once the slot's outcome is decided, so a late message or exit does nothing. */
  gone: boolean;
}

type Reply = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);

/**
 * A small pool of worker threads for CPU-heavy jobs (reading a document, lint, diff), so the
 * server's event loop never runs them. Each job has a time and a heap limit: past either, its
 * worker is terminated (fflate's unzipSync and the parser are plain JavaScript, which V8 can stop
 * anywhere) and a fresh one takes its place; the process itself never goes down. Workers start on
 * the first job and stay for the next.
 */
export class WorkerPool<J extends JobModule> {
  readonly size: number;
  readonly timeLimitMs: number;
  readonly memoryLimitMb: number;
  readonly maxQueued: number;
  readonly queueWaitMs: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers stopped for running over a limit (for tests and the load test). */
  replaced = 0;

  constructor(private readonly options: PoolOptions) {
    this.size = options.size ?? Math.max(1, availableParallelism() - 1);
    this.timeLimitMs = options.timeLimitMs ?? JOB_TIME_LIMIT_MS;
    this.memoryLimitMb = options.memoryLimitMb ?? JOB_MEMORY_LIMIT_MB;
    this.maxQueued = options.maxQueued ?? MAX_QUEUED_JOBS;
    this.queueWaitMs = options.queueWaitMs ?? QUEUE_WAIT_MS;
  }

  /** Runs `name(...args)` in a worker. `label` names the work in an over-budget message. */
  run<N extends keyof J & string>(name: N, args: Parameters<J[N]>, label: string): Promise<Awaited<ReturnType<J[N]>>> {
    if (this.closed) return Promise.reject(new Error("the worker pool is closed"));
    if (this.queue.length >= this.maxQueued) return Promise.reject(new PoolBusy(`${this.maxQueued} jobs are already waiting for a worker`));
    return new Promise((resolve, reject) => {
      const job: Job = { name, args, label, resolve: resolve as (value: unknown) => void, reject };
      job.waiting = setTimeout(() => {
        const at = this.queue.indexOf(job);
        if (at < 0) return;
        this.queue.splice(at, 1);
        reject(new PoolBusy(`waited ${this.queueWaitMs} ms for a worker`));
      }, this.queueWaitMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Starts every worker now rather than on the first jobs, and resolves once they can take jobs. */
  async warm(): Promise<void> {
    while (this.slots.size < this.size && !this.closed) this.spawn();
    await Promise.all([...this.slots].map((s) => s.loaded));
  }

  /** Workers alive, busy ones, jobs waiting. */
  stats(): { workers: number; busy: number; queued: number; replaced: number } {
    const slots = [...this.slots];
    return { workers: slots.length, busy: slots.filter((s) => s.job).length, queued: this.queue.length, replaced: this.replaced };
  }

  /** Refuses what waits, stops every worker (a running job is rejected) and resolves once they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.waiting);
      job.reject(new Error("the worker pool is closed"));
    }
    await Promise.all([...this.slots].map((slot) => this.retire(slot, new Error("the worker pool is closed"))));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = [...this.slots].find((s) => s.ready && !s.job);
      if (idle) {
        this.start(idle, this.queue.shift()!);
        continue;
      }
      if (this.slots.size < this.size) this.spawn();
      return;
    }
  }

  private spawn(): void {
    const worker = new Worker(ENTRY, {
      workerData: { jobs: this.options.jobs.href },
      // The worker registers tsx itself; inheriting `tsx src/start.ts`'s loader flags would register it twice.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb, maxYoungGenerationSizeMb: 32 },
    });
    // An idle pool must not keep a CLI or a test process alive; the server closes it on shutdown.
    worker.unref();
    let markLoaded = () => {};
    const loaded = new Promise<void>((done) => {
      markLoaded = done;
    });
    const slot: Slot = { worker, ready: false, loaded, markLoaded, job: null, gone: false };
    this.slots.add(slot);
    worker.on("message", (reply: Reply) => this.received(slot, reply));
    worker.on("error", (err: Error & { code?: string }) => {
      const job = slot.job;
      if (!job) {
        // A worker that cannot even load its jobs would fail every job the same way: say so to the waiting ones.
        if (!slot.ready) for (const waiting of this.queue.splice(0)) this.settle(waiting, err);
        void this.retire(slot);
        return;
      }
      const overHeap = err.code === "ERR_WORKER_OUT_OF_MEMORY";
      if (overHeap) this.replaced++;
      this.settle(job, overHeap ? new OverBudget(job.label, "memory", this.memoryLimitMb) : err);
      void this.retire(slot);
    });
    worker.on("exit", () => {
      slot.markLoaded();
      if (slot.job) this.settle(slot.job, new Error(`the worker running ${slot.job.name} exited`));
      slot.gone = true;
      this.slots.delete(slot);
      this.dispatch();
    });
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(job.waiting);
    slot.job = job;
    const id = this.nextId++;
    job.id = id;
    slot.limit = setTimeout(() => {
      if (slot.job !== job) return;
      this.replaced++;
      this.settle(job, new OverBudget(job.label, "time", Math.round(this.timeLimitMs / 100) / 10));
      void this.retire(slot);
    }, this.timeLimitMs);
    slot.worker.postMessage({ id, name: job.name, args: job.args });
  }

  private received(slot: Slot, reply: Reply): void {
    if ("ready" in reply) {
      slot.ready = true;
      slot.markLoaded();
      this.dispatch();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(slot.limit);
    slot.job = null;
    if (reply.ok) job.resolve(reply.value);
    else job.reject(new Error(reply.message));
    this.dispatch();
  }

  private settle(job: Job, error: Error): void {
    clearTimeout(job.waiting);
    job.reject(error);
  }

  /** Stops a worker (its job, if any, is rejected with `error`); a replacement starts when a job needs one. */
  private async retire(slot: Slot, error?: Error): Promise<void> {
    clearTimeout(slot.limit);
    const job = slot.job;
    slot.job = null;
    if (job && error) this.settle(job, error);
    if (slot.gone) return;
    slot.gone = true;
    this.slots.delete(slot);
    await slot.worker.terminate();
    this.dispatch();
  }
}
