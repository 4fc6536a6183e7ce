import type { Migration } from "kysely";
import * as initial from "./2026-11-28-001-initial.ts";
import * as rollups from "./2026-11-29-001-rollups.ts";
import * as review from "./2026-12-02-001-review.ts";
import * as nationalScale from "./2026-12-02-002-national-scale.ts";
import * as dutyNotes from "./2026-12-02-003-duty-notes.ts";

/**
 * Every migration by name; names sort by date, which is the order the Migrator applies them.
 * Listed statically (not read from the folder) so the set cannot depend on the working directory
 * or on which loader runs the code; migrations.test.ts checks that no file is left out.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-28-001-initial": initial,
  "2026-11-29-001-rollups": rollups,
  "2026-12-02-001-review": review,
  "2026-12-02-002-national-scale": nationalScale,
  "2026-12-02-003-duty-notes": dutyNotes,
};
