import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { testEngines } from "@duty/db/test";
import { SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import { readDocx } from "@duty/report/read-docx";
import { describe, expect, it } from "vitest";
import { run } from "../main.ts";
import { captureIo, useFreshDatabase } from "../test-io.ts";

// Seed facts counted with awk: 109/100/37 rows, 社会保障 9/8/9. The synthetic revision's edits: 11 changes
// (packages/domain/src/diff/fixtures/synthetic-edits.ts).

describe.each(testEngines())("atlas report (%s)", (engine) => {
  const dir = useFreshDatabase(engine, "atlas-cli-report-");
  const atlas = async (...argv: string[]) => {
    const io = captureIo(dir);
    const code = await run(argv, io);
    return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
  };

  it("writes the Word report of the seed without charts, named after the place and the day", async () => {
    const { code, out } = await atlas("report");
    expect(code).toBe(0);
    const name = /^已写入 (全国-履职事项清单分析报告-\d{4}-\d{2}-\d{2}\.docx)（\d+ kB）/u.exec(out)?.[1];
    expect(name).toBeDefined();
    const doc = await readDocx(new Uint8Array(readFileSync(join(dir, name!))));
    expect(doc.headings.filter((h) => h.level === 1).map((h) => h.text)).toEqual([
      "一、摘要",
      "二、三张清单",
      "三、事项类别",
      "四、县级部门",
      "五、说明",
    ]);
    expect(doc.images).toEqual([]);
    expect(doc.sections["一、摘要"]![0]).toBe(
      "全国共有履职事项 246 项：基本履职事项 109 项、配合履职事项 100 项、上级部门收回事项 37 项。",
    );
    expect(doc.tables.find((t) => t.caption?.includes("各类别事项数"))!.rows).toContainEqual(["社会保障", "9", "8", "9", "26"]);
  });

  it("writes the comparison of two stored revisions to the file asked for", async () => {
    const file = join(dir, "rev2.txt");
    writeFileSync(file, readFileSync(SYNTHETIC_REVISION_FILE, "utf8"));
    const imported = await atlas("import", file);
    const id = /^修订 (\d+)/mu.exec(imported.out)![1]!;
    // The seed, imported on the database's first use above, is its revision 1.
    const { code } = await atlas("report", "--from", "1", "--to", id, "--out", "对比.docx");
    expect(code).toBe(0);
    const doc = await readDocx(new Uint8Array(readFileSync(join(dir, "对比.docx"))));
    expect(doc.paragraphs[0]).toBe("兰州湾镇清单修订对比报告");
    expect(doc.tables.find((t) => t.caption?.includes("逐项变化"))!.rows).toHaveLength(1 + 11);
  });

  it("refuses a scope and a comparison at once, or half a comparison", async () => {
    expect((await atlas("report", "--region", "1", "--from", "1", "--to", "2")).code).toBe(2);
    expect((await atlas("report", "--from", "1")).code).toBe(2);
    expect((await atlas("report", "--revision", "x")).err).toBe("--revision：「x」不是有效的编号");
    expect((await atlas("report", "--from", "1", "--to", "y")).err).toBe("--to：「y」不是有效的编号");
  });
});
