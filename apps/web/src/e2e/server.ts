import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const API_START = resolve(WEB_ROOT, "../server/src/start.ts");
const TSX = resolve(WEB_ROOT, "node_modules/.bin/tsx");

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds the dashboard when dist/ is missing or older than its sources, the workspace packages it
 * bundles included (a change to @duty/report's writer must reach the served report): the server
 * serves dist/, not src/.
 */
export function buildIfStale(): void {
  const built = join(WEB_ROOT, "dist", ".vite", "manifest.json");
  const bundled = ["../../packages/domain/src", "../../packages/report/src"];
  const sources = ["src", "index.html", "vite.config.ts", "package.json", ...bundled].map((p) => join(WEB_ROOT, p));
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(...sources.map(newestMtime))) return;
  const result = spawnSync(join(WEB_ROOT, "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], {
    cwd: WEB_ROOT,
    stdio: "inherit",
    // The build users get: vitest sets NODE_ENV=test, and inherited it made Vite bundle React's
    // development build (index 426 kB instead of 233 kB), which the benchmarks then measured.
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

export interface RunningAtlas {
  url: string;
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * The real HTTP server (apps/server) in a child process, on a fresh PGlite folder that it seeds
 * from data/lists (or on `databaseUrl`), on a port the kernel picks. It serves the built dashboard (apps/web/dist).
 * `env` adds settings (the first administrator).
 */
export async function startAtlas(
  options: { log?: (line: string) => void; databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<RunningAtlas> {
  const dataDir = mkdtempSync(join(tmpdir(), "atlas-web-e2e-"));
  const adminToken = randomBytes(24).toString("hex");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ATLAS_DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    ATLAS_ADMIN_TOKEN: adminToken,
    ...options.env,
  };
  // A DATABASE_URL from the shell would point the test at a shared server and import into it; only
  // a caller's own database (the report benchmark's throwaway PostgreSQL) is passed on.
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const child = spawn(TSX, [API_START], { env, stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((ready, fail) => {
    let output = "";
    // A hang bound, not a speed goal: seeding PGlite took over 120 s with four engineers' jobs on two cores.
    const timer = setTimeout(() => {
      // Not left behind holding a port and a data folder when the caller gives up (SIGTERM, which tsx passes on to the server).
      child.kill("SIGTERM");
      fail(new Error(`API server did not start within 300 s:\n${output}`));
    }, 300_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      options.log?.(chunk.toString().trimEnd());
      const m = /ready at (http:\/\/\S+?)\/?\s/u.exec(output);
      if (m) {
        clearTimeout(timer);
        ready(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`API server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url,
    adminToken,
    stop: () => stopChild(child).finally(() => rmSync(dataDir, { recursive: true, force: true })),
  };
}

/** SIGTERM lets the server close PGlite cleanly; SIGKILL only if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      done();
    });
    child.kill("SIGTERM");
  });
}
