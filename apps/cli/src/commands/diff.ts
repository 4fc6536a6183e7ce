import { existsSync } from "node:fs";
import { createCaller, localContext } from "@duty/api";
import type { AtlasDatabase } from "@duty/db";
import {
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  diffRevisions,
  LIST_LABELS,
  type DutyChange,
  type DutyRef,
  type Revision,
  type RevisionDiff,
} from "@duty/domain";
import { openAtlas } from "@duty/server";
import { resolvePath, type Io } from "../io.ts";
import { readArgs, type Command } from "./command.ts";
import { readDocument } from "./read-document.ts";

const USAGE = "用法：atlas diff <before> <after> [--json]（每一边是清单文件，或数据库中的修订编号）";

export const diff: Command = {
  usage: "<before> <after> [--json]",
  summary:
    "比较两个修订版本（或两个乡镇）的清单，逐项列出变化；每一边是文件或修订编号 / compare two revisions (files or revision ids) item by item",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, { json: { type: "boolean" } }, 2);
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    const sides = positionals.map((arg) => ({ arg, revisionId: revisionIdOf(io, arg) }));
    // The database is opened only when a side names a revision: comparing two files needs none.
    let atlas: AtlasDatabase | null = null;
    try {
      const revisions: Revision[] = [];
      const names: string[] = [];
      for (const { arg, revisionId } of sides) {
        if (revisionId === null) {
          const doc = await readDocument(io, arg);
          if (!doc) return 1;
          revisions.push(doc.revision);
          names.push(arg);
          continue;
        }
        atlas ??= await openAtlas();
        const revision = await loadStored(createCaller(localContext(atlas.db)), revisionId);
        if (!revision) {
          io.err(`${arg}: 数据库中没有编号为 ${revisionId} 的修订，也没有这个文件`);
          return 1;
        }
        revisions.push(revision);
        names.push(`修订 ${revisionId}`);
      }
      const result = diffRevisions(revisions[0]!, revisions[1]!);
      if (values.json) io.out(JSON.stringify(result, null, 2));
      else for (const line of report(result, names[0]!, names[1]!)) io.out(line);
      return 0;
    } finally {
      await atlas?.close();
    }
  },
};

/** A side that is all digits and names no file is a revision id; 2024 as a file name still reads the file. */
function revisionIdOf(io: Io, arg: string): number | null {
  if (!/^[1-9]\d{0,15}$/u.test(arg) || existsSync(resolvePath(io, arg))) return null;
  return Number(arg);
}

async function loadStored(api: ReturnType<typeof createCaller>, id: number): Promise<Revision | null> {
  try {
    return await api.revisions.document({ id });
  } catch (err) {
    if ((err as { code?: unknown }).code === "NOT_FOUND") return null;
    throw err;
  }
}

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
  if (kind === "added" && a)
    return [`  + ${at(a)}［${a.category}］${a.name}${a.departments.length ? `（${a.departments.join("、")}）` : ""}`];
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
