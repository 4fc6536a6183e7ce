import type { DepartmentRef, Duty, Revision } from "../types.ts";

/** Canonical department name → the key departments are compared by. */
export type DepartmentKeyOf = (name: string) => string;

/**
 * Within one town the canonical full name identifies a department; between towns the short name does,
 * since 呼图壁县税务局 and 玛纳斯县税务局 are the same kind of bureau under two full names.
 */
export function departmentKeys(revision: Revision, sameTown: boolean): DepartmentKeyOf {
  if (sameTown) return (name) => name;
  const short = new Map(revision.departments.map((d) => [d.name, d.shortName]));
  return (name) => short.get(name) ?? name;
}

/** Leading departments of a coordinated duty, receivers of a reclaimed one: the county units answering for it. */
export function departmentsOf(duty: Duty): DepartmentRef[] {
  return duty.list === "coordinated" ? duty.departments : duty.list === "reclaimed" ? duty.receivers : [];
}

/** Distinct keys, so a cell naming one bureau twice (or two aliases of it) counts it once. */
export function departmentKeysOf(duty: Duty, key: DepartmentKeyOf): string[] {
  return [...new Set(departmentsOf(duty).map((ref) => key(ref.name)))];
}
