import { today, useExportContext } from "../export/context.ts";
import { exportFilename } from "../export/table.ts";
import { downloadXlsx } from "../export/xlsx.ts";
import { hrefFor } from "../url-state.ts";
import { useExport } from "./export-buttons.tsx";
import { usePageTables } from "./page-exports.tsx";

/** The print view of the current page (?print=1) in a new tab: its own layout, then the browser's print dialog. */
export function openPrintView(): void {
  window.open(hrefFor({ print: "1" }), "_blank");
}

/**
 * A page's exports as a whole: the Word report (when the page has one), every chart's table in one
 * workbook, and the print view for 打印 or 另存为 PDF.
 */
export function PageActions({ title, report }: { title: string; report?: (() => Promise<void>) | undefined }) {
  const context = useExportContext();
  const tables = usePageTables();
  const { busy, error, run } = useExport();
  const workbook = () =>
    run(async () => {
      const all = tables();
      if (all.length === 0) throw new Error("本页还没有可导出的图表");
      const date = today();
      await downloadXlsx(all, context, date, exportFilename(context.place, title, date));
    });
  return (
    <fieldset className="page-actions no-print" aria-label="导出本页">
      {report && (
        <button type="button" className="button primary" data-export="docx" disabled={busy} onClick={() => void run(report)}>
          导出报告（Word）
        </button>
      )}
      <button type="button" className="button" data-export="page-xlsx" disabled={busy} onClick={() => void workbook()}>
        导出整页 XLSX
      </button>
      <button type="button" className="button" data-export="pdf" onClick={openPrintView}>
        导出 PDF（打印）
      </button>
      {busy && (
        <span className="status" role="status">
          正在生成…
        </span>
      )}
      {error && (
        <span className="status error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
