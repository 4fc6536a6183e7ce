import { DEFINITIONS, type Scope } from "@duty/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { HeatmapChart, heatmapLegend, heatmapTable } from "../../charts/heatmap-chart.tsx";
import { CHART_TITLES } from "../../charts/titles.ts";
import { BarsCard } from "../../components/bars-card.tsx";
import { ChartCard } from "../../components/chart-card.tsx";
import { PageActions } from "../../components/page-actions.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { goTo } from "../../navigation.ts";
import { showDuties } from "../duties/drill.ts";
import { Pager } from "../../components/pager.tsx";
import { DepartmentList } from "./department-list.tsx";
import { FIRST_PAGE, type LoadSort, PAGE_SIZE, departmentLoadQuery, matrixQuery } from "./departments-queries.ts";
import { DEPARTMENT_LOAD_BARS, STEP_BALANCE_BARS, departmentLoadRows, heatmapData } from "./department-series.ts";

export default function DepartmentsPage({ scope }: { scope: Scope }) {
  const [text, setText] = useState("");
  const [q, setQ] = useState<string>(FIRST_PAGE.q);
  const [sort, setSort] = useState<LoadSort>(FIRST_PAGE.sort);
  const [cursor, setCursor] = useState<number>(FIRST_PAGE.cursor);
  const [heatCursor, setHeatCursor] = useState(0);
  // Ask once typing pauses, not per keystroke; a new search starts at its first page.
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

  const load = useQuery({ ...departmentLoadQuery(scope, { sort, cursor, q }), placeholderData: keepPreviousData });
  const matrix = useQuery({ ...matrixQuery(scope, heatCursor), placeholderData: keepPreviousData });
  const rows = useMemo(() => (load.data ? departmentLoadRows(load.data.items) : undefined), [load.data]);
  // Step counts exist only for coordinated duties; a department that only received reclaimed ones has no split to show.
  const splitRows = useMemo(() => rows?.filter((r) => r.coordinatedLed > 0), [rows]);
  const heat = useMemo(() => heatmapData(matrix.data?.cells ?? []), [matrix.data]);
  const open = (departmentId: number) => goTo("department", { dept: String(departmentId) });
  const sorted = (sort: LoadSort) => {
    setSort(sort);
    setCursor(0);
  };

  return (
    <>
      <div className="page-head">
        <h2 className="page-title">县级部门</h2>
        <PageActions title="县级部门" />
      </div>
      <QueryStatus query={load} what="部门统计" />
      <DepartmentList
        rows={rows}
        total={load.data?.total ?? 0}
        next={load.data?.nextCursor ?? null}
        cursor={cursor}
        onPage={setCursor}
        text={text}
        onText={setText}
        query={q}
        sort={sort}
        onSort={sorted}
      />
      <div className="grid" style={{ marginTop: "1rem" }}>
        <BarsCard
          id="department-load"
          title={CHART_TITLES["department-load"]}
          help={DEFINITIONS["department-load"]}
          spec={DEPARTMENT_LOAD_BARS}
          rows={rows}
          onSelect={(row) => open(row.departmentId)}
        />
        <BarsCard
          id="step-balance"
          title={CHART_TITLES["step-balance"]}
          help={DEFINITIONS["step-balance"]}
          spec={STEP_BALANCE_BARS}
          rows={splitRows}
          onSelect={(row) => open(row.departmentId)}
        />
      </div>
      <div style={{ marginTop: "1rem" }}>
        <ChartCard
          id="heatmap"
          title={CHART_TITLES.heatmap}
          help={DEFINITIONS.heatmap}
          legend={heatmapLegend(heat.max)}
          table={heatmapTable(heat)}
          status={<QueryStatus query={matrix} what="部门类别矩阵" />}
        >
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
                pageSize={PAGE_SIZE}
              />
            </>
          )}
        </ChartCard>
      </div>
    </>
  );
}
