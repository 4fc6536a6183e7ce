import { DEFINITIONS, type Scope } from "@duty/domain";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { HeatmapChart, heatmapLegend, heatmapTable } from "../../charts/heatmap-chart.tsx";
import { CHART_TITLES } from "../../charts/titles.ts";
import { BarsCard } from "../../components/bars-card.tsx";
import { ChartCard } from "../../components/chart-card.tsx";
import { PageActions } from "../../components/page-actions.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { goTo } from "../../navigation.ts";
import { trpc } from "../../trpc.ts";
import { showDuties } from "../duties/drill.ts";
import { DepartmentList } from "./department-list.tsx";
import { DEPARTMENT_LOAD_BARS, STEP_BALANCE_BARS, departmentLoadRows, departmentStats, heatmapData } from "./department-series.ts";

export default function DepartmentsPage({ scope }: { scope: Scope }) {
  const load = useQuery(trpc.stats.departmentLoad.queryOptions(scope));
  const matrix = useQuery(trpc.stats.matrix.queryOptions({ ...scope, by: "department" }));
  const rows = useMemo(() => departmentLoadRows(departmentStats(load.data)), [load.data]);
  // Step counts exist only for coordinated duties; a department that only received reclaimed ones has no split to show.
  const splitRows = useMemo(() => rows.filter((r) => r.coordinatedLed > 0), [rows]);
  const heat = useMemo(() => heatmapData(matrix.data ?? [], departmentStats(load.data)), [matrix.data, load.data]);
  const open = (departmentId: number) => goTo("department", { dept: String(departmentId) });

  return (
    <>
      <div className="page-head">
        <h2 className="page-title">县级部门</h2>
        <PageActions title="县级部门" />
      </div>
      <QueryStatus query={load} what="部门统计" />
      {load.data && <DepartmentList rows={rows} />}
      <div className="grid" style={{ marginTop: "1rem" }}>
        <BarsCard
          id="department-load"
          title={CHART_TITLES["department-load"]}
          help={DEFINITIONS["department-load"]}
          spec={DEPARTMENT_LOAD_BARS}
          rows={load.data ? rows : undefined}
          onSelect={(row) => open(row.departmentId)}
        />
        <BarsCard
          id="step-balance"
          title={CHART_TITLES["step-balance"]}
          help={DEFINITIONS["step-balance"]}
          spec={STEP_BALANCE_BARS}
          rows={load.data ? splitRows : undefined}
          onSelect={(row) => open(row.departmentId)}
        />
      </div>
      <div style={{ marginTop: "1rem" }}>
        <ChartCard id="heatmap" title={CHART_TITLES.heatmap} help={DEFINITIONS.heatmap} legend={heatmapLegend(heat.max)} table={heatmapTable(heat)}>
          <QueryStatus query={matrix} what="部门类别矩阵" />
          {matrix.data && load.data && (
            <HeatmapChart data={heat} onSelect={(departmentId, categoryId) => showDuties({ departmentId, categoryId })} />
          )}
        </ChartCard>
      </div>
    </>
  );
}
