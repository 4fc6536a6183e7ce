import type { Command } from "./command.ts";
import { audit } from "./audit.ts";
import { importCommand } from "./import.ts";
import { diff } from "./diff.ts";
import { exportDb } from "./export-db.ts";
import { lint } from "./lint.ts";
import { parse } from "./parse.ts";
import { report } from "./report.ts";
import { publish } from "./publish.ts";
import { restoreDb } from "./restore-db.ts";
import { revisions } from "./revisions.ts";
import { serve } from "./serve.ts";
import { stats } from "./stats.ts";
import { user } from "./user.ts";
import { withdraw } from "./withdraw.ts";

/** Every `atlas` subcommand, in the order `atlas help` lists them. */
export const commands: Record<string, Command> = {
  parse,
  lint,
  diff,
  serve,
  import: importCommand,
  revisions,
  publish,
  withdraw,
  stats,
  report,
  audit,
  user,
  "export-db": exportDb,
  "restore-db": restoreDb,
};
