import { describe, expect, it } from "vitest";
import { run } from "../main.ts";
import { captureIo, SEED } from "../test-io.ts";

const SYNTHETIC = "packages/domain/src/diff/fixtures/lanzhouwan-synthetic-revision-2.txt";

// The edits made by hand to build the synthetic revision (see that folder's README.md):
// [kinds, before list/seq, after list/seq]
const EDITS: [string[], string | null, string | null][] = [
  [["moved"], "basic 83", "reclaimed 28"],
  [["moved", "reworded"], "reclaimed 11", "coordinated 36"],
  [["reworded"], "basic 60", "basic 60"],
  [["reworded"], "coordinated 36", "coordinated 38"],
  [["recategorized"], "basic 80", "basic 80"],
  [["departmentsChanged"], "coordinated 12", "coordinated 13"],
  [["dutiesChanged"], "coordinated 80", "coordinated 81"],
  [["removed"], "coordinated 64", null],
  [["removed"], "reclaimed 36", null],
  [["added"], null, "coordinated 12"],
  [["added"], null, "reclaimed 37"],
];

describe("atlas diff", () => {
  it("reports exactly the edits made to the synthetic revision and nothing else", async () => {
    const io = captureIo();
    expect(await run(["diff", SEED, SYNTHETIC, "--json"], io)).toBe(0);
    const result = JSON.parse(io.stdout.join("\n"));
    const where = (ref: { list: string; seq: number } | null) => (ref ? `${ref.list} ${ref.seq}` : null);
    const changed = result.changes
      .filter((c: { kinds: string[] }) => !c.kinds.includes("unchanged"))
      .map((c: { kinds: string[]; before: never; after: never }) => [[...c.kinds].sort(), where(c.before), where(c.after)]);
    expect(changed.sort()).toEqual(EDITS.map(([k, b, a]) => [[...k].sort(), b, a]).sort());
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
