import { LIST_LABELS, type ListKind, type Scope } from "@duty/domain";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Fragment, useEffect, useMemo, useState } from "react";
import { DutySides } from "../../components/duty-steps.tsx";
import { ExportButtons } from "../../components/export-buttons.tsx";
import { ListBadge } from "../../components/list-badge.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { formatCount } from "../../format.ts";
import { trpc } from "../../trpc.ts";
import { hrefFor, navigate, useSearchParams } from "../../url-state.ts";
import { dutyFilterParams } from "./drill.ts";
import { dutyFilterOf, dutyQueryFromParams, dutySearchOptions, fetchAllDuties } from "./duty-search.ts";
import { dutiesTable, fetchSteps } from "./duty-table.ts";

/** Departments offered in the filter at once, by name. */
const DEPARTMENT_OPTIONS = 200;

const LIST_OPTIONS: { value: string; label: string }[] = [
  { value: "", label: "全部清单" },
  { value: "basic", label: LIST_LABELS.basic },
  { value: "coordinated", label: LIST_LABELS.coordinated },
  { value: "reclaimed", label: LIST_LABELS.reclaimed },
  { value: "basic,coordinated", label: "乡镇保留（基本＋配合）" },
];

export default function DutiesPage({ scope }: { scope: Scope }) {
  const [params] = useSearchParams();
  const query = useMemo(() => dutyQueryFromParams(params, scope), [params, scope]);
  const selectedId = Number(params.get("duty")) || null;

  const categories = useQuery(trpc.stats.byCategory.queryOptions(scope));
  // The department list is a page the server sorts by name, narrowed by the text typed beside it:
  // nationally there are thousands of county departments, too many for one <select>.
  const [departmentText, setDepartmentText] = useState("");
  const [departmentQ, setDepartmentQ] = useState("");
  useEffect(() => {
    const handle = setTimeout(() => setDepartmentQ(departmentText.trim()), 250);
    return () => clearTimeout(handle);
  }, [departmentText]);
  const load = useQuery({
    ...trpc.stats.departmentLoad.queryOptions({
      ...scope,
      limit: DEPARTMENT_OPTIONS,
      sort: "name",
      ...(departmentQ ? { q: departmentQ } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const departments = load.data?.items ?? [];
  const search = useInfiniteQuery(dutySearchOptions(query));
  const rows = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  const first = search.data?.pages[0];
  const oneSegment = query.lists.length <= 1 || query.lists.length === 3;
  const multiTown = new Set(rows.map((r) => r.townId)).size > 1;

  // Typing updates the URL (replace, not push) after a pause, so Back skips half-typed words.
  const [text, setText] = useState(query.q ?? "");
  useEffect(() => setText(query.q ?? ""), [query.q]);
  useEffect(() => {
    const handle = setTimeout(() => {
      if ((text.trim() || undefined) !== query.q) navigate({ q: text.trim() || null, duty: null }, { replace: true });
    }, 300);
    return () => clearTimeout(handle);
  }, [text, query.q]);

  function describeFilters(): string {
    const parts: string[] = [];
    if (query.lists.length) parts.push(query.lists.map((l) => LIST_LABELS[l]).join("+"));
    const category = categories.data?.find((c) => c.categoryId === query.categoryId);
    if (category) parts.push(category.category);
    const department = departments.find((d) => d.departmentId === query.departmentId);
    if (department) parts.push(department.name);
    if (query.q) parts.push(query.q);
    return parts.join("-");
  }

  const setFilter = (patch: Parameters<typeof dutyFilterParams>[0]) =>
    navigate({ ...dutyFilterParams({ ...dutyFilterOf(query), ...patch }), duty: null });

  return (
    <>
      <h2 className="page-title">履职事项</h2>
      <search>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            清单
            <select
              name="list"
              value={query.lists.join(",")}
              onChange={(e) => setFilter({ list: e.target.value ? (e.target.value.split(",") as ListKind[]) : undefined })}
            >
              {LIST_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            事项类别
            <select
              name="category"
              value={query.categoryId ?? ""}
              onChange={(e) => setFilter({ categoryId: Number(e.target.value) || undefined })}
            >
              <option value="">全部类别</option>
              {categories.data?.map((c) => (
                <option key={c.categoryId} value={c.categoryId}>
                  {c.category}
                </option>
              ))}
            </select>
          </label>
          <label>
            部门
            <input
              type="search"
              value={departmentText}
              placeholder="筛选部门名称"
              onChange={(e) => setDepartmentText(e.target.value)}
              data-testid="department-filter"
              style={{ width: "8rem" }}
            />
            <select
              name="department"
              value={query.departmentId ?? ""}
              onChange={(e) => setFilter({ departmentId: Number(e.target.value) || undefined })}
            >
              <option value="">全部部门</option>
              {query.departmentId !== undefined && !departments.some((d) => d.departmentId === query.departmentId) && (
                <option value={query.departmentId}>部门 #{query.departmentId}</option>
              )}
              {departments.map((d) => (
                <option key={d.departmentId} value={d.departmentId}>
                  {d.name}
                </option>
              ))}
            </select>
            {load.data && load.data.total > departments.length && (
              <span className="status">
                共 {load.data.total} 个，显示前 {departments.length} 个
              </span>
            )}
          </label>
          <label>
            搜索（事项名称与职责）
            <input
              name="q"
              type="search"
              value={text}
              maxLength={100}
              placeholder="如：低保、处罚"
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button"
            onClick={() => navigate({ list: null, category: null, department: null, q: null, duty: null })}
          >
            清除筛选
          </button>
          <ExportButtons
            table={async () => {
              const duties = await fetchAllDuties(query);
              return dutiesTable(duties, await fetchSteps(duties));
            }}
            title="履职事项"
            note="筛选出的全部事项，含牵头与承接部门、双方职责步骤，以及清单另有的列（其他列）。"
            detail={describeFilters()}
          />
        </form>
      </search>
      <div className="split">
        <section aria-label="事项列表">
          <QueryStatus query={search} what="事项" />
          {search.data && (
            <>
              <p className="status" data-testid="duty-count">
                已显示 {formatCount(rows.length)} 项{search.hasNextPage ? "（还有更多）" : ""}
                {/* The server counts one list at a time; with one segment its count is the whole answer's. */}
                {oneSegment && first ? `，共 ${formatCount(first.total)}${first.totalCapped ? "+" : ""} 项` : ""}
              </p>
              <div className="table-scroll">
                <table className="data" data-testid="duty-table">
                  <thead>
                    <tr>
                      {multiTown && <th>乡镇</th>}
                      <th>清单</th>
                      <th>序号</th>
                      <th>事项类别</th>
                      <th>事项名称</th>
                      <th>部门</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((duty) => (
                      <tr
                        key={duty.id}
                        className={duty.id === selectedId ? "selected" : undefined}
                        onClick={() => navigate({ duty: String(duty.id) })}
                        data-duty={duty.id}
                      >
                        {multiTown && <td className="nowrap">{duty.town}</td>}
                        <td className="nowrap">
                          <ListBadge list={duty.list} />
                        </td>
                        <td className="num">{duty.seq}</td>
                        <td className="nowrap">{duty.category}</td>
                        <td>
                          <a href={hrefFor({ duty: String(duty.id) })} onClick={(e) => e.preventDefault()}>
                            {duty.name}
                          </a>
                        </td>
                        <td>{duty.departments.map((d) => d.name).join("、")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {rows.length === 0 && <p className="status">没有符合条件的事项。</p>}
              {search.hasNextPage && (
                <button type="button" className="button" disabled={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
                  {search.isFetchingNextPage ? "加载中…" : "加载更多"}
                </button>
              )}
            </>
          )}
        </section>
        <aside className="sticky-panel" aria-label="事项详情">
          {selectedId ? <DutyPanel id={selectedId} /> : <p className="status">点击一行查看完整职责。</p>}
        </aside>
      </div>
    </>
  );
}

function DutyPanel({ id }: { id: number }) {
  const duty = useQuery(trpc.duties.byId.queryOptions({ id }));
  if (!duty.data) return <QueryStatus query={duty} what="事项详情" />;
  const d = duty.data;
  const leads = d.departments.filter((x) => x.role === "lead");
  const receivers = d.departments.filter((x) => x.role === "receiver");
  return (
    <article className="panel" data-testid="duty-detail">
      <h2>{d.name}</h2>
      <dl className="facts">
        <dt>清单</dt>
        <dd>{LIST_LABELS[d.list]}</dd>
        <dt>事项类别</dt>
        <dd>{d.category}</dd>
        <dt>序号</dt>
        <dd>{d.seq}</dd>
        <dt>乡镇与版本</dt>
        <dd>
          {d.town} · {d.revisionLabel}（原文第 {d.sourceLine} 行）
        </dd>
        {leads.length > 0 && (
          <>
            <dt>对应上级部门</dt>
            <dd>{leads.map((x) => x.name + (x.note ?? "")).join("、")}</dd>
          </>
        )}
        {receivers.length > 0 && (
          <>
            <dt>承接部门</dt>
            <dd>{receivers.map((x) => x.name + (x.note ?? "")).join("、")}</dd>
          </>
        )}
        {d.notes.map((n, i) => (
          // By place: a document may head two columns alike (two 备注).
          <Fragment key={i}>
            <dt>{n.column}</dt>
            <dd className="note-text">{n.text}</dd>
          </Fragment>
        ))}
      </dl>
      <DutySides duty={d} />
    </article>
  );
}
