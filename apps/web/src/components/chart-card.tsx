import { type ReactNode, useEffect, useRef } from "react";
import { Legend, type LegendItem } from "../charts/legend.tsx";
import { today, useExportContext } from "../export/context.ts";
import { NO_EXPORT_CLASS, downloadPng } from "../export/png.ts";
import { downloadSvg } from "../export/svg.ts";
import { type DataTable, exportFilename } from "../export/table.ts";
import { hrefFor, navigate, useSearchParams } from "../url-state.ts";
import { DrawTurn } from "./draw-turn.tsx";
import { downloadTables, useExport } from "./export-buttons.tsx";
import { HelpTip } from "./help-tip.tsx";
import { useRegisterTable } from "./page-exports.tsx";

export interface ChartCardProps {
  /** Value of the `chart` search parameter that selects this card. */
  id: string;
  title: string;
  /** What the chart counts, in a sentence (DEFINITIONS): the ⓘ on screen, a note in print and exports. */
  help: string;
  legend: LegendItem[];
  /** The numbers the chart draws, as CSV/XLSX export them. */
  table: DataTable;
  /** A loading or error line, shown at once. */
  status?: ReactNode;
  /** The chart, drawn in its turn (DrawTurn) once given; null or undefined while its rows are on their way. */
  children: ReactNode;
}

type Format = "png2" | "png3" | "svg" | "csv" | "xlsx";

/** Frame of every chart: title with ⓘ, scope and source line, legend, and the export buttons. */
export function ChartCard({ id, title, help, legend, table, status, children }: ChartCardProps) {
  const context = useExportContext();
  const [params] = useSearchParams();
  const selected = params.get("chart") === id;
  const cardRef = useRef<HTMLElement>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const { busy, error, run } = useExport();
  useRegisterTable(id, title, table, help);

  useEffect(() => {
    if (selected) cardRef.current?.scrollIntoView({ block: "start" });
  }, [selected]);

  async function save(format: Format) {
    const area = areaRef.current;
    if (!area) return;
    const date = today();
    const filename = exportFilename(context.place, title, date);
    if (format === "png2" || format === "png3") await downloadPng(area, format === "png2" ? 2 : 3, filename);
    else if (format === "svg") {
      const svg = area.querySelector<SVGSVGElement>(".recharts-wrapper > svg, svg.heatmap-svg");
      if (!svg) throw new Error("图表尚未绘制");
      downloadSvg(svg, { title, scope: context.scope, source: context.revisions, legend }, filename);
    } else await downloadTables(format, [{ title, table, note: help }], context, date, filename);
  }

  const buttons: [Format, string][] = [
    ["png2", "PNG 2×"],
    ["png3", "PNG 3×"],
    ["svg", "SVG"],
    ["csv", "CSV"],
    ["xlsx", "XLSX"],
  ];

  return (
    <figure ref={cardRef} className={`chart-card${selected ? " selected" : ""}`} data-chart={id} aria-labelledby={`${id}-title`}>
      <div ref={areaRef} className="chart-export-area">
        <h2 id={`${id}-title`}>
          {title} <HelpTip text={help} subject={title} />
        </h2>
        <p className="chart-meta">
          范围：{context.scope}
          {/* A single revision is named by the scope already; several towns' revisions are listed. */}
          {context.revisions && !context.revisions.startsWith(context.scope) ? `　来源：${context.revisions}` : ""}
        </p>
        <div className="chart-body">
          {status}
          <DrawTurn name={id}>{children}</DrawTurn>
        </div>
        <Legend items={legend} />
        <p className="chart-note print-only">说明：{help}</p>
      </div>
      <div className={`chart-actions ${NO_EXPORT_CLASS}`}>
        {buttons.map(([format, label]) => (
          <button key={format} type="button" data-export={format} disabled={busy} onClick={() => void run(() => save(format))}>
            {label}
          </button>
        ))}
        <span className="spacer" />
        {error && (
          <span className="status error" role="alert">
            {error}
          </span>
        )}
        <a
          href={hrefFor({ chart: selected ? null : id })}
          onClick={(e) => {
            e.preventDefault();
            navigate({ chart: selected ? null : id });
          }}
        >
          {selected ? "取消选中" : "选中并分享"}
        </a>
      </div>
    </figure>
  );
}
