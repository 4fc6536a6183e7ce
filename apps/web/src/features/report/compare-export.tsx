import type { RevisionDiff } from "@duty/domain";
import { compareReport, renderDocx } from "@duty/report";
import { Legend } from "../../charts/legend.tsx";
import { StackedBars, barsLegend } from "../../charts/stacked-bars.tsx";
import { CHART_TITLES } from "../../charts/titles.ts";
import { today } from "../../export/context.ts";
import { downloadBlob, exportFilename } from "../../export/table.ts";
import type { RevisionSummary } from "../../scope-info.ts";
import { categoryDeltaBars } from "../compare/changes.ts";
import { DOCX_TYPE } from "./overview-export.tsx";
import { renderCharts } from "./render-charts.tsx";

/**
 * The Word report of two revisions, built in the browser for the same reason as the overview's
 * (overview-export.tsx): its one chart is the compare page's, drawn off screen. The diff is the
 * API's (diff.compare); @duty/report writes the document.
 */
export async function exportCompareReport(
  diff: RevisionDiff,
  before: RevisionSummary,
  after: RevisionSummary,
  labels: [string, string],
): Promise<void> {
  const date = today();
  const spec = categoryDeltaBars(labels[0], labels[1]);
  const charts = await renderCharts([
    {
      id: "category-delta",
      title: CHART_TITLES["category-delta"],
      element: (
        <>
          <StackedBars spec={spec} rows={diff.summary.categories} onSelect={() => {}} />
          <Legend items={barsLegend(spec)} />
        </>
      ),
    },
  ]);
  const bytes = await renderDocx(compareReport(diff, { before, after, exportedOn: date, charts }));
  const place = diff.sameTown ? after.town : `${before.town}与${after.town}`;
  downloadBlob(
    new Blob([bytes as BlobPart], { type: DOCX_TYPE }),
    `${exportFilename(place, diff.sameTown ? "修订对比报告" : "清单对比报告", date)}.docx`,
  );
}
