import { parseArgs } from "node:util";
import {
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  diffRevisions,
  LIST_LABELS,
  type DutyChange,
  type DutyRef,
  type RevisionDiff,
} from "@duty/domain";
import type { Command } from "./command.ts";
import { readDocument } from "./read-document.ts";

export const diff: Command = {
  usage: "<before-file> <after-file> [--json]",
  summary: "比较两个修订版本（或两个乡镇）的清单，逐项列出变化 / compare two revisions item by item",
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean" } }, allowPositionals: true });
    if (positionals.length !== 2) {
      io.err("用法：atlas diff <before-file> <after-file> [--json]");
      return 2;
    }
    const [beforePath, afterPath] = positionals as [string, string];
    const before = readDocument(io, beforePath);
    if (!before) return 1;
    const after = readDocument(io, afterPath);
    if (!after) return 1;
    const result = diffRevisions(before.revision, after.revision);
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else for (const line of report(result, beforePath, afterPath)) io.out(line);
    return 0;
  },
};

/** A reviewer's report: one section per change kind, unchanged duties only counted. */
export function report(result: RevisionDiff, beforeName: string, afterName: string): string[] {
  const { summary } = result;
  const lines = [
    `修订对比：${result.before.town}（${beforeName}）→ ${result.after.town}（${afterName}）`,
    CHANGE_KINDS.map((k) => `${CHANGE_KIND_LABELS[k]} ${summary.kinds[k]}`).join(" · "),
  ];
  for (const kind of CHANGE_KINDS) {
    if (kind === "unchanged") continue;
    const changes = result.changes.filter((c) => c.kinds.includes(kind));
    if (changes.length === 0) continue;
    lines.push("", `## ${CHANGE_KIND_LABELS[kind]}（${changes.length}）`);
    for (const change of changes) lines.push(...describe(kind, change));
  }
  return lines;
}

const at = (ref: DutyRef) => `${LIST_LABELS[ref.list]}第 ${ref.seq} 项`;

function describe(kind: (typeof CHANGE_KINDS)[number], c: DutyChange): string[] {
  const { before: b, after: a } = c;
  if (kind === "added" && a) return [`  + ${at(a)}［${a.category}］${a.name}${a.departments.length ? `（${a.departments.join("、")}）` : ""}`];
  if (kind === "removed" && b) return [`  - ${at(b)}［${b.category}］${b.name}`];
  if (!a || !b) return [];
  const head = `  ${at(b)} → ${at(a)}`;
  switch (kind) {
    case "moved":
      return [`${head}：${a.name}${a.departments.length ? `；现由 ${a.departments.join("、")}` : ""}`];
    case "recategorized":
      return [`${head}：${a.name}；类别 ${b.category} → ${a.category}`];
    case "reworded":
      return [`${head}`, `      原：${b.name}`, `      新：${a.name}`];
    case "departmentsChanged":
      return [`${head}：${a.name}；增加 ${c.departments?.added.join("、") || "无"}，减少 ${c.departments?.removed.join("、") || "无"}`];
    case "dutiesChanged":
      return [`${head}：${a.name}；${(c.duties ?? []).map((d) => DUTY_COLUMNS[d]).join("、")}有改动`];
    default:
      return [];
  }
}

const DUTY_COLUMNS = { departmentDuties: "上级部门职责", townDuties: "乡镇配合职责", method: "工作方式" } as const;
