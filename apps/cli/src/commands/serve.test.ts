import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lockAddress } from "@duty/db";
import { createTestDatabaseUrl, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI_DIR = fileURLToPath(new URL("../..", import.meta.url));

describe.each(testEngines())("atlas serve (%s)", (engine) => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-serve-"));
  let database: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    if (engine === "postgres") database = await createTestDatabaseUrl();
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves until SIGTERM, then stops cleanly and releases the data folder", async () => {
    // node with tsx's loader rather than the tsx command: the command relays SIGTERM to its child and
    // SIGKILLs it (exit 143) when the child does not acknowledge within 30 ms, which a loaded machine misses.
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "serve", "--port", "0"], {
      cwd: CLI_DIR,
      env: {
        ...process.env,
        DATABASE_URL: database?.url ?? "",
        ATLAS_DATA_DIR: join(dir, "data"),
        ATLAS_ADMIN_TOKEN: "",
        ATLAS_ADMIN_USER: "",
        ATLAS_ADMIN_PASSWORD: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const url = await new Promise<string>((ready, fail) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /ready at (http:\S+)/u.exec(out);
        if (m) ready(m[1]!);
      });
      child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.once("exit", (code) => fail(new Error(`atlas serve exited ${code}: ${out}`)));
    });
    const res = await fetch(`${url}trpc/stats.overview`);
    // 109 + 100 + 37 rows in the seed (awk, NF 3/6/4 over data rows).
    expect(((await res.json()) as { result: { data: { total: number } } }).result.data.total).toBe(246);
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);
    // How to make the first administrator (no account exists yet), then the ready line.
    expect(out.trim().split("\n")).toEqual([
      expect.stringContaining("还没有任何用户"),
      expect.stringContaining("atlas user add"),
      expect.stringContaining("ATLAS_ADMIN_USER"),
      expect.stringMatching(/^Duty Atlas ready at /u),
    ]);
    // The folder's lock went with the process: nobody listens on its address any more.
    if (engine === "pglite") {
      const probe = net.connect(lockAddress(join(dir, "data")));
      const [error] = (await once(probe, "error")) as [NodeJS.ErrnoException];
      expect(["ECONNREFUSED", "ENOENT"]).toContain(error.code);
    }
  });
});
