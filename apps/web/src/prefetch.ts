import { prefetchCompare } from "./features/compare/compare-queries.ts";
import { prefetchDepartment } from "./features/department/department-queries.ts";
import { prefetchDepartments } from "./features/departments/departments-queries.ts";
import { prefetchOverview } from "./features/overview/overview-queries.ts";
import { scopeFromParams } from "./navigation.ts";
import { PAGE_CODE, pageOf } from "./pages.ts";
import { idParam } from "./url-state.ts";

/**
 * Starts what a page needs as soon as its address is known: its code and its first answers, side by
 * side. Left to the page itself, its answers were asked for only once its code (recharts, 400 kB)
 * had loaded and React had shown it: ~500 ms later on the national overview (scripts/timeline.ts).
 * The page asks with the same query options, so it finds these answers in the cache or in flight.
 * Resolves when the page's code has loaded (or failed to).
 */
export function prefetchPage(params: URLSearchParams): Promise<unknown> {
  const scope = scopeFromParams(params);
  const page = pageOf(params);
  const code = PAGE_CODE[page]();
  let work: Promise<unknown> | undefined;
  switch (page) {
    case "overview":
      work = prefetchOverview(scope);
      break;
    case "departments":
      work = prefetchDepartments(scope);
      break;
    case "department": {
      const id = idParam(params, "dept");
      if (id !== null) work = prefetchDepartment(id, scope);
      break;
    }
    case "compare":
      work = prefetchCompare({ from: idParam(params, "from"), to: idParam(params, "to"), within: idParam(params, "within") });
      break;
    default:
      break;
  }
  // A failed answer or chunk is the page's to show: its own query asks again, its lazy import fails visibly.
  work?.catch(() => undefined);
  return code.catch(() => undefined);
}
