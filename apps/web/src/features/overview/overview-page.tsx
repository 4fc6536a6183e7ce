import { DEFINITIONS, LIST_KINDS, LIST_LABELS, NATIONAL_REFERENCE, type Scope, nationalSourceText } from "@duty/domain";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { LIST_COLOURS } from "../../charts/colours.ts";
import { ListCountsChart, listCountsLegend, listCountsTable } from "../../charts/list-counts-chart.tsx";
import { ShareChart, shareLegend, shareTable } from "../../charts/share-chart.tsx";
import { CHART_TITLES } from "../../charts/titles.ts";
import { BarsCard } from "../../components/bars-card.tsx";
import { ChartCard } from "../../components/chart-card.tsx";
import { HelpTip } from "../../components/help-tip.tsx";
import { PageActions } from "../../components/page-actions.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { useExportContext } from "../../export/context.ts";
import { formatCount, formatShare } from "../../format.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { SHARE_BARS_MAX_TOWNS, TOP_DEPARTMENTS, overviewQueries, shareQueries } from "./overview-queries.ts";
import { DEPARTMENT_LOAD_BARS, departmentLoadRows } from "../departments/department-series.ts";
import { dutiesHref, showDuties } from "../duties/drill.ts";
import {
  CATEGORY_LIST_BARS,
  RECLAIMED_RETAINED_BARS,
  SHARE_HISTOGRAM_BARS,
  listCountRows,
  referencePercent,
  shareBinRows,
  shareRows,
} from "./overview-series.ts";

