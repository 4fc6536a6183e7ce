import { copyFileSync } from "node:fs";
import { join, relative } from "node:path";
import { testEngines } from "@duty/db/test";
import { SYNTHETIC_EDITS, SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import { describe, expect, it } from "vitest";
import { run } from "../main.ts";
import { captureIo, REPO_ROOT, SEED, useFreshDatabase } from "../test-io.ts";

const SYNTHETIC = relative(REPO_ROOT, SYNTHETIC_REVISION_FILE);

describe("atlas diff", () => {
  it("reports exactly the edits made to the synthetic revision and nothing else", async () => {
    const io = captureIo();
    expect(await run(["diff", SEED, SYNTHETIC, "--json"], io)).toBe(0);
    const result = JSON.parse(io.stdout.join("\n"));
    const where = (ref: { list: string; seq: number } | null) => (ref ? `${ref.list} ${ref.seq}` : null);
    const changed = result.changes
      .filter((c: { kinds: string[] }) => !c.kinds.includes("unchanged"))
      .map((c: { kinds: string[]; before: never; after: never }) => [[...c.kinds].sort(), where(c.before), where(c.after)]);
    expect(changed.sort()).toEqual(SYNTHETIC_EDITS.map(([k, b, a]) => [[...k].sort(), b, a]).sort());
    // 246 duties in the seed, 9 of them edited away or changed → 237 untouched.
    expect(result.changes.filter((c: { kinds: string[] }) => c.kinds.includes("unchanged"))).toHaveLength(237);
  });

  it("prints a reviewer's report grouped by change kind", async () => {
    const io = captureIo();
    expect(await run(["diff", SEED, SYNTHETIC], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain("未变 237");
    expect(text).toContain("## 部门调整（1）");
    expect(text).toContain("增加 玛纳斯县发展和改革委员会，减少 玛纳斯县水利局");
    expect(text).toContain("  - 上级部门收回事项第 36 项［市场监管］对从事无照经营的处罚");
  });
});

describe.each(testEngines())("atlas diff with revision ids (%s)", (engine) => {
  const dir = useFreshDatabase(engine, "atlas-cli-diff-");

  const atlas = async (argv: string[], cwd = REPO_ROOT) => {
    const io = captureIo(cwd);
    const code = await run(argv, io);
    return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
  };
  /** `atlas import` prints 修订 <id>（…）; the seed is imported on first use, so importing it again names its id. */
  const importedId = async (file: string) => /^修订 (\d+)（/u.exec((await atlas(["import", file])).out)?.[1];

  it("reads an all-digits side as a stored revision, giving what the files give", async () => {
    const seedId = await importedId(SEED);
    const syntheticId = await importedId(SYNTHETIC);
    expect(seedId).toMatch(/^\d+$/u);
    expect(syntheticId).toMatch(/^\d+$/u);
    expect(syntheticId).not.toBe(seedId);

    const fromFiles = await atlas(["diff", SEED, SYNTHETIC, "--json"]);
    const fromIds = await atlas(["diff", seedId!, syntheticId!, "--json"]);
    expect(fromIds.code).toBe(0);
    const ids = JSON.parse(fromIds.out);
    const files = JSON.parse(fromFiles.out);
    // The seed's title names no province; the database attached the town to the one 昌吉州 it holds,
    // under 新疆维吾尔自治区, so the stored sides know their province and the files do not.
    expect(files.before.province).toBeNull();
    expect(ids.before.province).toBe("新疆维吾尔自治区");
    expect(ids.after.province).toBe("新疆维吾尔自治区");
    expect({ ...ids, before: { ...ids.before, province: null }, after: { ...ids.after, province: null } }).toEqual(files);

    const mixed = await atlas(["diff", SEED, syntheticId!]);
    expect(mixed.code).toBe(0);
    expect(mixed.out.split("\n")[0]).toBe(`修订对比：兰州湾镇（${SEED}）→ 兰州湾镇（修订 ${syntheticId}）`);
    // Only the header names the sides: the report itself is the files' report.
    const fileReport = await atlas(["diff", SEED, SYNTHETIC]);
    expect(mixed.out.split("\n").slice(1)).toEqual(fileReport.out.split("\n").slice(1));
    expect(mixed.out).toContain("未变 237");
  });

  it("reads a file whose name is all digits as a file, and names a missing revision", async () => {
    copyFileSync(join(REPO_ROOT, SYNTHETIC), join(dir, "987654"));
    const file = await atlas(["diff", join(REPO_ROOT, SEED), "987654"], dir);
    expect(file.code).toBe(0);
    expect(file.out).toContain("（987654）");
    expect(file.out).toContain("未变 237");
    const missing = await atlas(["diff", SEED, "987655"]);
    expect(missing).toMatchObject({ code: 1, err: "987655: 数据库中没有编号为 987655 的修订，也没有这个文件" });
  });
});
