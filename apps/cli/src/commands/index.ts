import type { Command } from "./command.ts";
import { importCommand } from "./import.ts";
import { diff } from "./diff.ts";
import { exportDb } from "./export-db.ts";
import { lint } from "./lint.ts";
import { parse } from "./parse.ts";
import { report } from "./report.ts";
import { restoreDb } from "./restore-db.ts";
import { serve } from "./serve.ts";
import { stats } from "./stats.ts";

/** Every `atlas` subcommand, in the order `atlas help` lists them. */
export const commands: Record<string, Command> = {
  parse,
  lint,
  diff,
  serve,
  import: importCommand,
  stats,
  report,
  "export-db": exportDb,
  "restore-db": restoreDb,
};
