import { afterEach, describe, expect, it, vi } from "vitest";
import { departmentQuery } from "./features/department/department-queries.ts";
import { FIRST_PAGE, departmentLoadQuery, matrixQuery } from "./features/departments/departments-queries.ts";
import { overviewQueries } from "./features/overview/overview-queries.ts";
import { prefetchPage } from "./prefetch.ts";
import { queryClient } from "./trpc.ts";

// Answers never arrive: what matters is which questions were asked, under which keys. Set before
// the modules load, since the tRPC link keeps the fetch it finds when it is made.
vi.hoisted(() => {
  globalThis.fetch = () => new Promise<Response>(() => {});
});
afterEach(() => queryClient.clear());

const asked = () =>
  queryClient
    .getQueryCache()
    .getAll()
    .map((q) => JSON.stringify(q.queryKey))
    .sort();
const keys = (...options: { queryKey: unknown }[]) => options.map((o) => JSON.stringify(o.queryKey)).sort();

describe("prefetchPage", () => {
  it("asks for the overview's first answers in the address's scope, under the keys the page reads", () => {
    void prefetchPage(new URLSearchParams("region=12"));
    const q = overviewQueries({ regionId: 12 });
    expect(asked()).toEqual(keys(q.overview, q.byCategory, q.reclaimed, q.load));
  });

  it("asks for the first page of departments and of the heatmap", () => {
    void prefetchPage(new URLSearchParams("page=departments&revision=7"));
    expect(asked()).toEqual(keys(departmentLoadQuery({ revisionId: 7 }, FIRST_PAGE), matrixQuery({ revisionId: 7 }, 0)));
  });

  it("asks for the department named by dept, and nothing for a page without charts", () => {
    void prefetchPage(new URLSearchParams("page=department&dept=35"));
    expect(asked()).toEqual(keys(departmentQuery(35, {})));
    queryClient.clear();
    void prefetchPage(new URLSearchParams("page=department"));
    void prefetchPage(new URLSearchParams("page=duties&q=安全"));
    expect(asked()).toEqual([]);
  });
});
