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

  const startHere = async (firstAdmin?: { name: string; password: string }) => {
    vi.stubEnv("DATABASE_URL", database?.url ?? "");
    vi.stubEnv("ATLAS_DATA_DIR", dataDir);
    vi.stubEnv("ATLAS_ADMIN_TOKEN", "");
    vi.stubEnv("ATLAS_ADMIN_USER", firstAdmin?.name ?? "");
    vi.stubEnv("ATLAS_ADMIN_PASSWORD", firstAdmin?.password ?? "");
    const lines: string[] = [];
    const server = await start({ port: 0, log: (line) => lines.push(line) });
    return { ...server, lines };
  };

  const post = (url: string, procedure: string, body: unknown) =>
    fetch(`${url}trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("imports data/lists into an empty database, starts read-only saying how to make the first administrator, and does not import again after a restart", async () => {
    const first = await startHere();
    try {
      expect(first.lines).toHaveLength(4);
      expect(first.lines.slice(0, 3).join("\n")).toContain("pnpm -s atlas user add <名字> --admin");
      expect(first.lines.slice(0, 3).join("\n")).toContain("ATLAS_ADMIN_USER=<名字> 和 ATLAS_ADMIN_PASSWORD=");
      expect(first.lines[3]).toMatch(
        new RegExp(
          `^Duty Atlas ready at http://127\\.0\\.0\\.1:\\d+/ \\(${engine}: .*, imported 1 document\\(s\\) from data/lists\\)$`,
          "u",
        ),
      );
      const res = await fetch(`${first.url}trpc/revisions.list`);
      expect(((await res.json()) as { result: { data: { items: unknown[] } } }).result.data.items).toHaveLength(1);
      // Read-only: anyone reads the seed (109 + 100 + 37), nobody can sign in or change anything.
      const overview = (await (await fetch(`${first.url}trpc/stats.overview`)).json()) as { result: { data: { total: number } } };
      expect(overview.result.data.total).toBe(246);
      expect((await post(first.url, "revisions.delete", { id: 1 })).status).toBe(401);
      expect((await post(first.url, "auth.login", { name: "admin", password: "admin" })).status).toBe(401);
    } finally {
      await first.stop();
    }
    const second = await startHere({ name: "chief", password: "chief-first-password" });
    try {
      expect(second.lines).toEqual([
        "已创建第一个管理员「chief」（ATLAS_ADMIN_USER）：在看板右上角登录。",
        expect.not.stringContaining("imported"),
      ]);
      const login = await post(second.url, "auth.login", { name: "chief", password: "chief-first-password" });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { result: { data: { user: { role: string } } } }).result.data.user.role).toBe("admin");
    } finally {
      await second.stop();
    }
    // Once an account exists the variables change nothing: no second administrator, no new password.
    const third = await startHere({ name: "other", password: "other-first-password" });
    try {
      expect(third.lines).toEqual([expect.stringMatching(/^Duty Atlas ready at /u)]);
      expect((await post(third.url, "auth.login", { name: "other", password: "other-first-password" })).status).toBe(401);
    } finally {
      await third.stop();
    }
    // Three starts, the first importing the seed: minutes on a busy 2-core machine.
  }, 300_000);
});
