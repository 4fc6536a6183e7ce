import { LIST_LABELS, type Scope } from "@duty/domain";
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { HeatmapChart, heatmapLegend, heatmapTable } from "../../charts/heatmap-chart.tsx";
import { BarsCard } from "../../components/bars-card.tsx";
import { ChartCard } from "../../components/chart-card.tsx";
import { DutySides } from "../../components/duty-steps.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { formatCount } from "../../format.ts";
import { trpc } from "../../trpc.ts";
import { navigate, useSearchParams } from "../../url-state.ts";
import { dutiesHref, showDuties } from "../duties/drill.ts";
import { DEPARTMENT_LOAD_BARS, type DepartmentRow, STEP_BALANCE_BARS, departmentLoadRows, heatmapData } from "./department-series.ts";

/** Departments per page of the table and its charts, and per page of the heatmap: what a screen reads. */
const PAGE_SIZE = 20;

type LoadSort = "total" | "led" | "received" | "townSteps" | "departmentSteps" | "name";

/** The table's columns; a sortable one names the server's order (every order is computed by the server). */
const COLUMNS: { label: string; sort?: LoadSort; value?: (r: DepartmentRow) => number }[] = [
  { label: "部门", sort: "name" },
  { label: "所属县" },
  { label: "牵头配合事项", sort: "led", value: (r) => r.coordinatedLed },
  { label: "承接收回事项", sort: "received", value: (r) => r.reclaimedReceived },
  { label: "合计", sort: "total", value: (r) => r.total },
  { label: "部门职责步骤", sort: "departmentSteps", value: (r) => r.departmentSteps },
  { label: "乡镇配合步骤", sort: "townSteps", value: (r) => r.townSteps },
];

/** 第 21–40 个，共 5,054 个 with previous/next: the one pager of this page's table and heatmap. */
function Pager({ cursor, shown, total, next, onPage, what }: { cursor: number; shown: number; total: number; next: number | null; onPage: (cursor: number) => void; what: string }) {
  return (
    <div className="pager" data-testid={`pager-${what}`}>
      <button type="button" className="button" disabled={cursor === 0} onClick={() => onPage(Math.max(0, cursor - PAGE_SIZE))}>
        上一页
      </button>
      <button type="button" className="button" disabled={next === null} onClick={() => next !== null && onPage(next)}>
        下一页
      </button>
      <span className="status">
        {total === 0 ? "无" : `第 ${formatCount(cursor + 1)}–${formatCount(cursor + shown)} 个，共 ${formatCount(total)} 个`}
      </span>
    </div>
  );
}

