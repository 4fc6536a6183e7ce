import { type ReactNode, useEffect, useRef, useState } from "react";
import { downloadCsv } from "../export/csv.ts";
import { NO_EXPORT_CLASS, downloadPng } from "../export/png.ts";
import { downloadSvg } from "../export/svg.ts";
import { type DataTable, safeFilename } from "../export/table.ts";
import { downloadXlsx } from "../export/xlsx.ts";
import { hrefFor, navigate, useSearchParams } from "../url-state.ts";
import { useExportContext } from "./export-context.ts";
import { Legend, type LegendItem } from "./legend.tsx";

export interface ChartCardProps {
  /** Value of the `chart` search parameter that selects this card. */
  id: string;
  title: string;
  legend: LegendItem[];
  /** The numbers the chart draws, as CSV/XLSX export them. */
  table: DataTable;
  children: ReactNode;
}

type Format = "png2" | "png3" | "svg" | "csv" | "xlsx";

/** Frame of every chart: title, scope and source line, legend, and the export buttons. */
export function ChartCard({ id, title, legend, table, children }: ChartCardProps) {
  const context = useExportContext();
  const [params] = useSearchParams();
  const selected = params.get("chart") === id;
  const cardRef = useRef<HTMLElement>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (selected) cardRef.current?.scrollIntoView({ block: "start" });
  }, [selected]);

  const filename = safeFilename(title, context.scope);

  async function run(format: Format) {
    const area = areaRef.current;
    if (!area) return;
    setBusy(true);
    setError(null);
    try {
      if (format === "png2" || format === "png3") await downloadPng(area, format === "png2" ? 2 : 3, filename);
      else if (format === "svg") {
        const svg = area.querySelector<SVGSVGElement>(".recharts-wrapper > svg, svg.heatmap-svg");
        if (!svg) throw new Error("图表尚未绘制");
        downloadSvg(svg, { title, ...context, legend }, filename);
      } else if (format === "csv") downloadCsv(table, filename);
      else await downloadXlsx(table, title, filename);
    } catch (e) {
      setError(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
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
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="chart-meta">
          范围：{context.scope}　来源：{context.source || "—"}
        </p>
        <div className="chart-body">{children}</div>
        <Legend items={legend} />
      </div>
      <div className={`chart-actions ${NO_EXPORT_CLASS}`}>
        {buttons.map(([format, label]) => (
          <button key={format} type="button" data-export={format} disabled={busy} onClick={() => void run(format)}>
            {label}
          </button>
        ))}
        <span className="spacer" />
        {error && <span className="status error" role="alert">{error}</span>}
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
