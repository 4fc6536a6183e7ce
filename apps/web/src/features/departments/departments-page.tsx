import { LIST_LABELS, type Scope } from "@duty/domain";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { HeatmapChart, heatmapLegend, heatmapTable } from "../../charts/heatmap-chart.tsx";
import { BarsCard } from "../../components/bars-card.tsx";
import { ChartCard } from "../../components/chart-card.tsx";
import { DutySides } from "../../components/duty-steps.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { formatCount } from "../../format.ts";
import { trpc } from "../../trpc.ts";
import { navigate, useSearchParams } from "../../url-state.ts";
import { dutiesHref, showDuties } from "../duties/drill.ts";
import { DEPARTMENT_LOAD_BARS, STEP_BALANCE_BARS, departmentLoadRows, departmentStats, heatmapData } from "./department-series.ts";

export default function DepartmentsPage({ scope }: { scope: Scope }) {
  const [params] = useSearchParams();
  const selected = Number(params.get("dept")) || null;
  const load = useQuery(trpc.stats.departmentLoad.queryOptions(scope));
  const matrix = useQuery(trpc.stats.matrix.queryOptions({ ...scope, by: "department" }));
  const rows = useMemo(() => departmentLoadRows(departmentStats(load.data)), [load.data]);
  // Step counts exist only for coordinated duties; a department that only received reclaimed ones has no split to show.
  const splitRows = useMemo(() => rows.filter((r) => r.coordinatedLed > 0), [rows]);
  const heat = useMemo(() => heatmapData(matrix.data ?? [], departmentStats(load.data)), [matrix.data, load.data]);
  const select = (departmentId: number) => {
    navigate({ dept: String(departmentId) });
    requestAnimationFrame(() => document.getElementById("mirror")?.scrollIntoView({ block: "start" }));
  };

  return (
    <>
      <h2 className="page-title">县级部门</h2>
      <div className="grid">
        <BarsCard
          id="department-load"
          title="各部门履职负担"
          spec={DEPARTMENT_LOAD_BARS}
          rows={load.data ? rows : undefined}
          onSelect={(row) => select(row.departmentId)}
        >
          <QueryStatus query={load} what="部门统计" />
        </BarsCard>
        <BarsCard
          id="step-balance"
          title="配合事项的职责分工（步骤数）"
          spec={STEP_BALANCE_BARS}
          rows={load.data ? splitRows : undefined}
          onSelect={(row) => select(row.departmentId)}
        >
          <QueryStatus query={load} what="部门统计" />
        </BarsCard>
      </div>
      <div style={{ marginTop: "1rem" }}>
        <ChartCard id="heatmap" title="部门 × 事项类别（配合＋收回事项数）" legend={heatmapLegend(heat.max)} table={heatmapTable(heat)}>
          <QueryStatus query={matrix} what="部门类别矩阵" />
          {matrix.data && load.data && (
            <HeatmapChart data={heat} onSelect={(departmentId, categoryId) => showDuties({ departmentId, categoryId })} />
          )}
        </ChartCard>
      </div>
      <section id="mirror" style={{ marginTop: "1rem" }}>
        {selected ? <MirrorView id={selected} scope={scope} /> : <p className="status">点击图中的部门，查看它牵头或承接的全部事项。</p>}
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
