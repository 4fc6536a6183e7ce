import { findMentions } from "../departments/mentions.ts";
import type { Duty, ListKind, ParseWarning, Revision, Step } from "../types.ts";
import { LIST_KINDS, LIST_LABELS, LIST_TITLES, allDuties } from "../types.ts";
import { BigramIndex } from "../text/candidates.ts";
import { bigrams, nameKey } from "../text/similarity.ts";

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
    if (
      !title ||
      title.text
        .replace(/([（(][^（）()]*[)）]\s*)+$/u, "")
        .trim()
        .endsWith(LIST_TITLES[kind])
    )
      return [];
    return [
      {
        code: "title-typo" as const,
        severity: "warning" as const,
        line: title.line,
        ...(title.at && title.at !== String(title.line) ? { at: title.at } : {}),
        list: kind,
        seq: null,
        message: `标题「${title.text}」与规范名称「${LIST_TITLES[kind]}」不一致`,
      },
    ];
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

/**
 * Most earlier duties one duty is reported as repeating. A real list repeats a name two or three
 * times at most; a hostile one with 20,000 copies of a name would otherwise make 2 × 10^8 findings.
 */
export const DUPLICATES_PER_DUTY = 16;

function duplicates(revision: Revision): Finding[] {
  const duties = allDuties(revision);
  const keys = duties.map((d) => nameKey(d.name));
  const grams = keys.map(bigrams);
  // [earlier, later] pairs: the same name within a list, the same or a near name across lists.
  const pairs: [number, number][] = [];
  const byKey = new Map<string, number[]>();
  const index = new BigramIndex(grams);
  duties.forEach((b, j) => {
    const key = keys[j]!;
    const same = byKey.get(key);
    // The nearest earlier copies: the ones a reader finds next to this row.
    for (const i of same?.slice(-DUPLICATES_PER_DUTY) ?? []) pairs.push([i, j]);
    if (same) same.push(j);
    else byKey.set(key, [j]);
    const near = index
      .similar(grams[j]!, NEAR_DUPLICATE)
      .filter((c) => c.index < j && keys[c.index] !== key && duties[c.index]!.list !== b.list)
      .sort((x, y) => y.dice - x.dice || x.index - y.index)
      .slice(0, DUPLICATES_PER_DUTY);
    for (const c of near) pairs.push([c.index, j]);
  });
  // In the order a reader goes through the list: by the earlier duty, then the later one.
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return pairs.flatMap(([i, j]): Finding[] => {
    const a = duties[i]!;
    const b = duties[j]!;
    if (a.list === b.list) {
      return [
        {
          code: "duplicate-in-list",
          severity: "warning",
          line: b.line,
          ...atOf(b),
          list: b.list,
          seq: b.seq,
          message: `事项「${b.name}」与${where(a)}重复`,
        },
      ];
    }
    return [
      {
        code: "cross-list-duplicate",
        severity: "warning",
        line: b.line,
        ...atOf(b),
        list: b.list,
        seq: b.seq,
        message: `同一事项出现在两份清单：${where(a)}「${a.name}」与${where(b)}「${b.name}」`,
      },
    ];
  });
}

function fromWarnings(warnings: readonly ParseWarning[]): Finding[] {
  return warnings.flatMap((w): Finding[] => {
    const at = w.at && w.at !== String(w.line) ? { at: w.at } : {};
    if (w.code === "seq-gap")
      return [{ code: "seq-gap", severity: "warning", line: w.line, ...at, list: w.list, seq: Number(w.text), message: w.message }];
    if (w.code === "unresolved-abbreviation") {
      return [
        {
          code: "unresolved-abbreviation",
          severity: "warning",
          line: w.line,
          ...at,
          list: w.list,
          seq: null,
          message: `「${w.column}」中的${w.message}，请写出完整部门名称`,
        },
      ];
    }
    if (w.code === "unresolved-department") {
      return [
        {
          code: "unresolved-department",
          severity: "warning",
          line: w.line,
          ...at,
          list: w.list,
          seq: null,
          message: `「${w.column}」列中的${w.message}，请写出具体部门`,
        },
      ];
    }
    if (w.code === "skipped-table") {
      return [
        {
          code: "skipped-table",
          severity: "info",
          line: w.line,
          ...at,
          list: w.list,
          seq: null,
          message: `${w.message}：${w.text.slice(0, 40)}`,
        },
      ];
    }
    if (w.code === "empty-department") {
      return [
        { code: "empty-department", severity: "warning", line: w.line, ...at, list: w.list, seq: null, message: `${w.message}，请补上` },
      ];
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
      findings.push({
        code: "department-not-in-column",
        severity: "info",
        line: duty.line,
        ...atOf(duty),
        list: duty.list,
        seq: duty.seq,
        message: `职责中提到「${name}」，但部门列没有列出`,
      });
    }
  };
  for (const d of revision.lists.coordinated)
    check(
      d,
      d.departments.map((r) => r.name),
      d.departmentDuties,
    );
  for (const d of revision.lists.reclaimed)
    check(
      d,
      d.receivers.map((r) => r.name),
      d.method,
    );
  return findings;
}

function singleListCategories(revision: Revision): Finding[] {
  // One pass over the duties: a category's lists and its first duty in each.
  const firsts = new Map<string, Map<ListKind, Duty>>();
  for (const kind of LIST_KINDS) {
    for (const d of revision.lists[kind]) {
      let lists = firsts.get(d.category);
      if (!lists) {
        lists = new Map();
        firsts.set(d.category, lists);
      }
      if (!lists.has(kind)) lists.set(kind, d);
    }
  }
  return revision.categories.flatMap((category) => {
    const lists = firsts.get(category);
    if (lists?.size !== 1) return [];
    const first = [...lists.values()][0]!;
    return [
      {
        code: "single-list-category" as const,
        severity: "info" as const,
        line: first.line,
        ...atOf(first),
        list: first.list,
        seq: first.seq,
        message: `事项类别「${category}」只出现在${LIST_LABELS[first.list]}清单中`,
      },
    ];
  });
}

function unbalanced(revision: Revision): Finding[] {
  const length = (steps: Step[]) => steps.reduce((n, s) => n + s.text.length, 0);
  return revision.lists.coordinated.flatMap((d) => {
    const town = length(d.townDuties);
    const department = length(d.departmentDuties);
    if (town <= department * UNBALANCED_RATIO) return [];
    return [
      {
        code: "unbalanced-split" as const,
        severity: "info" as const,
        line: d.line,
        ...atOf(d),
        list: d.list,
        seq: d.seq,
        message: `乡镇配合职责（${town} 字）远多于上级部门职责（${department} 字）`,
      },
    ];
  });
}
