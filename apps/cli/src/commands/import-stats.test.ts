import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { testEngines } from "@duty/db/test";
import { describe, expect, it } from "vitest";
import { run } from "../main.ts";
import { captureIo, REPO_ROOT, SEED, useFreshDatabase } from "../test-io.ts";

// Seed facts counted with awk (data rows $1 ~ /^[0-9]+$/, list by NF 3/6/4): 109/100/37 rows; 社会保障 9/8/9;
// 玛纳斯县农业农村局 in 13 对应上级部门 cells and receiver of 6 reclaimed rows; 150 + 37 department links.

describe.each(testEngines())("atlas import / stats (%s)", (engine) => {
  const dir = useFreshDatabase(engine, "atlas-cli-");

  const atlas = async (...argv: string[]) => {
    const io = captureIo();
    const code = await run(argv, io);
    return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
  };
  const overview = async () => JSON.parse((await atlas("stats", "--json")).out).overview;

  it("prints statistics of data/lists, imported on first use", async () => {
    const { code, out } = await atlas("stats");
    expect(code).toBe(0);
    expect(out).toContain("乡镇 1，共 246 项（基本履职事项 109，配合履职事项 100，上级部门收回事项 37）");
    expect(out).toContain("配合 + 收回占比 55.7%（全国 65.6%）");
    expect(out).toMatch(/^社会保障\t9\t8\t9$/mu);
    expect(out).toMatch(/^玛纳斯县农业农村局\t13\t6\t/mu);
    // A hang bound, not a speed bound: the first use creates the database, runs every migration and imports the seed,
    // over 60 s on the shared machine with PGlite since the trigram indexes.
  }, 240_000);

  it("imports a document, printing the revision id and counts, and recognises it the second time", async () => {
    const file = join(dir, "bwc.txt");
    writeFileSync(file, readFileSync(join(REPO_ROOT, SEED), "utf8").replaceAll("兰州湾镇", "北五岔镇"));
    const first = await atlas("import", file, "--label", "北五岔镇 初稿");
    expect(first.code).toBe(0);
    const id =
      /^修订 (\d+)（北五岔镇，已导入，已发布，生效日期 \d{4}-\d{2}-\d{2}）：基本履职事项 109，配合履职事项 100，上级部门收回事项 37，部门关联 187，职责步骤 \d+$/mu.exec(
        first.out,
      )?.[1];
    expect(id).toBeDefined();
    const again = await atlas("import", file);
    expect(again.out).toContain(`修订 ${id}（北五岔镇，内容相同的修订已存在（已发布），未作改动）`);
    expect(await overview()).toMatchObject({ towns: 2, total: 2 * 246 });
    const one = JSON.parse((await atlas("stats", "--revision", id!, "--json")).out);
    expect(one.overview).toMatchObject({ towns: 1, total: 246 });
  });

  it("exits 1 naming file and line for a broken document, and writes nothing", async () => {
    const before = await overview();
    const file = join(dir, "broken.txt");
    const lines = readFileSync(join(REPO_ROOT, SEED), "utf8").replaceAll("兰州湾镇", "乐土驿镇").split("\n");
    // Line 6 is the first basic row; a fourth cell breaks the 3-column list.
    lines[5] = `${lines[5]}\t多余`;
    writeFileSync(file, lines.join("\n"));
    const { code, err } = await atlas("import", file);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^${file.replaceAll(/[.*+?^${}()|[\]\\/]/gu, "\\$&")}:6: `, "u"));
    expect(await overview()).toEqual(before);
  });

  it("imports a folder and files in one run, skips what it stored before, and reports a bad file without stopping", async () => {
    const folder = join(dir, "many");
    mkdirSync(folder, { recursive: true });
    const seed = readFileSync(join(REPO_ROOT, SEED), "utf8");
    // Three new towns of 246 duties each, and a file broken at line 6 (a fourth cell in a 3-column list).
    for (const town of ["三岔湾镇", "四岔湾镇", "五岔湾镇"]) writeFileSync(join(folder, `${town}.txt`), seed.replaceAll("兰州湾镇", town));
    const lines = seed.replaceAll("兰州湾镇", "六岔湾镇").split("\n");
    lines[5] = `${lines[5]}\t多余`;
    writeFileSync(join(folder, "broken.txt"), lines.join("\n"));
    const before = await overview();
    const first = await atlas("import", folder);
    expect(first.code).toBe(1);
    expect(first.out).toContain("共 4 个文件：新导入 3 个，已导入过而跳过 0 个，失败 1 个");
    expect(first.err).toMatch(/broken\.txt:6: /u);
    expect(await overview()).toMatchObject({ towns: before.towns + 3, total: before.total + 3 * 246 });
    // Again, with one of them named twice: nothing new, every stored file skipped before it is read.
    const again = await atlas("import", folder, join(folder, "三岔湾镇.txt"));
    expect(again.out).toContain("共 5 个文件：新导入 0 个，已导入过而跳过 4 个，失败 1 个");
    expect(await overview()).toMatchObject({ towns: before.towns + 3, total: before.total + 3 * 246 });
  });

  it("refuses bad arguments", async () => {
    expect((await atlas("import")).code).toBe(2);
    expect((await atlas("stats", "--region", "x")).err).toBe("--region：「x」不是有效的编号");
    expect((await atlas("stats", "--region", "1", "--revision", "1")).code).toBe(2);
    const missing = await atlas("stats", "--region", "987654");
    expect(missing).toMatchObject({ code: 1, err: "atlas stats: regionId: no region 987654" });
  });
});
