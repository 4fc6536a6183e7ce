import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseUrl, rowCounts, SEED_DIR, seedDocuments, tableContents, testEngines, withBasicNotes } from "../../test/index.ts";
import { openDatabase } from "../connect.ts";
import { importDocument, seedIfEmpty } from "./import.ts";

const DB_DIR = fileURLToPath(new URL("../..", import.meta.url));
// A town the seed does not have: its import creates a region, a revision, duties, links, steps and (a 备注 on every basic row) notes.
const otherTown = withBasicNotes(
  readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8").replaceAll("兰州湾镇", "北五岔镇"),
  (seq) => `第 ${seq} 行备注`,
);

describe.each(testEngines())("an import killed inside its transaction (%s)", (engine) => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-crash-"));
  const dataDir = join(dir, "data");
  const documentFile = join(dir, "bei-wu-cha.txt");
  let database: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    if (engine === "postgres") database = await createTestDatabaseUrl();
    writeFileSync(documentFile, otherTown);
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = () => openDatabase({ databaseUrl: database?.url ?? "", dataDir });

  /** Runs the child until it freezes at `at`, then SIGKILLs it. */
  const killDuringImport = async (at: "steps" | "commit") => {
    // node with tsx's loader, not the tsx command: that one runs the script in a grandchild, which
    // SIGKILL would leave alive, holding its transaction open.
    const child = spawn(process.execPath, ["--import", "tsx", "test/import-crash-child.ts", documentFile, at], {
      cwd: DB_DIR,
      env: { ...process.env, DATABASE_URL: database?.url ?? "", ATLAS_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = once(child, "exit");
    let output = "";
    await new Promise<void>((frozen, fail) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("written\n")) frozen();
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.once("exit", (code) => fail(new Error(`the import child exited (${code}) before it froze: ${output}`)));
    });
    child.kill("SIGKILL");
    const [, signal] = await exited;
    expect(signal).toBe("SIGKILL");
  };

  it("leaves every table as it was, whether killed mid-way or just before commit, and the next start imports cleanly", async () => {
    const first = await open();
    let before: Record<string, string[]>;
    try {
      await seedIfEmpty(first.db, seedDocuments);
      before = await tableContents(first.db);
    } finally {
      // PGlite's folder is one process's at a time: the child opens it next.
      await first.close();
    }

    for (const at of ["steps", "commit"] as const) {
      await killDuringImport(at);
      const reopened = await open();
      try {
        // Every table the migrations made, rollups included: no partial revision, no drifted count.
        const after = await tableContents(reopened.db);
        expect(rowCounts(after), at).toEqual(rowCounts(before));
        expect(after, at).toEqual(before);
      } finally {
        await reopened.close();
      }
    }

    const next = await open();
    try {
      // Nothing half-done blocks the same import: it lands whole, as a new revision.
      expect(await seedIfEmpty(next.db, seedDocuments)).toEqual([]);
      const result = await importDocument(next.db, Buffer.from(otherTown), "bei-wu-cha.txt");
      expect(result).toMatchObject({ created: true, counts: { basic: 109, coordinated: 100, reclaimed: 37, links: 187 } });
      const counts = rowCounts(await tableContents(next.db));
      expect(counts.revisions).toBe(rowCounts(before).revisions! + 1);
      expect(counts.duties).toBe(rowCounts(before).duties! + 246);
      // The 109 basic rows' notes land with them (the seed itself has none).
      expect(counts.duty_notes).toBe(rowCounts(before).duty_notes! + 109);
    } finally {
      await next.close();
    }
    // A hang bound, not a speed bound: the seed, two child imports killed mid-way and the reopens took about 61 s on PGlite on the loaded 2-core machine.
  }, 240_000);
});
