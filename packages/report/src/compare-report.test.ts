import { readFileSync } from "node:fs";
import { type DutyRef, LIST_KINDS, LIST_LABELS, type ListKind, diffRevisions, parseDocument } from "@duty/domain";
import { SYNTHETIC_EDITS, SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import { describe, expect, it } from "vitest";
import { compareReport, dutyPlace } from "./compare-report.ts";
import { renderDocx } from "./docx.ts";
import { readDocx } from "./test-support/read-docx.ts";

const SEED = new URL("../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url);

function parsed(text: string) {
  const result = parseDocument(text);
  if (!result.ok) throw result.error;
  return result.revision;
}

const naming = (label: string, effectiveDate: string, sourceFile: string) => ({ town: "兰州湾镇", label, effectiveDate, sourceFile });

describe("compareReport", () => {
  it("lists exactly the synthetic revision's known edits, each with both sides' places", async () => {
    const diff = diffRevisions(parsed(readFileSync(SEED, "utf8")), parsed(readFileSync(SYNTHETIC_REVISION_FILE, "utf8")));
    const report = compareReport(diff, {
      before: naming("seed.txt", "2025-06-30", "seed.txt"),
      after: naming("送审稿", "2026-03-01", "lanzhouwan-synthetic-revision-2.txt"),
      exportedOn: "2026-12-01",
    });
    const doc = await readDocx(await renderDocx(report));
    expect(doc.paragraphs[0]).toBe("兰州湾镇清单修订对比报告");
    expect(doc.headings.map((h) => h.text)).toEqual(["一、摘要", "二、清单与类别", "三、逐项变化"]);
    expect(doc.paragraphs).toContain(
      "与修订前（兰州湾镇 2025年6月30日版）相比，修订后（兰州湾镇 送审稿）的变化按类型计：调整清单 2 项、调整类别 1 项、名称改写 3 项、部门调整 1 项、职责内容调整 1 项、新增 2 项、删除 2 项；未变 237 项。一项事项可同时有几种变化。",
    );

    const changes = doc.tables.find((t) => t.caption?.includes("逐项变化"))!.rows;
    expect(changes[0]).toEqual(["变化", "修订前", "修订后", "说明"]);
    const listOf = new Map(LIST_KINDS.map((k) => [LIST_LABELS[k], k] as [string, ListKind]));
    const place = (cell: string) => {
      if (cell === "—") return null;
      const m = /^(\S+) 第 (\d+) 项$/u.exec(cell.split("\n")[0]!)!;
      return `${listOf.get(m[1]!)} ${m[2]}`;
    };
    const labels = new Map(
      Object.entries({
        调整清单: "moved",
        调整类别: "recategorized",
        名称改写: "reworded",
        部门调整: "departmentsChanged",
        职责内容调整: "dutiesChanged",
        新增: "added",
        删除: "removed",
      }),
    );
    const read = changes.slice(1).map((row) => [row[0]!.split("、").map((k) => labels.get(k)), place(row[1]!), place(row[2]!)]);
    expect(read.toSorted()).toEqual(SYNTHETIC_EDITS.map((e) => [...e]).toSorted());
  });

  it("writes a duty's place as the change table reads it back", () => {
    const side: Pick<DutyRef, "list" | "seq"> = { list: "reclaimed", seq: 28 };
    expect(dutyPlace(side)).toBe("上级部门收回事项 第 28 项");
  });
});
