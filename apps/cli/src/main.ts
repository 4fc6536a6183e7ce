import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commands } from "./commands/index.ts";
import { consoleIo, type Io } from "./io.ts";

/** Runs one `atlas` command line; returns the exit code. Tests call this directly. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    if (name && name !== "help" && name !== "--help") io.err(`atlas: 未知命令 "${name}"`);
    io.out("用法 usage: atlas <command> …\n");
    for (const [key, c] of Object.entries(commands)) io.out(`  atlas ${key} ${c.usage}\n      ${c.summary}`);
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    // Anything a command did not anticipate still ends in one readable line, never a stack trace.
    io.err(`atlas ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `atlas parse x --json | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  run(process.argv.slice(2), consoleIo()).then((code) => {
    process.exitCode = code;
  });
}
