import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lintRevision, NEAR_DUPLICATE } from "../lint/lint.ts";
import { nameKey, similarity } from "../text/similarity.ts";
import { allDuties } from "../types.ts";
import { diffRevisions } from "./diff.ts";
import { parseText } from "./fixtures/documents.ts";
import { nearTwins } from "./fixtures/near-twins.ts";

/** Heap the child may use: the old differ needed 4.9 GB for the same pair and died at this limit. */
const HEAP_MB = 256;
/** Peak RSS the child stays under: its heap, the parser's input and node's own ~60 MB, with room. */
const RSS_BOUND_MB = 400;

describe("hostile documents for the differ and the linter", () => {
  it(`diff 10,000 near-identical duties inside a ${HEAP_MB} MB heap, under ${RSS_BOUND_MB} MB RSS, pairing each duty with its twin`, {
    timeout: 300_000,
  }, () => {
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", `--max-old-space-size=${HEAP_MB}`, "src/diff/fixtures/near-twins-child.ts", "10000"],
      {
        encoding: "utf8",
        timeout: 280_000,
      },
    );
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout) as { kinds: Record<string, number>; aligned: number; findings: number; maxRssMb: number };
    // Duty N of one document is duty N of the other with 考核 appended: reworded, never added or removed.
    expect(result.kinds).toMatchObject({ reworded: 10_000, added: 0, removed: 0, unchanged: 0 });
    expect(result.aligned).toBe(10_000);
    expect(result.maxRssMb).toBeLessThan(RSS_BOUND_MB);
  });

  it("pairs 3,000 copies of one name with their copies in order, and lints them with 16 findings per duty at most", {
    timeout: 120_000,
  }, () => {
    const n = 3000;
    const lines = [
      "某县某镇基本履职事项清单",
      "序号\t事项类别\t事项名称",
      ...Array.from({ length: n }, (_, i) => `${i + 1}\t综合\t其他工作`),
    ];
    const revision = parseText(lines.join("\n"));
    const diff = diffRevisions(revision, revision);
    expect(diff.summary.kinds.unchanged).toBe(n);
    expect(diff.changes.every((c) => c.before?.seq === c.after?.seq)).toBe(true);
    // Copy t (0-based) repeats the min(t, 16) copies before it: 0 + 1 + … + 15, then 16 for each of the other n − 16.
    const repeats = lintRevision(revision).filter((f) => f.code === "duplicate-in-list");
    expect(repeats).toHaveLength(120 + 16 * (n - 16));
    expect(repeats.at(-1)!.message).toContain(`基本履职事项第 ${n - 1} 项`);
  });

  it("reports only true cross-list near duplicates among 3,000 names sharing one frame", { timeout: 120_000 }, () => {
    const revision = parseText(nearTwins(3000).before);
    const duties = allDuties(revision);
    const findings = lintRevision(revision).filter((f) => f.code === "cross-list-duplicate");
    expect(findings.length).toBeGreaterThan(0);
    const perDuty = new Map<string, number>();
    for (const f of findings) {
      const key = `${f.list} ${f.seq}`;
      perDuty.set(key, (perDuty.get(key) ?? 0) + 1);
      // The message names both duties: the earlier one is on another list and the names are near.
      const [, , earlierName, laterName] = f.message.match(/^同一事项出现在两份清单：(.+?)「(.+?)」与.+?「(.+?)」$/u)!;
      const later = duties.find((d) => d.list === f.list && d.seq === f.seq)!;
      expect(laterName).toBe(later.name);
      expect(duties.some((d) => d.name === earlierName && d.list !== later.list)).toBe(true);
      expect(similarity(nameKey(earlierName!), nameKey(laterName!))).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
    }
    expect(Math.max(...perDuty.values())).toBeLessThanOrEqual(16);
  });
});
