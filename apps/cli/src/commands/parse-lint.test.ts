import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../main.ts";
import { captureIo, REPO_ROOT, SEED } from "../test-io.ts";

describe("atlas parse", () => {
  it("prints the revision as JSON with the documented fields", async () => {
    const io = captureIo();
    expect(await run(["parse", SEED, "--json"], io)).toBe(0);
    const json = JSON.parse(io.stdout.join("\n"));
    expect(json.region.town).toBe("兰州湾镇");
    expect(json.lists.basic).toHaveLength(109);
    expect(json.lists.coordinated[0]).toMatchObject({ seq: 1, category: "党的建设", name: "推荐县级以上党代表工作" });
    expect(json.lists.coordinated[0].departments[0].name).toBe("玛纳斯县委组织部");
    expect(json.lists.coordinated[0].townDuties[0].text).toBe("根据上级要求，制定推荐工作方案；");
    expect(json.lists.reclaimed[1].receivers[0].name).toBe("玛纳斯县民政局");
    expect(json.lists.reclaimed[1].method[0].text).toBe("由县民政局负责收养登记。");
  });
});

describe("atlas lint", () => {
  it("summarises counts per list and category and lists the findings", async () => {
    const io = captureIo();
    expect(await run(["lint", SEED], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain("基本履职事项 109，配合履职事项 100，上级部门收回事项 37");
    expect(text).toMatch(/^社会保障\t9\t8\t9$/mu);
    expect(text).toContain(`${SEED}:342: [警告] 同一事项出现在两份清单`);
  });

  it("exits 1 with one line naming file and line for a document that is not a list", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atlas-"));
    const bad = join(dir, "broken.txt");
    writeFileSync(bad, "某县某镇基本履职事项清单\n序号\t事项类别\t事项名称\n1\t党的建设\t甲\n1\t党的建设\t乙\n");
    const io = captureIo();
    expect(await run(["lint", bad], io)).toBe(1);
    expect(io.stderr).toEqual([`${bad}:4: 基本履职事项清单，「序号」列：序号应大于上一行的 1：1`]);
  });

  it("answers an unknown flag or a missing file operand with the usage line and exit code 2", async () => {
    const unknown = captureIo();
    expect(await run(["lint", "--nope", SEED], unknown)).toBe(2);
    expect(unknown.stderr).toHaveLength(1);
    expect(unknown.stderr[0]).toMatch(/^用法：atlas lint <file> \[--town 省\/市\/县\/镇\] \[--json\]（.*--nope/u);
    const missing = captureIo();
    expect(await run(["parse"], missing)).toBe(2);
    expect(missing.stderr).toEqual(["用法：atlas parse <file> [--town 省/市/县/镇] [--json]"]);
  });

  it("as a process: non-zero exit, one stderr line, no stack trace", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", "lint", "no-such-file.txt"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: REPO_ROOT },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("no-such-file.txt: 文件不存在");
    expect(result.stderr).not.toMatch(/\n\s+at /u);
    expect(
      execFileSync(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", "help"], { cwd: REPO_ROOT, encoding: "utf8" }),
    ).toContain("atlas lint");
  });
});
