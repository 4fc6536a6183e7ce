import type { Command } from "./command.ts";
import { lint } from "./lint.ts";
import { parse } from "./parse.ts";

/** Every `atlas` subcommand, in the order `atlas help` lists them. */
export const commands: Record<string, Command> = {
  parse,
  lint,
};