export default function OverviewPage({ scope }: { scope: Scope }) {
  const context = useExportContext();
  const queries = overviewQueries(scope);
  const overview = useQuery(queries.overview);
  const byCategory = useQuery(queries.byCategory);
  const reclaimed = useQuery(queries.reclaimed);
  const load = useQuery(queries.load);
  const ov = overview.data;
  const share = shareQueries(scope, ov?.towns);
  const towns = useQuery(share.towns);
  const histogram = useQuery(share.histogram);

  // The national averages are per town: beside a single town's counts they compare, beside a county's sums they do not.
  const single = ov?.towns === 1;
  const counts = useMemo(() => (ov ? listCountRows(ov) : []), [ov]);
  const shares = useMemo(() => (ov ? shareRows(ov, context.place, towns.data?.items ?? []) : []), [ov, context.place, towns.data]);
  const bins = useMemo(() => (histogram.data ? shareBinRows(histogram.data) : undefined), [histogram.data]);
  const top = useMemo(() => (load.data ? departmentLoadRows(load.data.items) : undefined), [load.data]);
  // The report module (and docx in it) loads on the first click, never with the page; the report's
  // figures are asked for at the same moment rather than after the module has loaded.
  const report = () => {
    void queryClient.prefetchQuery(trpc.report.overview.queryOptions(scope));
    void queryClient.prefetchQuery(trpc.stats.townShares.queryOptions({ ...scope, limit: SHARE_BARS_MAX_TOWNS }));
    return import("../report/overview-export.tsx").then((m) => m.exportOverviewReport(scope, context));
  };

  return (
    <>
      <div className="page-head">
        <h2 className="page-title">总览</h2>
        <PageActions title="总览" report={report} />
      </div>
      <QueryStatus query={overview} what="总体统计" />
      {ov && (
        <div className="tiles" data-testid="tiles">
          {LIST_KINDS.map((list) => (
            <div key={list} className="tile" style={{ borderLeftColor: LIST_COLOURS[list] }} data-list={list}>
              <a
                className="tile-link"
                href={dutiesHref({ list })}
                onClick={(e) => {
                  e.preventDefault();
                  showDuties({ list });
                }}
              >
                <div className="tile-label">{LIST_LABELS[list]}</div>
                <div className="tile-value">
                  {formatCount(ov[list])}
                  <span className="tile-unit">项</span>
                </div>
              </a>
              <div className="tile-reference">
                全国平均每乡镇 {formatCount(NATIONAL_REFERENCE.perTown[list])} 项{" "}
                <HelpTip text={`${DEFINITIONS[list]}${DEFINITIONS.national}`} subject={LIST_LABELS[list]} />
              </div>
            </div>
          ))}
          <div className="tile" data-list="total">
            <a
              className="tile-link"
              href={dutiesHref({})}
              onClick={(e) => {
                e.preventDefault();
                showDuties({});
              }}
            >
              <div className="tile-label">事项合计</div>
              <div className="tile-value">
                {formatCount(ov.total)}
                <span className="tile-unit">项</span>
              </div>
            </a>
            <div className="tile-reference">
              {ov.towns > 1 ? `${formatCount(ov.towns)} 个乡镇，` : ""}全国平均每乡镇 {formatCount(NATIONAL_REFERENCE.perTown.total)} 项{" "}
              <HelpTip text={DEFINITIONS.total} subject="事项合计" />
            </div>
          </div>
          <div className="tile" data-testid="share-tile">
            <div className="tile-label">配合＋收回占比</div>
            <div className="tile-value">{formatShare(ov.delegatedShare)}</div>
            <div className="tile-reference">
              全国平均 {formatShare(NATIONAL_REFERENCE.delegatedShare)}（
              <a href={NATIONAL_REFERENCE.source.url} target="_blank" rel="noopener noreferrer" data-testid="national-source">
                {nationalSourceText()}
              </a>
              ） <HelpTip text={`${DEFINITIONS.delegatedShare}${DEFINITIONS.national}`} subject="配合＋收回占比" />
            </div>
          </div>
        </div>
      )}
      <div className="grid">
        <BarsCard
          id="top-departments"
          title={`${CHART_TITLES["top-departments"]}（前 ${TOP_DEPARTMENTS} 名）`}
          help={DEFINITIONS["top-departments"]}
          spec={DEPARTMENT_LOAD_BARS}
          rows={top}
          onSelect={(row, list) => showDuties({ departmentId: row.departmentId, list })}
        >
          <QueryStatus query={load} what="部门统计" />
        </BarsCard>
        {ov && (
          <ChartCard
            id="share"
            title={CHART_TITLES.share}
            help={DEFINITIONS.share}
            legend={shareLegend(referencePercent(ov))}
            table={shareTable(shares, referencePercent(ov))}
          >
            <ShareChart
              rows={shares}
              reference={referencePercent(ov)}
              onSelect={(row, list) =>
                row.revisionId === null ? showDuties({ list }) : showDuties({ list }, { revisionId: row.revisionId })
              }
            />
          </ChartCard>
        )}
        {ov && ov.towns > SHARE_BARS_MAX_TOWNS && (
          <BarsCard
            id="share-histogram"
            title={`${CHART_TITLES["share-histogram"]}（${formatCount(ov.towns)} 个乡镇）`}
            help={DEFINITIONS["share-histogram"]}
            spec={SHARE_HISTOGRAM_BARS}
            rows={bins}
            onSelect={() => undefined}
          >
            <QueryStatus query={histogram} what="乡镇占比分布" />
          </BarsCard>
        )}
        {ov && (
          <ChartCard
            id="list-counts"
            title={CHART_TITLES["list-counts"]}
            help={DEFINITIONS["list-counts"]}
            legend={listCountsLegend(counts, single)}
            table={listCountsTable(counts, ov.total, NATIONAL_REFERENCE.perTown.total)}
          >
            <ListCountsChart rows={counts} withNational={single} onSelect={(list) => showDuties({ list })} />
          </ChartCard>
        )}
        <BarsCard
          id="category-list"
          title={CHART_TITLES["category-list"]}
          help={DEFINITIONS["category-list"]}
          spec={CATEGORY_LIST_BARS}
          rows={byCategory.data}
          onSelect={(row, list) => showDuties({ categoryId: row.categoryId, list })}
        >
          <QueryStatus query={byCategory} what="类别统计" />
        </BarsCard>
        <BarsCard
          id="reclaimed-retained"
          title={CHART_TITLES["reclaimed-retained"]}
          help={DEFINITIONS["reclaimed-retained"]}
          spec={RECLAIMED_RETAINED_BARS}
          rows={reclaimed.data}
          onSelect={(row, side) =>
            showDuties({ categoryId: row.categoryId, list: side === "reclaimed" ? "reclaimed" : ["basic", "coordinated"] })
          }
        >
          <QueryStatus query={reclaimed} what="收回与保留统计" />
        </BarsCard>
      </div>
    </>
  );
}
