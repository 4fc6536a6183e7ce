import { fileURLToPath } from "node:url";
import type { Io } from "./io.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SEED = "data/lists/xinjiang-changji-manas-lanzhouwan.txt";

/** An Io that records what a command printed, resolving paths from the repo root. */
export function captureIo(cwd = REPO_ROOT): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd };
}
