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

/** One duty with its steps, as each item of the mirror view shows it. */
export const dutyQuery = (id: number) => trpc.duties.byId.queryOptions({ id });

/** The first page of each list and the steps of its duties: the whole first screen, asked for at once. */
export async function prefetchDepartment(id: number, scope: Scope): Promise<void> {
  const view = await queryClient.fetchQuery(departmentQuery(id, scope));
  await Promise.all([...view.led.items, ...view.received.items].map((d) => queryClient.prefetchQuery(dutyQuery(d.id))));
}
