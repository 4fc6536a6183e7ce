import { useDeferredValue, useMemo, useState } from "react";
import { formatCount } from "../../format.ts";
import { goTo, pageHref } from "../../navigation.ts";
import type { DepartmentRow } from "./department-series.ts";

/** Rows shown at once: a province has thousands of departments, and typing narrows them faster than scrolling. */
export const LIST_LIMIT = 50;

/** Departments whose name, short name or county contains every word typed (spaces separate words). */
export function matchDepartments(rows: readonly DepartmentRow[], text: string): DepartmentRow[] {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => words.every((w) => r.name.includes(w) || r.shortName.includes(w) || r.county.includes(w)));
}

/** A department's own page: its duties, their steps, its categories. */
export function departmentHref(id: number): string {
  return pageHref("department", { dept: String(id) });
}

/** Search and list of the scope's departments, heaviest first; a name opens the department's page. */
export function DepartmentList({ rows }: { rows: DepartmentRow[] }) {
  const [text, setText] = useState("");
  const query = useDeferredValue(text);
  const matches = useMemo(() => matchDepartments(rows, query), [rows, query]);
  const shown = matches.slice(0, LIST_LIMIT);
  return (
    <section className="panel department-list" aria-label="查找部门" data-testid="department-list">
      <h2>查找部门</h2>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          部门名称
          <input
            name="department-search"
            type="search"
            value={text}
            maxLength={50}
            placeholder="如：农业农村、民政、玛纳斯县"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      </form>
      <p className="status" data-testid="department-count">
        {query ? `找到 ${formatCount(matches.length)} 个部门` : `共 ${formatCount(rows.length)} 个部门`}
        {matches.length > shown.length ? `，显示负担最重的 ${shown.length} 个，输入名称可缩小范围` : ""}
      </p>
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="data" data-testid="department-table">
            <thead>
              <tr>
                <th>部门</th>
                <th>所属县</th>
                <th className="num">牵头配合事项</th>
                <th className="num">承接收回事项</th>
                <th className="num">合计</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
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
                  <td className="num">{formatCount(r.coordinatedLed)}</td>
                  <td className="num">{formatCount(r.reclaimedReceived)}</td>
                  <td className="num">{formatCount(r.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query && matches.length === 0 && <p className="status">没有名称含「{query}」的部门。</p>}
    </section>
  );
}
