import { resolve } from "node:path";

/** Where a command writes and from where it resolves relative paths. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** The directory the user typed the command in (pnpm runs scripts elsewhere and passes it as INIT_CWD). */
  cwd: string;
}

export function consoleIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  };
}

export function resolvePath(io: Io, path: string): string {
  return resolve(io.cwd, path);
}
