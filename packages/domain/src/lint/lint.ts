import { findMentions } from "../departments/mentions.ts";
import type { Duty, ListKind, ParseWarning, Revision, Step } from "../types.ts";
import { LIST_KINDS, LIST_LABELS, LIST_TITLES, allDuties } from "../types.ts";
import { nameKey, similarity } from "../text/similarity.ts";

export type Severity = "error" | "warning" | "info";

export type FindingCode =
  | "cross-list-duplicate"
  | "duplicate-in-list"
  | "seq-gap"
  | "title-typo"
  | "department-not-in-column"
  | "unresolved-abbreviation"
  | "unresolved-department"
  | "empty-department"
  | "skipped-table"
  | "single-list-category"
  | "unbalanced-split";

/** Something a reform planner should look at before publishing the list. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** 1-based line of the row (or title) the finding is about. */
  line: number;
  /** Where it is as messages print it ("12", "基本履职!B5", "第 3 页"); absent for a line of text. */
  at?: string;
  list: ListKind | null;
  seq: number | null;
  message: string;
}

/**
 * Names this close are the same duty written twice: the seed's coordinated 64
 * 「对侵占、破坏水源和抗旱设施的处罚」 and reclaimed 28 「侵占、破坏水源和抗旱设施的处罚」 differ by one
 * leading 对 (0.96); no other pair of the seed's 246 names, penalty items 「对…的处罚」 included, reaches 0.6.
 */
export const NEAR_DUPLICATE = 0.9;

/** The town side is flagged when its text is this many times longer than the department side. */
export const UNBALANCED_RATIO = 2;

export function lintRevision(revision: Revision, warnings: readonly ParseWarning[] = []): Finding[] {
  const findings: Finding[] = [
    ...titleTypos(revision),
    ...duplicates(revision),
    ...fromWarnings(warnings),
    ...departmentsNotInColumn(revision),
    ...singleListCategories(revision),
    ...unbalanced(revision),
  ];
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity] || a.line - b.line);
}

function titleTypos(revision: Revision): Finding[] {
  return LIST_KINDS.flatMap((kind) => {
    const title = revision.titles[kind];
    // A year or version in brackets after the name (（2025年版）) is no typo.
    if (!title || title.text.replace(/([（(][^（）()]*[)）]\s*)+$/u, "").trim().endsWith(LIST_TITLES[kind])) return [];
    return [{
      code: "title-typo" as const,
      severity: "warning" as const,
      line: title.line,
      ...(title.at && title.at !== String(title.line) ? { at: title.at } : {}),
      list: kind,
      seq: null,
      message: `标题「${title.text}」与规范名称「${LIST_TITLES[kind]}」不一致`,
    }];
  });
}

/** A duty's place when it is more than a line number (a sheet and cell, a page). */
function atOf(duty: Duty): { at?: string } {
  return duty.at && duty.at !== String(duty.line) ? { at: duty.at } : {};
}

function where(duty: Duty): string {
  const place = duty.at && duty.at !== String(duty.line) ? duty.at : `第 ${duty.line} 行`;
  return `${LIST_LABELS[duty.list]}第 ${duty.seq} 项（${place}）`;
}

function duplicates(revision: Revision): Finding[] {
  const duties = allDuties(revision);
  const keys = duties.map((d) => nameKey(d.name));
  const findings: Finding[] = [];
  for (let i = 0; i < duties.length; i++) {
    for (let j = i + 1; j < duties.length; j++) {
      const a = duties[i]!;
      const b = duties[j]!;
      const same = keys[i] === keys[j];
      if (a.list === b.list) {
        if (!same) continue;
        findings.push({ code: "duplicate-in-list", severity: "warning", line: b.line, ...atOf(b), list: b.list, seq: b.seq, message: `事项「${b.name}」与${where(a)}重复` });
      } else if (same || similarity(keys[i]!, keys[j]!) >= NEAR_DUPLICATE) {
        findings.push({
          code: "cross-list-duplicate",
          severity: "warning",
          line: b.line,
          ...atOf(b),
          list: b.list,
          seq: b.seq,
          message: `同一事项出现在两份清单：${where(a)}「${a.name}」与${where(b)}「${b.name}」`,
        });
      }
    }
  }
  return findings;
}

function fromWarnings(warnings: readonly ParseWarning[]): Finding[] {
  return warnings.flatMap((w): Finding[] => {
    const at = w.at && w.at !== String(w.line) ? { at: w.at } : {};
    if (w.code === "seq-gap") return [{ code: "seq-gap", severity: "warning", line: w.line, ...at, list: w.list, seq: Number(w.text), message: w.message }];
    if (w.code === "unresolved-abbreviation") {
      return [{ code: "unresolved-abbreviation", severity: "warning", line: w.line, ...at, list: w.list, seq: null, message: `「${w.column}」中的${w.message}，请写出完整部门名称` }];
    }
    if (w.code === "unresolved-department") {
      return [{ code: "unresolved-department", severity: "warning", line: w.line, ...at, list: w.list, seq: null, message: `「${w.column}」列中的${w.message}，请写出具体部门` }];
    }
    if (w.code === "skipped-table") {
      return [{ code: "skipped-table", severity: "info", line: w.line, ...at, list: w.list, seq: null, message: `${w.message}：${w.text.slice(0, 40)}` }];
    }
    if (w.code === "empty-department") {
      return [{ code: "empty-department", severity: "warning", line: w.line, ...at, list: w.list, seq: null, message: `${w.message}，请补上` }];
    }
    return [];
  });
}

/** A department the duty text gives work to, but that the row's department column does not name. */
function departmentsNotInColumn(revision: Revision): Finding[] {
  const findings: Finding[] = [];
  const check = (duty: Duty, own: string[], steps: Step[]) => {
    const named = new Set<string>();
    for (const step of steps) {
      for (const m of findMentions(step.text, revision.departments, revision.region)) {
        if (m.department && !own.includes(m.department.name)) named.add(m.department.name);
      }
    }
    for (const name of named) {
      findings.push({ code: "department-not-in-column", severity: "info", line: duty.line, ...atOf(duty), list: duty.list, seq: duty.seq, message: `职责中提到「${name}」，但部门列没有列出` });
    }
  };
  for (const d of revision.lists.coordinated) check(d, d.departments.map((r) => r.name), d.departmentDuties);
  for (const d of revision.lists.reclaimed) check(d, d.receivers.map((r) => r.name), d.method);
  return findings;
}

function singleListCategories(revision: Revision): Finding[] {
  return revision.categories.flatMap((category) => {
    const lists = LIST_KINDS.filter((kind) => revision.lists[kind].some((d) => d.category === category));
    if (lists.length !== 1) return [];
    const first = revision.lists[lists[0]!].find((d) => d.category === category)!;
    return [{ code: "single-list-category" as const, severity: "info" as const, line: first.line, ...atOf(first), list: first.list, seq: first.seq, message: `事项类别「${category}」只出现在${LIST_LABELS[first.list]}清单中` }];
  });
}

function unbalanced(revision: Revision): Finding[] {
  const length = (steps: Step[]) => steps.reduce((n, s) => n + s.text.length, 0);
  return revision.lists.coordinated.flatMap((d) => {
    const town = length(d.townDuties);
    const department = length(d.departmentDuties);
    if (town <= department * UNBALANCED_RATIO) return [];
    return [{ code: "unbalanced-split" as const, severity: "info" as const, line: d.line, ...atOf(d), list: d.list, seq: d.seq, message: `乡镇配合职责（${town} 字）远多于上级部门职责（${department} 字）` }];
  });
}
