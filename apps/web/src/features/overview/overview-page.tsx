import { LIST_KINDS, LIST_LABELS } from "@duty/domain";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { CATEGORY_LIST_LEGEND, CategoryListChart, categoryListTable } from "../charts/category-list-chart.tsx";
import { ChartCard } from "../charts/chart-card.tsx";
import { LIST_COLOURS } from "../charts/colours.ts";
import { DEPARTMENT_LOAD_LEGEND, DepartmentLoadChart, departmentLoadTable } from "../charts/department-load-chart.tsx";
import { useExportContext } from "../charts/export-context.ts";
import { ListCountsChart, listCountsLegend, listCountsTable } from "../charts/list-counts-chart.tsx";
import { RECLAIMED_RETAINED_LEGEND, ReclaimedRetainedChart, reclaimedRetainedTable } from "../charts/reclaimed-retained-chart.tsx";
import {
  categoryListRows,
  departmentLoadRows,
  departmentStats,
  listCountRows,
  reclaimedRetainedRows,
  referencePercent,
  shareRows,
} from "../charts/series.ts";
import { ShareChart, shareLegend, shareTable } from "../charts/share-chart.tsx";
import { QueryStatus } from "../components/query-status.tsx";
import { pageHref, showDuties } from "../drill.ts";
import { formatCount, formatShare } from "../format.ts";
import type { Scope } from "../scope.ts";
import { latestRevisionIds, findRegion } from "../scope-info.ts";
import { trpc } from "../trpc.ts";

const TOP_DEPARTMENTS = 10;

export default function OverviewPage({ scope }: { scope: Scope }) {
  const context = useExportContext();
  const overview = useQuery(trpc.stats.overview.queryOptions(scope));
  const byCategory = useQuery(trpc.stats.byCategory.queryOptions(scope));
  const reclaimed = useQuery(trpc.stats.reclaimedVsRetained.queryOptions(scope));
  const load = useQuery(trpc.stats.departmentLoad.queryOptions(scope));
  const tree = useQuery(trpc.regions.tree.queryOptions());
  const revisions = useQuery(trpc.revisions.list.queryOptions({ limit: 100 }));

  // With several towns in scope the share chart compares them; the revisions the statistics use are the towns' latest.
  const towns = useMemo(() => {
    if ("revisionId" in scope || !tree.data || !revisions.data) return [];
    const nodes = "regionId" in scope ? [findRegion(tree.data, scope.regionId)].filter((n) => n !== null) : tree.data;
    const ids = new Set(latestRevisionIds(nodes));
    return revisions.data.items.filter((r) => ids.has(r.id));
  }, [scope, tree.data, revisions.data]);

  const ov = overview.data;
  const counts = useMemo(() => (ov ? listCountRows(ov) : []), [ov]);
  const share = useMemo(() => (ov ? shareRows(ov, context.scope, towns) : []), [ov, context.scope, towns]);
  const categories = useMemo(() => categoryListRows(byCategory.data ?? []), [byCategory.data]);
  const sides = useMemo(() => reclaimedRetainedRows(reclaimed.data ?? []), [reclaimed.data]);
  const top = useMemo(() => departmentLoadRows(departmentStats(load.data), TOP_DEPARTMENTS), [load.data]);

  return (
    <>
      <h2 className="page-title">总览</h2>
      <QueryStatus query={overview} what="总体统计" />
      {ov && (
        <>
          <div className="tiles" data-testid="tiles">
            {LIST_KINDS.map((list) => (
              <a
                key={list}
                className="tile"
                style={{ borderLeftColor: LIST_COLOURS[list] }}
                href={pageHref("duties", { list })}
                onClick={(e) => {
                  e.preventDefault();
                  showDuties({ list });
                }}
                data-list={list}
              >
                <div className="tile-label">{LIST_LABELS[list]}</div>
                <div className="tile-value">{formatCount(ov[list])}</div>
              </a>
            ))}
            <a
              className="tile"
              href={pageHref("duties")}
              onClick={(e) => {
                e.preventDefault();
                showDuties({});
              }}
              data-list="total"
            >
              <div className="tile-label">事项合计</div>
              <div className="tile-value">{formatCount(ov.total)}</div>
            </a>
            <div className="tile" data-testid="share-tile">
              <div className="tile-label">配合＋收回占比（全国平均 {formatShare(ov.nationalDelegatedShare)}）</div>
              <div className="tile-value">{formatShare(ov.delegatedShare)}</div>
            </div>
          </div>
          <div className="grid">
            <ChartCard id="list-counts" title="三张清单事项数" legend={listCountsLegend(counts)} table={listCountsTable(counts)}>
              <ListCountsChart rows={counts} onSelect={(list) => showDuties({ list })} />
            </ChartCard>
            <ChartCard
              id="share"
              title="配合＋收回事项占比与全国平均"
              legend={shareLegend(referencePercent(ov))}
              table={shareTable(share, referencePercent(ov))}
            >
              <ShareChart
                rows={share}
                reference={referencePercent(ov)}
                onSelect={(row, list) =>
                  row.revisionId === null ? showDuties({ list }) : showDuties({ list }, { revisionId: row.revisionId })
                }
              />
            </ChartCard>
          </div>
        </>
      )}
      <div className="grid" style={{ marginTop: "1rem" }}>
        <ChartCard id="category-list" title="各类别事项数（按清单）" legend={CATEGORY_LIST_LEGEND} table={categoryListTable(categories)}>
          <QueryStatus query={byCategory} what="类别统计" />
          {byCategory.data && <CategoryListChart rows={categories} onSelect={(categoryId, list) => showDuties({ categoryId, list })} />}
        </ChartCard>
        <ChartCard
          id="reclaimed-retained"
          title="各类别收回与保留事项"
          legend={RECLAIMED_RETAINED_LEGEND}
          table={reclaimedRetainedTable(sides)}
        >
          <QueryStatus query={reclaimed} what="收回与保留统计" />
          {reclaimed.data && (
            <ReclaimedRetainedChart
              rows={sides}
              onSelect={(categoryId, side) => showDuties({ categoryId, list: side === "reclaimed" ? "reclaimed" : ["basic", "coordinated"] })}
            />
          )}
        </ChartCard>
        <ChartCard
          id="top-departments"
          title={`县级部门履职负担前 ${TOP_DEPARTMENTS} 名`}
          legend={DEPARTMENT_LOAD_LEGEND}
          table={departmentLoadTable(top)}
        >
          <QueryStatus query={load} what="部门统计" />
          {load.data && (
            <DepartmentLoadChart rows={top} onSelect={(row, list) => showDuties({ departmentId: row.departmentId, list })} />
          )}
        </ChartCard>
      </div>
    </>
  );
}
