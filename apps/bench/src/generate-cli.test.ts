import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "@duty/domain";
import { afterAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("./generate-cli.ts", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "duty-bench-"));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], { encoding: "utf8", cwd: fileURLToPath(new URL("..", import.meta.url)) });

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("generate-cli", () => {
  it("writes one parseable document per town and reports counts and speed", () => {
    const { status, stdout } = run("--towns", "6", "--seed", "2", "--out", out);
    expect(status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(6);
    expect(files[0]).toMatch(/^000001-.+(镇|乡|街道)\.txt$/u);
    for (const file of files) {
      const result = parseDocument(readFileSync(join(out, file)));
      expect(result.ok && result.warnings, file).toEqual([]);
    }
    expect(stdout).toMatch(/^6 towns in \d+ counties/mu);
    expect(stdout).toMatch(/items: basic \d+ \(avg [\d.]+\), coordinated \d+/u);
    expect(stdout).toMatch(/\d+ towns\/s/u);
  });

  it("prints its usage and exits 2, without a stack trace, on a missing or unknown option", () => {
    for (const args of [
      ["--seed", "1", "--out", out],
      ["--towns", "3"],
      ["--towns", "x", "--out", out],
      ["--towns", "3", "--out", out, "--bogus"],
    ]) {
      const result = run(...args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/usage: generate-cli --towns N --seed S --out DIR/u);
      expect(result.stderr).not.toMatch(/\n\s+at /u);
    }
  });
});
