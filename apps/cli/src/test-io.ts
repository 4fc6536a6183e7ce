import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Engine } from "@duty/db";
import { createTestDatabaseUrl } from "@duty/db/test";
import { afterAll, beforeAll, vi } from "vitest";
import type { Io } from "./io.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SEED = "data/lists/xinjiang-changji-manas-lanzhouwan.txt";

/** An Io that records what a command printed, resolving paths from the repo root; `input` is its standard input. */
export function captureIo(cwd = REPO_ROOT, input = ""): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, stdin: async () => input };
}

/**
 * Points the CLI's database at a fresh one for the enclosing describe block: an empty PostgreSQL
 * database (engine "postgres") or an embedded folder in a temporary directory, which it returns.
 */
export function useFreshDatabase(engine: Engine, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let database: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    if (engine === "postgres") database = await createTestDatabaseUrl();
    vi.stubEnv("DATABASE_URL", database?.url ?? "");
    vi.stubEnv("ATLAS_DATA_DIR", join(dir, "data"));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
