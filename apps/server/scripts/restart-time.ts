/**
 * How long the server takes to be ready when restarted on a data folder that already holds the
 * imported lists (the everyday case; goal < 3 s). Starts `tsx src/start.ts` on a fresh temporary
 * PGlite folder: the first run creates and fills it, then three restarts are timed and the median
 * is the figure (a shared machine's load spikes would make one run misleading).
 * Exits 1 when the median misses the goal.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const GOAL_MS = 3000;
const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
const READY = "Duty Atlas ready at";

async function timeToReady(dataDir: string): Promise<number> {
  const began = performance.now();
  const child = spawn(join(SERVER_DIR, "node_modules", ".bin", "tsx"), ["src/start.ts"], {
    cwd: SERVER_DIR,
    // PGlite in the given folder whatever the caller's environment says; port 0 so nothing clashes.
    env: { ...process.env, DATABASE_URL: "", ATLAS_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((ready, fail) => {
      let out = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes(READY)) ready();
      });
      child.once("exit", (code) => fail(new Error(`src/start.ts exited with code ${code} before it was ready:\n${out}`)));
    });
    return performance.now() - began;
  } finally {
    await stop(child);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

const dataDir = mkdtempSync(join(tmpdir(), "atlas-restart-"));
try {
  const first = await timeToReady(dataDir);
  const restarts: number[] = [];
  for (let i = 0; i < 3; i++) restarts.push(await timeToReady(dataDir));
  const median = [...restarts].sort((a, b) => a - b)[1]!;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`first start (create the folder, migrate, import data/lists): ${seconds(first)}`);
  console.log(
    `restart on the existing data folder: ${seconds(median)} median of ${restarts.map(seconds).join(", ")} (goal < ${seconds(GOAL_MS)})`,
  );
  if (median >= GOAL_MS) process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
