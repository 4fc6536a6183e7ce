import type { ListKind } from "@duty/domain";
import { SCOPE_PARAMS, type Scope, scopePatch } from "./scope.ts";
import { type SearchPatch, hrefFor, navigate } from "./url-state.ts";

export type Page = "overview" | "departments" | "duties" | "compare";

export interface DutyFilter {
  /** Several lists: e.g. basic + coordinated, what the town keeps. */
  list?: ListKind | readonly ListKind[] | undefined;
  categoryId?: number | undefined;
  departmentId?: number | undefined;
  q?: string | undefined;
}

/** A page with its own parameters, keeping only the scope from the current URL. */
function pagePatch(page: Page, params: SearchPatch): SearchPatch {
  const current = new URLSearchParams(window.location.search);
  const keep: SearchPatch = {};
  for (const key of SCOPE_PARAMS) keep[key] = current.get(key);
  return { ...keep, page: page === "overview" ? null : page, ...params };
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
  navigate({ ...pagePatch("duties", dutyFilterParams(filter)), ...(scope ? scopePatch(scope) : {}) }, { reset: true });
  window.scrollTo(0, 0);
}

export function goTo(page: Page, params: SearchPatch = {}): void {
  navigate(pagePatch(page, params), { reset: true });
  window.scrollTo(0, 0);
}

export function pageHref(page: Page, params: SearchPatch = {}): string {
  return hrefFor(pagePatch(page, params), true);
}
