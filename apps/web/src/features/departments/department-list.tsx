import { Pager } from "../../components/pager.tsx";
import { formatCount } from "../../format.ts";
import { goTo, pageHref } from "../../navigation.ts";
import type { DepartmentRow } from "./department-series.ts";
import { type LoadSort, PAGE_SIZE } from "./departments-queries.ts";

/** The list's columns; a sortable one names the server's order (every order is computed by the server). */
const COLUMNS: { label: string; sort?: LoadSort; value?: (r: DepartmentRow) => number }[] = [
  { label: "部门", sort: "name" },
  { label: "所属县" },
  { label: "牵头配合事项", sort: "led", value: (r) => r.coordinatedLed },
  { label: "承接收回事项", sort: "received", value: (r) => r.reclaimedReceived },
  { label: "合计", sort: "total", value: (r) => r.total },
  { label: "部门职责步骤", sort: "departmentSteps", value: (r) => r.departmentSteps },
  { label: "乡镇配合步骤", sort: "townSteps", value: (r) => r.townSteps },
];

/** A department's own page: its duties, their steps, its categories. */
function departmentHref(id: number): string {
  return pageHref("department", { dept: String(id) });
}

export interface DepartmentListProps {
  /** The page of departments the server sent, in its order; undefined while the first page loads. */
  rows: DepartmentRow[] | undefined;
  /** Departments matching the search in the whole scope (every page). */
  total: number;
  next: number | null;
  cursor: number;
  onPage: (cursor: number) => void;
  /** The search box's text, and the search the server last answered. */
  text: string;
  onText: (text: string) => void;
  query: string;
  sort: LoadSort;
  onSort: (sort: LoadSort) => void;
}

/**
 * Search and list of the scope's departments, a page at a time; the server searches, sorts and
 * counts (a province has thousands of departments). A name opens the department's page.
 */
export function DepartmentList({ rows, total, next, cursor, onPage, text, onText, query, sort, onSort }: DepartmentListProps) {
  return (
    <section className="panel department-list" aria-label="查找部门" data-testid="department-list">
      <h2>查找部门</h2>
      <search>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            部门名称
            <input
              name="department-search"
              type="search"
              value={text}
              maxLength={50}
              placeholder="如：农业农村、民政、玛纳斯县 民政"
              onChange={(e) => onText(e.target.value)}
              data-testid="department-search"
            />
          </label>
          <label>
            排序
            <select value={sort} onChange={(e) => onSort(e.target.value as LoadSort)} data-testid="department-sort">
              {COLUMNS.flatMap((c) =>
                c.sort
                  ? [
                      <option key={c.sort} value={c.sort}>
                        {c.label}
                        {c.sort === "name" ? "（拼音序）" : "（从多到少）"}
                      </option>,
                    ]
                  : [],
              )}
            </select>
          </label>
        </form>
      </search>
      {rows && (
        <>
          <p className="status" data-testid="department-count">
            {query ? `找到 ${formatCount(total)} 个部门` : `共 ${formatCount(total)} 个部门`}
          </p>
          {rows.length > 0 && (
            <div className="table-scroll">
              <table className="data" data-testid="department-table">
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th
                        key={c.label}
                        className={c.value ? "num" : undefined}
                        aria-sort={c.sort === sort ? (sort === "name" ? "ascending" : "descending") : undefined}
                      >
                        {c.sort ? (
                          <button type="button" className="link" onClick={() => onSort(c.sort!)}>
                            {c.label}
                            {c.sort === sort ? (sort === "name" ? " ↑" : " ↓") : ""}
                          </button>
                        ) : (
                          c.label
                        )}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.departmentId} data-department={r.departmentId}>
                      <td>
                        <a
                          href={departmentHref(r.departmentId)}
                          onClick={(e) => {
                            e.preventDefault();
                            goTo("department", { dept: String(r.departmentId) });
                          }}
                        >
                          {r.name}
                        </a>
                      </td>
                      <td className="nowrap">{r.county}</td>
                      {COLUMNS.flatMap((c) =>
                        c.value
                          ? [
                              <td key={c.label} className="num">
                                {formatCount(c.value(r))}
                              </td>,
                            ]
                          : [],
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length === 0 && <p className="status">{query ? `没有名称含「${query}」的部门。` : "这个范围内没有部门。"}</p>}
          <Pager cursor={cursor} shown={rows.length} total={total} next={next} onPage={onPage} what="departments" pageSize={PAGE_SIZE} />
        </>
      )}
    </section>
  );
}
