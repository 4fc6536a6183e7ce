import { skipToken } from "@tanstack/react-query";
import { queryClient, trpc } from "../../trpc.ts";

/** Two stored revisions duty by duty: the page and prefetchCompare ask alike. */
export const revisionDiffQuery = (from: number | null, to: number | null) =>
  trpc.diff.compare.queryOptions(from !== null && to !== null ? { from, to } : skipToken);

/** Every town of a region side by side. */
export const townsInRegionQuery = (regionId: number | null) =>
  trpc.diff.townsInRegion.queryOptions(regionId === null ? skipToken : { regionId });

export async function prefetchCompare(ids: { from: number | null; to: number | null; within: number | null }): Promise<void> {
  await Promise.all([
    ids.from !== null && ids.to !== null ? queryClient.prefetchQuery(revisionDiffQuery(ids.from, ids.to)) : undefined,
    ids.within !== null ? queryClient.prefetchQuery(townsInRegionQuery(ids.within)) : undefined,
  ]);
}
