import type { Duty, Region, Revision, Step } from "../types.ts";
import { departmentKeys, departmentKeysOf, departmentsOf, type DepartmentKeyOf } from "./department-keys.ts";
import { foldPlace, matchDuties, placeForms, prepareItems } from "./match.ts";
import { summarise } from "./summary.ts";
import type { ChangeKind, DutyChange, DutyColumn, DutyRef, RevisionDiff } from "./types.ts";

/**
 * Compares two revisions of a town's lists, or two towns' lists side by side, duty by duty.
 * Duties are paired by name alone (序号 is renumbered, never an identity) and one to one.
 */
export function diffRevisions(before: Revision, after: Revision): RevisionDiff {
  const sameTown = isSameTown(before.region, after.region);
  const beforeItems = prepareItems(before);
  const afterItems = prepareItems(after);
  const matches = matchDuties(beforeItems, afterItems);

  const keyBefore = departmentKeys(before, sameTown);
  const keyAfter = departmentKeys(after, sameTown);
  // Between towns each side's own place names are folded away, or every town-side text would differ.
  const formsBefore = placeForms(before.region);
  const formsAfter = placeForms(after.region);
  const textBefore = (t: string) => (sameTown ? t : foldPlace(t, formsBefore));
  const textAfter = (t: string) => (sameTown ? t : foldPlace(t, formsAfter));

  const matchOfAfter = new Map(matches.map((m) => [m.after, m]));
  const matchedBefore = new Set(matches.map((m) => m.before));
  const changes: DutyChange[] = [];
  afterItems.forEach((item, j) => {
    const m = matchOfAfter.get(j);
    if (!m) {
      changes.push({ kinds: ["added"], before: null, after: refOf(item.duty), match: null, departments: null, duties: null });
      return;
    }
    const a = beforeItems[m.before]!.duty;
    const b = item.duty;
    const kinds: ChangeKind[] = [];
    if (a.list !== b.list) kinds.push("moved");
    if (a.category !== b.category) kinds.push("recategorized");
    if (textBefore(a.name) !== textAfter(b.name)) kinds.push("reworded");
    const departments = departmentChange(a, b, keyBefore, keyAfter);
    if (departments) kinds.push("departmentsChanged");
    const duties = dutyColumnsChanged(a, b, textBefore, textAfter);
    if (duties) kinds.push("dutiesChanged");
    changes.push({
      kinds: kinds.length ? kinds : ["unchanged"],
      before: refOf(a),
      after: refOf(b),
      match: { method: m.method, similarity: m.similarity },
      departments,
      duties,
    });
  });
  beforeItems.forEach((item, i) => {
    if (!matchedBefore.has(i)) {
      changes.push({ kinds: ["removed"], before: refOf(item.duty), after: null, match: null, departments: null, duties: null });
    }
  });

  return {
    before: before.region,
    after: after.region,
    sameTown,
    departmentKey: sameTown ? "name" : "shortName",
    changes,
    summary: summarise(before, after, changes, keyBefore, keyAfter),
  };
}

/** A title that leaves out a level (no 州 in one draft) still names the same town. */
function isSameTown(a: Region, b: Region): boolean {
  const same = (x: string | null, y: string | null) => x === null || y === null || x === y;
  return a.town === b.town && same(a.county, b.county) && same(a.prefecture, b.prefecture);
}

export function refOf(duty: Duty): DutyRef {
  return {
    list: duty.list,
    seq: duty.seq,
    category: duty.category,
    name: duty.name,
    line: duty.line,
    departments: departmentsOf(duty).map((ref) => ref.name),
  };
}

/**
 * A duty moved between the coordinated and the reclaimed list is compared too, both columns naming
 * the county units that answer for it: 水利局 leading it before and receiving it after is no change.
 * A basic duty has no department to compare.
 */
function departmentChange(a: Duty, b: Duty, keyA: DepartmentKeyOf, keyB: DepartmentKeyOf): DutyChange["departments"] {
  if (a.list === "basic" || b.list === "basic") return null;
  const before = departmentKeysOf(a, keyA);
  const after = departmentKeysOf(b, keyB);
  const added = after.filter((k) => !before.includes(k));
  const removed = before.filter((k) => !after.includes(k));
  return added.length || removed.length ? { added, removed } : null;
}

/** Only within one list: the columns of different lists say different things by design. */
function dutyColumnsChanged(a: Duty, b: Duty, textA: (t: string) => string, textB: (t: string) => string): DutyColumn[] | null {
  const changed: DutyColumn[] = [];
  const compare = (column: DutyColumn, x: readonly Step[], y: readonly Step[]) => {
    if (textA(stepsText(x)) !== textB(stepsText(y))) changed.push(column);
  };
  if (a.list === "coordinated" && b.list === "coordinated") {
    compare("departmentDuties", a.departmentDuties, b.departmentDuties);
    compare("townDuties", a.townDuties, b.townDuties);
  } else if (a.list === "reclaimed" && b.list === "reclaimed") {
    compare("method", a.method, b.method);
  }
  return changed.length ? changed : null;
}

// Steps rather than the raw cell, so re-marking the same text (<p>1. …</p> versus 1. …) is no change.
function stepsText(steps: readonly Step[]): string {
  return steps.map((s) => (s.heading ? `${s.heading}：${s.text}` : s.text)).join("\n");
}
