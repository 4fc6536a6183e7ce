import { LIST_KINDS, LIST_LABELS, type Scope } from "@duty/domain";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { LIST_COLOURS } from "../../charts/colours.ts";
import { ListCountsChart, listCountsLegend, listCountsTable } from "../../charts/list-counts-chart.tsx";
import { ShareChart, shareLegend, shareTable } from "../../charts/share-chart.tsx";
import { BarsCard } from "../../components/bars-card.tsx";
import { ChartCard } from "../../components/chart-card.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { useExportContext } from "../../export/context.ts";
import { formatCount, formatShare } from "../../format.ts";
import { trpc } from "../../trpc.ts";
import { DEPARTMENT_LOAD_BARS, departmentLoadRows } from "../departments/department-series.ts";
import { dutiesHref, showDuties } from "../duties/drill.ts";
import {
  CATEGORY_LIST_BARS,
  RECLAIMED_RETAINED_BARS,
  SHARE_BARS_MAX_TOWNS,
  SHARE_HISTOGRAM_BARS,
  listCountRows,
  referencePercent,
  shareBinRows,
  shareRows,
} from "./overview-series.ts";

const TOP_DEPARTMENTS = 10;

export default function OverviewPage({ scope }: { scope: Scope }) {
  const context = useExportContext();
  const overview = useQuery(trpc.stats.overview.queryOptions(scope));
  const byCategory = useQuery(trpc.stats.byCategory.queryOptions(scope));
  const reclaimed = useQuery(trpc.stats.reclaimedVsRetained.queryOptions(scope));
  // Only the top 10 travel: nationally there are thousands of county departments.
  const load = useQuery(trpc.stats.departmentLoad.queryOptions({ ...scope, limit: TOP_DEPARTMENTS }));
  const ov = overview.data;
  // With several towns in scope the share chart compares them, a bar each up to SHARE_BARS_MAX_TOWNS,
  // past that as a histogram of all of them (both computed by the server over every town of the scope).
  const perTown = ov !== undefined && ov.towns > 1 && ov.towns <= SHARE_BARS_MAX_TOWNS;
  const towns = useQuery(trpc.stats.townShares.queryOptions(perTown ? { ...scope, limit: SHARE_BARS_MAX_TOWNS } : skipToken));
  const histogram = useQuery(
    trpc.stats.townShareHistogram.queryOptions(ov !== undefined && ov.towns > SHARE_BARS_MAX_TOWNS ? scope : skipToken),
  );

  const counts = useMemo(() => (ov ? listCountRows(ov) : []), [ov]);
  const share = useMemo(() => (ov ? shareRows(ov, context.scope, towns.data?.items ?? []) : []), [ov, context.scope, towns.data]);
  const bins = useMemo(() => (histogram.data ? shareBinRows(histogram.data) : undefined), [histogram.data]);
  const top = useMemo(() => (load.data ? departmentLoadRows(load.data.items) : undefined), [load.data]);

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
                href={dutiesHref({ list })}
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
              href={dutiesHref({})}
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
            <ChartCard id="list-counts" title="三张清单事项数" legend={listCountsLegend(counts)} table={listCountsTable(counts, ov.total)}>
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
          {ov.towns > SHARE_BARS_MAX_TOWNS && (
            <div style={{ marginTop: "1rem" }}>
              <BarsCard
                id="share-histogram"
                title={`各乡镇配合＋收回占比分布（${formatCount(ov.towns)} 个乡镇）`}
                spec={SHARE_HISTOGRAM_BARS}
                rows={bins}
                onSelect={() => undefined}
              >
                <QueryStatus query={histogram} what="乡镇占比分布" />
              </BarsCard>
            </div>
          )}
        </>
      )}
      <div className="grid" style={{ marginTop: "1rem" }}>
        <BarsCard
          id="category-list"
          title="各类别事项数（按清单）"
          spec={CATEGORY_LIST_BARS}
          rows={byCategory.data}
          onSelect={(row, list) => showDuties({ categoryId: row.categoryId, list })}
        >
          <QueryStatus query={byCategory} what="类别统计" />
        </BarsCard>
        <BarsCard
          id="reclaimed-retained"
          title="各类别收回与保留事项"
          spec={RECLAIMED_RETAINED_BARS}
          rows={reclaimed.data}
          onSelect={(row, side) =>
            showDuties({ categoryId: row.categoryId, list: side === "reclaimed" ? "reclaimed" : ["basic", "coordinated"] })
          }
        >
          <QueryStatus query={reclaimed} what="收回与保留统计" />
        </BarsCard>
        <BarsCard
          id="top-departments"
          title={`县级部门履职负担前 ${TOP_DEPARTMENTS} 名`}
          spec={DEPARTMENT_LOAD_BARS}
          rows={top}
          onSelect={(row, list) => showDuties({ departmentId: row.departmentId, list })}
        >
          <QueryStatus query={load} what="部门统计" />
        </BarsCard>
      </div>
    </>
  );
}
