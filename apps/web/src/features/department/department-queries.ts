import type { Scope } from "@duty/domain";
import { queryClient, trpc } from "../../trpc.ts";

/** A department's duties in the scope: the page and prefetchDepartment ask alike. */
export const departmentQuery = (id: number, scope: Scope) => trpc.departments.byId.queryOptions({ id, ...scope });

export async function prefetchDepartment(id: number, scope: Scope): Promise<void> {
  await queryClient.prefetchQuery(departmentQuery(id, scope));
}
