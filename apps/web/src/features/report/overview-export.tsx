import type { Scope } from "@duty/domain";
import { DEFINITIONS } from "@duty/domain";
import { overviewReport, renderDocx } from "@duty/report";
import { heatmapData } from "../departments/department-series.ts";
import { HeatmapChart, heatmapLegend } from "../../charts/heatmap-chart.tsx";
import { Legend } from "../../charts/legend.tsx";
import { ListCountsChart, listCountsLegend } from "../../charts/list-counts-chart.tsx";
import { ShareChart, shareLegend } from "../../charts/share-chart.tsx";
import { StackedBars, barsLegend } from "../../charts/stacked-bars.tsx";
import { CHART_TITLES } from "../../charts/titles.ts";
import { type ExportContext, today } from "../../export/context.ts";
import { downloadBlob, exportFilename } from "../../export/table.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { DEPARTMENT_LOAD_BARS, STEP_BALANCE_BARS, departmentLoadRows } from "../departments/department-series.ts";
import {
  CATEGORY_LIST_BARS,
  RECLAIMED_RETAINED_BARS,
  SHARE_BARS_MAX_TOWNS,
  listCountRows,
  referencePercent,
  shareRows,
} from "../overview/overview-series.ts";
import { type ReportChart, renderCharts } from "./render-charts.tsx";

/*
 * The Word report of a scope, built in the browser: the charts are the dashboard's own components,
 * drawn here off screen and captured as images, which a server has no way to draw without a
 * browser. Its figures come from one API answer (report.overview) and the document is written by
 * @duty/report, a pure function the command line (atlas report) and a worker can run as well. This
 * module and docx load only when a report is asked for, never with a page.
 */

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const noop = () => {};

export async function buildOverviewReport(scope: Scope, context: ExportContext, date: string): Promise<Uint8Array> {
  // The share chart's towns are the overview page's page of them (a bar each up to SHARE_BARS_MAX_TOWNS,
  // past that the total alone), asked for beside the figures rather than after them.
  const [figures, towns] = await Promise.all([
    queryClient.fetchQuery(trpc.report.overview.queryOptions(scope)),
    queryClient.fetchQuery(trpc.stats.townShares.queryOptions({ ...scope, limit: SHARE_BARS_MAX_TOWNS })),
  ]);
  const ov = figures.overview;
  const single = ov.towns === 1;
  const counts = listCountRows(ov);
  const share = shareRows(ov, context.place, towns.items);
  const reference = referencePercent(ov);
  const departments = departmentLoadRows(figures.departments);
  const heat = heatmapData(figures.matrix);
  const charts: ReportChart[] = [
    {
      id: "list-counts",
      title: CHART_TITLES["list-counts"],
      element: (
        <>
          <ListCountsChart rows={counts} withNational={single} onSelect={noop} />
          <Legend items={listCountsLegend(counts, single)} />
        </>
      ),
    },
    {
      id: "share",
      title: CHART_TITLES.share,
      element: (
        <>
          <ShareChart rows={share} reference={reference} onSelect={noop} />
          <Legend items={shareLegend(reference)} />
        </>
      ),
    },
    {
      id: "category-list",
      title: CHART_TITLES["category-list"],
      element: (
        <>
          <StackedBars spec={CATEGORY_LIST_BARS} rows={figures.categories} onSelect={noop} />
          <Legend items={barsLegend(CATEGORY_LIST_BARS)} />
        </>
      ),
    },
    {
      id: "reclaimed-retained",
      title: CHART_TITLES["reclaimed-retained"],
      element: (
        <>
          <StackedBars spec={RECLAIMED_RETAINED_BARS} rows={figures.reclaimedVsRetained} onSelect={noop} />
          <Legend items={barsLegend(RECLAIMED_RETAINED_BARS)} />
        </>
      ),
    },
    {
      id: "top-departments",
      title: `${CHART_TITLES["top-departments"]}（前 ${departments.length} 名）`,
      note: DEFINITIONS["top-departments"],
      element: (
        <>
          <StackedBars spec={DEPARTMENT_LOAD_BARS} rows={departments} onSelect={noop} />
          <Legend items={barsLegend(DEPARTMENT_LOAD_BARS)} />
        </>
      ),
    },
    {
      id: "heatmap",
      title: `部门 × 事项类别（前 ${heat.departments.length} 个部门，配合＋收回事项数）`,
      element: (
        <>
          <HeatmapChart data={heat} onSelect={noop} />
          <Legend items={heatmapLegend(heat.max)} />
        </>
      ),
    },
    {
      id: "step-balance",
      title: CHART_TITLES["step-balance"],
      element: (
        <>
          <StackedBars spec={STEP_BALANCE_BARS} rows={departments.filter((d) => d.coordinatedLed > 0)} onSelect={noop} />
          <Legend items={barsLegend(STEP_BALANCE_BARS)} />
        </>
      ),
    },
  ];
  return renderDocx(overviewReport(figures, { exportedOn: date, charts: await renderCharts(charts) }));
}

/** Builds the report and saves it as 兰州湾镇-履职事项清单分析报告-2026-12-01.docx. */
export async function exportOverviewReport(scope: Scope, context: ExportContext): Promise<void> {
  const date = today();
  const bytes = await buildOverviewReport(scope, context, date);
  downloadBlob(new Blob([bytes as BlobPart], { type: DOCX_TYPE }), `${exportFilename(context.place, "履职事项清单分析报告", date)}.docx`);
}
