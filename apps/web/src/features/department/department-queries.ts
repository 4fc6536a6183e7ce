import type { Scope } from "@duty/domain";
import { queryClient, trpc } from "../../trpc.ts";

/** Duties per page of each of a department's two lists. */
export const MIRROR_PAGE = 20;

/** Where each list's page starts. */
export interface MirrorPages {
  coordinated: number;
  reclaimed: number;
}
export const FIRST_PAGES: MirrorPages = { coordinated: 0, reclaimed: 0 };

/** A department's duties in the scope, a page of each list: the page and prefetchDepartment ask alike. */
export const departmentQuery = (id: number, scope: Scope, pages: MirrorPages = FIRST_PAGES) =>
  trpc.departments.byId.queryOptions({
    id,
    ...scope,
    limit: MIRROR_PAGE,
    ...(pages.coordinated ? { ledCursor: pages.coordinated } : {}),
    ...(pages.reclaimed ? { receivedCursor: pages.reclaimed } : {}),
  });

export async function prefetchDepartment(id: number, scope: Scope): Promise<void> {
  await queryClient.prefetchQuery(departmentQuery(id, scope));
}
