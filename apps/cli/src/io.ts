import { resolve } from "node:path";

/** Where a command writes and from where it resolves relative paths. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** The directory the user typed the command in (pnpm runs scripts elsewhere and passes it as INIT_CWD). */
  cwd: string;
  /** Everything on standard input (`--password-stdin`), read only when a command asks for it. */
  stdin(): Promise<string>;
}

export function consoleIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    cwd: process.env.INIT_CWD ?? process.cwd(),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

export function resolvePath(io: Io, path: string): string {
  return resolve(io.cwd, path);
}
