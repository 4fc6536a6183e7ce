import { useState } from "react";
import { useExportContext } from "../export/context.ts";
import { downloadCsv } from "../export/csv.ts";
import { type DataTable, safeFilename } from "../export/table.ts";
import { downloadXlsx } from "../export/xlsx.ts";

export type TableFormat = "csv" | "xlsx";

/** A table as CSV (with the BOM Excel needs for Chinese) or as XLSX with a sheet named after the title. */
export async function downloadTable(format: TableFormat, table: DataTable, title: string, filename: string): Promise<void> {
  if (format === "csv") downloadCsv(table, filename);
  else await downloadXlsx(table, title, filename);
}

/** One export at a time; a failure is said beside the buttons, in Chinese, instead of vanishing into the console. */
export function useExport(): { busy: boolean; error: string | null; run: (action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/**
 * CSV and XLSX of a table the page shows, named after the page's export context and filters.
 * `table` is called on click: it may fetch every row the screen has not loaded yet.
 */
export function ExportButtons({
  table,
  title,
  detail = "",
}: {
  table: () => DataTable | Promise<DataTable>;
  title: string;
  detail?: string;
}) {
  const context = useExportContext();
  const { busy, error, run } = useExport();
  const save = (format: TableFormat) =>
    run(async () => downloadTable(format, await table(), title, safeFilename(title, context.scope, detail)));
  return (
    <>
      <button type="button" className="button" data-export="csv" disabled={busy} onClick={() => void save("csv")}>
        导出 CSV
      </button>
      <button type="button" className="button" data-export="xlsx" disabled={busy} onClick={() => void save("xlsx")}>
        导出 XLSX
      </button>
      {error && (
        <span className="status error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
