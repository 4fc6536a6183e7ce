import type { RouterOutputs } from "@duty/api";
import { LIST_KINDS, type ListKind, type Scope } from "@duty/domain";
import { type InfiniteData, infiniteQueryOptions } from "@tanstack/react-query";
import { queryClient, trpc } from "../../trpc.ts";
import type { DutyFilter } from "./drill.ts";

export type DutySummary = RouterOutputs["duties"]["search"]["items"][number];
type SearchPage = RouterOutputs["duties"]["search"];

/** The Duties page's filters as the URL holds them. */
export interface DutyQuery {
  scope: Scope;
  /** Empty: every list. Several: one after another (the API filters one list at a time). */
  lists: ListKind[];
  categoryId: number | undefined;
  departmentId: number | undefined;
  q: string | undefined;
}

function id(value: string | null): number | undefined {
  if (value === null || !/^\d{1,10}$/u.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

export function parseLists(value: string | null): ListKind[] {
  const wanted = new Set((value ?? "").split(","));
  return LIST_KINDS.filter((k) => wanted.has(k));
}

export function dutyQueryFromParams(params: URLSearchParams, scope: Scope): DutyQuery {
  const q = params.get("q")?.trim();
  return {
    scope,
    lists: parseLists(params.get("list")),
    categoryId: id(params.get("category")),
    departmentId: id(params.get("department")),
    q: q ? q.slice(0, 100) : undefined,
  };
}

export function dutyFilterOf(query: DutyQuery): DutyFilter {
  return { list: query.lists, categoryId: query.categoryId, departmentId: query.departmentId, q: query.q };
}

interface PageParam {
  /** Index into the lists walked (one segment when no or one list is chosen). */
  segment: number;
  cursor: string | undefined;
}

function searchInput(query: DutyQuery, page: PageParam, limit: number) {
  const list = query.lists.length === LIST_KINDS.length ? undefined : query.lists[page.segment];
  return {
    ...query.scope,
    ...(list ? { list } : {}),
    ...(query.categoryId !== undefined ? { categoryId: query.categoryId } : {}),
    ...(query.departmentId !== undefined ? { departmentId: query.departmentId } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
    limit,
  };
}

function segments(query: DutyQuery): number {
  return query.lists.length === 0 || query.lists.length === LIST_KINDS.length ? 1 : query.lists.length;
}

function nextPage(query: DutyQuery, last: SearchPage, param: PageParam): PageParam | undefined {
  if (last.nextCursor !== null) return { segment: param.segment, cursor: last.nextCursor };
  return param.segment + 1 < segments(query) ? { segment: param.segment + 1, cursor: undefined } : undefined;
}

/**
 * Pages of duties.search, walking the chosen lists one after the other. Every page is an
 * ordinary tRPC query (trpc.duties.search.queryOptions), so it is cached and shared like any other.
 */
export function dutySearchOptions(query: DutyQuery, limit = 50) {
  return infiniteQueryOptions<SearchPage, Error, InfiniteData<SearchPage, PageParam>, readonly unknown[], PageParam>({
    queryKey: ["duty-search", query, limit],
    initialPageParam: { segment: 0, cursor: undefined },
    queryFn: ({ pageParam }) => queryClient.fetchQuery(trpc.duties.search.queryOptions(searchInput(query, pageParam, limit))),
    getNextPageParam: (last, _all, param) => nextPage(query, last, param),
  });
}

/** Every duty matching the filters, for export: the table on screen may hold only the first pages. */
export async function fetchAllDuties(query: DutyQuery): Promise<DutySummary[]> {
  const out: DutySummary[] = [];
  let param: PageParam | undefined = { segment: 0, cursor: undefined };
  while (param) {
    const page: SearchPage = await queryClient.fetchQuery(trpc.duties.search.queryOptions(searchInput(query, param, 200)));
    out.push(...page.items);
    param = nextPage(query, page, param);
  }
  return out;
}
