import type { Scope } from "@duty/domain";
import { skipToken } from "@tanstack/react-query";
import { queryClient, trpc } from "../../trpc.ts";

/** Above this many towns one bar per town no longer reads: the share chart gives way to a histogram. */
export const SHARE_BARS_MAX_TOWNS = 30;

/** The overview's departments chart: only the top 10 travel, nationally there are thousands of county departments. */
export const TOP_DEPARTMENTS = 10;

/** What the overview asks for first, the same for the page and for prefetchOverview. */
export function overviewQueries(scope: Scope) {
  return {
    overview: trpc.stats.overview.queryOptions(scope),
    byCategory: trpc.stats.byCategory.queryOptions(scope),
    reclaimed: trpc.stats.reclaimedVsRetained.queryOptions(scope),
    load: trpc.stats.departmentLoad.queryOptions({ ...scope, limit: TOP_DEPARTMENTS }),
  };
}

/**
 * With several towns in scope the share chart compares them, a bar each up to SHARE_BARS_MAX_TOWNS,
 * past that as a histogram of all of them (both computed by the server over every town of the scope).
 */
export function shareQueries(scope: Scope, towns: number | undefined) {
  return {
    towns: trpc.stats.townShares.queryOptions(
      towns !== undefined && towns > 1 && towns <= SHARE_BARS_MAX_TOWNS ? { ...scope, limit: SHARE_BARS_MAX_TOWNS } : skipToken,
    ),
    histogram: trpc.stats.townShareHistogram.queryOptions(towns !== undefined && towns > SHARE_BARS_MAX_TOWNS ? scope : skipToken),
  };
}

export async function prefetchOverview(scope: Scope): Promise<void> {
  const first = overviewQueries(scope);
  void queryClient.prefetchQuery(first.byCategory);
  void queryClient.prefetchQuery(first.reclaimed);
  void queryClient.prefetchQuery(first.load);
  const overview = await queryClient.fetchQuery(first.overview);
  const share = shareQueries(scope, overview.towns);
  await Promise.all([queryClient.prefetchQuery(share.towns), queryClient.prefetchQuery(share.histogram)]);
}
