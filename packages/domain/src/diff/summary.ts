import type { ListKind, Revision } from "../types.ts";
import { LIST_KINDS, allDuties } from "../types.ts";
import { departmentKeysOf, type DepartmentKeyOf } from "./department-keys.ts";
import type { CategoryCount, ChangeKind, CountDelta, DepartmentLoad, DiffSummary, DutyChange, LoadCounts } from "./types.ts";
import { CHANGE_KINDS } from "./types.ts";

export function summarise(
  before: Revision,
  after: Revision,
  changes: readonly DutyChange[],
  keyBefore: DepartmentKeyOf,
  keyAfter: DepartmentKeyOf,
): DiffSummary {
  const kinds = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const change of changes) for (const kind of change.kinds) kinds[kind]++;

  const lists = perList((kind) => count(before.lists[kind].length, after.lists[kind].length));

  const countsBefore = perCategory(before);
  const countsAfter = perCategory(after);
  const categories: CategoryCount[] = [];
  for (const category of new Set([...before.categories, ...after.categories])) {
    const inList = (counts: Map<string, Record<ListKind, number>>, kind: ListKind) => counts.get(category)?.[kind] ?? 0;
    const byList = perList((kind) => count(inList(countsBefore, kind), inList(countsAfter, kind)));
    const total = LIST_KINDS.reduce((n, kind) => n + byList[kind].before, 0);
    const totalAfter = LIST_KINDS.reduce((n, kind) => n + byList[kind].after, 0);
    categories.push({ category, ...count(total, totalAfter), lists: byList });
  }

  const loadBefore = loads(before, keyBefore);
  const loadAfter = loads(after, keyAfter);
  const none: LoadCounts = { coordinated: 0, reclaimed: 0, total: 0 };
  const departments: DepartmentLoad[] = [...new Set([...loadBefore.keys(), ...loadAfter.keys()])].map((department) => {
    const b = loadBefore.get(department) ?? none;
    const a = loadAfter.get(department) ?? none;
    return { department, before: b, after: a, delta: a.total - b.total };
  });

  return { kinds, lists, categories, departments };
}

/** Duties per category and list in one pass: filtering the lists once per category is quadratic in a list of thousands of categories. */
function perCategory(revision: Revision): Map<string, Record<ListKind, number>> {
  const out = new Map<string, Record<ListKind, number>>();
  for (const duty of allDuties(revision)) {
    let counts = out.get(duty.category);
    if (!counts) {
      counts = { basic: 0, coordinated: 0, reclaimed: 0 };
      out.set(duty.category, counts);
    }
    counts[duty.list]++;
  }
  return out;
}

function count(before: number, after: number): CountDelta {
  return { before, after, delta: after - before };
}

function perList(f: (kind: ListKind) => CountDelta): Record<ListKind, CountDelta> {
  return { basic: f("basic"), coordinated: f("coordinated"), reclaimed: f("reclaimed") };
}

// Keyed in the revision's own order so the summary lists departments as the document does.
function loads(revision: Revision, key: DepartmentKeyOf): Map<string, LoadCounts> {
  const out = new Map<string, LoadCounts>();
  for (const d of revision.departments) if (!out.has(key(d.name))) out.set(key(d.name), { coordinated: 0, reclaimed: 0, total: 0 });
  for (const duty of allDuties(revision)) {
    if (duty.list === "basic") continue;
    for (const k of departmentKeysOf(duty, key)) {
      let load = out.get(k);
      if (!load) {
        load = { coordinated: 0, reclaimed: 0, total: 0 };
        out.set(k, load);
      }
      load[duty.list]++;
      load.total++;
    }
  }
  return out;
}
