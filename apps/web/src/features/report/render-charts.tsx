import type { ChartImage } from "@duty/report";
import type { ReactNode } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { renderPng } from "../../export/png.ts";

/** A chart as a report shows it: drawn alone with its legend; title and note become the caption. */
export interface ReportChart {
  id: string;
  title: string;
  note?: string | undefined;
  element: ReactNode;
}

/** Width charts are drawn at for a report: a Word page's text width (16 cm) at a comfortable reading scale. */
export const REPORT_CHART_WIDTH = 900;
/** Device pixels per CSS pixel: 1,800 px wide images, sharp in print at 16 cm (about 285 dpi). */
export const REPORT_PIXEL_RATIO = 2;

/**
 * Draws charts off screen at a fixed width, whatever page or screen the reader is on, and turns
 * each into a PNG. The same chart components as the dashboard's, so the report shows what the
 * dashboard shows; a fixed width, so every report looks alike.
 */
export async function renderCharts(charts: readonly ReportChart[]): Promise<ChartImage[]> {
  const stage = document.createElement("div");
  stage.className = "report-stage";
  stage.setAttribute("aria-hidden", "true");
  document.body.append(stage);
  const root = createRoot(stage);
  try {
    flushSync(() =>
      root.render(
        charts.map((chart) => (
          <div key={chart.id} className="report-figure" data-report-chart={chart.id}>
            {chart.element}
          </div>
        )),
      ),
    );
    const figures = Array.from(stage.querySelectorAll<HTMLElement>(".report-figure"));
    await drawn(figures);
    const images: ChartImage[] = [];
    for (const [i, node] of figures.entries()) {
      const chart = charts[i]!;
      const blob = await renderPng(node, REPORT_PIXEL_RATIO);
      const box = node.getBoundingClientRect();
      images.push({
        id: chart.id,
        title: chart.title,
        note: chart.note,
        image: {
          png: new Uint8Array(await blob.arrayBuffer()),
          width: Math.round(box.width * REPORT_PIXEL_RATIO),
          height: Math.round(box.height * REPORT_PIXEL_RATIO),
        },
      });
    }
    return images;
  } finally {
    root.unmount();
    stage.remove();
  }
}

/** Recharts draws after measuring its container (a ResizeObserver tick): wait until every chart has its shapes. */
async function drawn(figures: HTMLElement[], timeoutMs = 15_000): Promise<void> {
  const ready = (figure: HTMLElement) =>
    figure.querySelector("svg.heatmap-svg") !== null || figure.querySelector(".recharts-wrapper > svg .recharts-cartesian-axis") !== null;
  const started = performance.now();
  while (!figures.every(ready)) {
    if (performance.now() - started > timeoutMs) throw new Error("图表绘制超时");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // One more frame so labels placed after the bars are in.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}
