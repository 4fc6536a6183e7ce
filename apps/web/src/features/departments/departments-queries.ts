import type { Scope } from "@duty/domain";
import { queryClient, trpc } from "../../trpc.ts";

/** Departments per page of the list, its charts and the heatmap: what a screen reads (a province has thousands). */
export const PAGE_SIZE = 20;

export type LoadSort = "total" | "led" | "received" | "townSteps" | "departmentSteps" | "name";

/** One page of the departments table (and its charts): the page and prefetchDepartments ask alike. */
export function departmentLoadQuery(scope: Scope, page: { sort: LoadSort; cursor: number; q: string }) {
  const { sort, cursor, q } = page;
  return trpc.stats.departmentLoad.queryOptions({ ...scope, limit: PAGE_SIZE, sort, ...(cursor ? { cursor } : {}), ...(q ? { q } : {}) });
}

/** One page of the department × category heatmap. */
export function matrixQuery(scope: Scope, cursor: number) {
  return trpc.stats.matrix.queryOptions({ ...scope, by: "department", limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
}

/** The page as it opens: busiest departments first, no search. */
export const FIRST_PAGE = { sort: "total", cursor: 0, q: "" } as const;

export async function prefetchDepartments(scope: Scope): Promise<void> {
  await Promise.all([queryClient.prefetchQuery(departmentLoadQuery(scope, FIRST_PAGE)), queryClient.prefetchQuery(matrixQuery(scope, 0))]);
}
