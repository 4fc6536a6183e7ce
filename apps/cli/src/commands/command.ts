import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Io } from "../io.ts";

export interface Command {
  usage: string;
  summary: string;
  run(args: string[], io: Io): Promise<number>;
}

/**
 * Reads a command line the one way every command does: unknown flags or the wrong number of
 * operands print `用法：atlas <name> <usage>` (with the reason) and give null, so the command
 * returns exit code 2.
 */
export function readArgs<const O extends NonNullable<ParseArgsConfig["options"]>>(
  io: Io,
  args: string[],
  usage: string,
  options: O,
  /** How many operands: exactly this many, at least `min`, or null: any number (the command checks). */
  operands: number | { min: number } | null,
) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    const count = parsed.positionals.length;
    if (operands !== null && (typeof operands === "number" ? count !== operands : count < operands.min)) {
      io.err(usage);
      return null;
    }
    return parsed;
  } catch (err) {
    io.err(`${usage}（${(err as Error).message}）`);
    return null;
  }
}
