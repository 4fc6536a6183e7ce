import type { Io } from "../io.ts";

export interface Command {
  usage: string;
  summary: string;
  run(args: string[], io: Io): Promise<number>;
}
