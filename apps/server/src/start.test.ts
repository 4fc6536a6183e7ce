import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabaseUrl, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { start } from "./start.ts";

describe.each(testEngines())("start (%s)", (engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), "atlas-start-"));
  let database: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    if (engine === "postgres") database = await createTestDatabaseUrl();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startHere = async () => {
    vi.stubEnv("DATABASE_URL", database?.url ?? "");
    vi.stubEnv("ATLAS_DATA_DIR", dataDir);
    vi.stubEnv("ATLAS_ADMIN_TOKEN", "");
    const lines: string[] = [];
    const server = await start({ port: 0, log: (line) => lines.push(line) });
    return { ...server, lines };
  };

  it("imports data/lists into an empty database, logs one ready line, and does not import again after a restart", async () => {
    const first = await startHere();
    try {
      expect(first.lines).toHaveLength(1);
      expect(first.lines[0]).toMatch(new RegExp(`^Duty Atlas ready at http://127\\.0\\.0\\.1:\\d+/ \\(${engine}: .*, imported 1 document\\(s\\) from data/lists\\)$`, "u"));
      const res = await fetch(`${first.url}trpc/revisions.list`);
      expect(((await res.json()) as { result: { data: { items: unknown[] } } }).result.data.items).toHaveLength(1);
    } finally {
      await first.stop();
    }
    const second = await startHere();
    try {
      expect(second.lines).toEqual([expect.not.stringContaining("imported")]);
      const res = await fetch(`${second.url}trpc/revisions.list`);
      expect(((await res.json()) as { result: { data: { items: unknown[] } } }).result.data.items).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