export default function DepartmentsPage({ scope }: { scope: Scope }) {
  const [params] = useSearchParams();
  const selected = Number(params.get("dept")) || null;
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [sort, setSort] = useState<LoadSort>("total");
  const [cursor, setCursor] = useState(0);
  const [heatCursor, setHeatCursor] = useState(0);
  useEffect(() => {
    const handle = setTimeout(() => {
      setQ(text.trim());
      setCursor(0);
    }, 250);
    return () => clearTimeout(handle);
  }, [text]);
  // A new scope starts at the first page of everything.
  const scopeKey = JSON.stringify(scope);
  useEffect(() => {
    setCursor(0);
    setHeatCursor(0);
  }, [scopeKey]);

  const load = useQuery({
    ...trpc.stats.departmentLoad.queryOptions({ ...scope, limit: PAGE_SIZE, sort, ...(cursor ? { cursor } : {}), ...(q ? { q } : {}) }),
    placeholderData: keepPreviousData,
  });
  const matrix = useQuery({
    ...trpc.stats.matrix.queryOptions({ ...scope, by: "department", limit: PAGE_SIZE, ...(heatCursor ? { cursor: heatCursor } : {}) }),
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => (load.data ? departmentLoadRows(load.data.items) : undefined), [load.data]);
  // Step counts exist only for coordinated duties; a department that only received reclaimed ones has no split to show.
  const splitRows = useMemo(() => rows?.filter((r) => r.coordinatedLed > 0), [rows]);
  const heat = useMemo(() => heatmapData(matrix.data?.cells ?? []), [matrix.data]);
  const select = (departmentId: number) => {
    navigate({ dept: String(departmentId) });
    requestAnimationFrame(() => document.getElementById("mirror")?.scrollIntoView({ block: "start" }));
  };
  const sortLabel = COLUMNS.find((c) => c.sort === sort)?.label ?? "";

  return (
    <>
      <h2 className="page-title">县级部门</h2>
      <section className="panel" data-testid="department-table-panel">
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            查找部门
            <input type="search" value={text} placeholder="部门名称，如 民政局" onChange={(e) => setText(e.target.value)} data-testid="department-search" />
          </label>
          <label>
            排序
            <select
              value={sort}
              onChange={(e) => {
                setSort(e.target.value as LoadSort);
                setCursor(0);
              }}
              data-testid="department-sort"
            >
              {COLUMNS.flatMap((c) => (c.sort ? [<option key={c.sort} value={c.sort}>{c.label}{c.sort === "name" ? "（拼音序）" : "（从多到少）"}</option>] : []))}
            </select>
          </label>
        </form>
        <QueryStatus query={load} what="部门统计" />
        {load.data && rows && (
          <>
            <table className="data" data-testid="department-table">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.label} aria-sort={c.sort === sort ? (sort === "name" ? "ascending" : "descending") : undefined}>
                      {c.sort ? (
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            setSort(c.sort!);
                            setCursor(0);
                          }}
                        >
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
                  <tr key={r.departmentId} data-department={r.departmentId} aria-selected={r.departmentId === selected}>
                    <td>
                      <a
                        href={`?dept=${r.departmentId}`}
                        onClick={(e) => {
                          e.preventDefault();
                          select(r.departmentId);
                        }}
                      >
                        {r.name}
                      </a>
                    </td>
                    <td>{r.county}</td>
                    {COLUMNS.flatMap((c) => (c.value ? [<td key={c.label} className="num">{formatCount(c.value(r))}</td>] : []))}
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === 0 && <p className="status">{q ? `没有名称含“${q}”的部门。` : "这个范围内没有部门。"}</p>}
            <Pager cursor={cursor} shown={rows.length} total={load.data.total} next={load.data.nextCursor} onPage={setCursor} what="departments" />
          </>
        )}
      </section>
      <div className="grid" style={{ marginTop: "1rem" }}>
        <BarsCard
          id="department-load"
          title={`部门履职负担（按${sortLabel}，本页 ${rows?.length ?? 0} 个）`}
          spec={DEPARTMENT_LOAD_BARS}
          rows={rows}
          onSelect={(row) => select(row.departmentId)}
        />
        <BarsCard
          id="step-balance"
          title="配合事项的职责分工（步骤数，本页）"
          spec={STEP_BALANCE_BARS}
          rows={splitRows}
          onSelect={(row) => select(row.departmentId)}
        />
      </div>
      <div style={{ marginTop: "1rem" }}>
        <ChartCard id="heatmap" title="部门 × 事项类别（配合＋收回事项数，负担最重的部门在前）" legend={heatmapLegend(heat.max)} table={heatmapTable(heat)}>
          <QueryStatus query={matrix} what="部门类别矩阵" />
          {matrix.data && (
            <>
              <HeatmapChart data={heat} onSelect={(departmentId, categoryId) => showDuties({ departmentId, categoryId })} />
              <Pager
                cursor={heatCursor}
                shown={heat.departments.length}
                total={matrix.data.departments}
                next={matrix.data.nextCursor}
                onPage={setHeatCursor}
                what="heatmap"
              />
            </>
          )}
        </ChartCard>
      </div>
      <section id="mirror" style={{ marginTop: "1rem" }}>
        {selected ? <MirrorView id={selected} scope={scope} /> : <p className="status">点击表格或图中的部门，查看它牵头或承接的全部事项。</p>}
      </section>
    </>
  );
}

/** The department's side of the lists (镇街配合履职事项 / 本部门收回事项), each duty with both sides' steps. */
function MirrorView({ id, scope }: { id: number; scope: Scope }) {
  const view = useQuery(trpc.departments.byId.queryOptions({ id, ...scope }));
  const duties = useMemo(() => [...(view.data?.led ?? []), ...(view.data?.received ?? [])], [view.data]);
  const details = useQueries({ queries: duties.map((d) => trpc.duties.byId.queryOptions({ id: d.id })) });
  const detailById = new Map(details.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  if (!view.data) return <QueryStatus query={view} what="部门事项" />;
  const v = view.data;
  const sections = [
    { title: `牵头的配合履职事项（${formatCount(v.led.length)} 项）`, items: v.led, list: "coordinated" as const },
    { title: `承接的收回事项（${formatCount(v.received.length)} 项）`, items: v.received, list: "reclaimed" as const },
  ];
  return (
    <article className="panel" data-testid="mirror-view">
      <h2>
        {v.name}
        <span className="status">（{v.county}）</span>
      </h2>
      {sections.map((section) => (
        <section key={section.list}>
          <h3>
            {section.title}{" "}
            <a
              className="button"
              href={dutiesHref({ list: section.list, departmentId: v.id })}
              onClick={(e) => {
                e.preventDefault();
                showDuties({ list: section.list, departmentId: v.id });
              }}
            >
              在事项页查看
            </a>
          </h3>
          {section.items.length === 0 && <p className="status">无</p>}
          {section.items.map((duty) => {
            const detail = detailById.get(duty.id);
            return (
              <div key={duty.id} className="mirror-item" data-duty={duty.id}>
                <h4>
                  {duty.town} · {LIST_LABELS[duty.list]} 第 {duty.seq} 项 · {duty.category}：{duty.name}
                  {duty.note ? `（${duty.note}）` : ""}
                </h4>
                {detail ? <DutySides duty={detail} /> : <p className="status">正在加载职责…</p>}
              </div>
            );
          })}
        </section>
      ))}
    </article>
  );
}
