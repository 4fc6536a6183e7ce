import type { ListKind, Scope } from "@duty/domain";
import { goTo, pageHref } from "../../navigation.ts";
import type { SearchPatch } from "../../url-state.ts";

export interface DutyFilter {
  /** Several lists: e.g. basic + coordinated, what the town keeps. */
  list?: ListKind | readonly ListKind[] | undefined;
  categoryId?: number | undefined;
  departmentId?: number | undefined;
  q?: string | undefined;
}

export function dutyFilterParams(filter: DutyFilter): SearchPatch {
  return {
    list: filter.list === undefined ? null : typeof filter.list === "string" ? filter.list : filter.list.join(","),
    category: filter.categoryId === undefined ? null : String(filter.categoryId),
    department: filter.departmentId === undefined ? null : String(filter.departmentId),
    q: filter.q ?? null,
  };
}

/**
 * Drill-down from a bar or cell: the Duties page with exactly that bar's filters; a bar that
 * stands for one town's revision narrows the scope to it.
 */
export function showDuties(filter: DutyFilter, scope?: Scope): void {
  goTo("duties", dutyFilterParams(filter), scope);
}

/** The same view as a link, for middle-click and copy-link. */
export function dutiesHref(filter: DutyFilter): string {
  return pageHref("duties", dutyFilterParams(filter));
}
