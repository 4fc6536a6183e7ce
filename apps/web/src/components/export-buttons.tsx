import { useState } from "react";
import { type ExportContext, today, useExportContext } from "../export/context.ts";
import { downloadCsv } from "../export/csv.ts";
import { type DataTable, type ExportedTable, exportFilename } from "../export/table.ts";
import { downloadXlsx } from "../export/xlsx.ts";

export type TableFormat = "csv" | "xlsx";

/**
 * Tables as CSV (the first one, with a first row naming scope, revision, date and source, and the
 * BOM Excel needs for Chinese) or as one XLSX workbook: a 说明 sheet, then a sheet per table.
 */
export async function downloadTables(
  format: TableFormat,
  tables: readonly ExportedTable[],
  context: ExportContext,
  date: string,
  filename: string,
): Promise<void> {
  if (format === "csv") downloadCsv(tables[0]!.table, context, date, filename);
  else await downloadXlsx(tables, context, date, filename);
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
 * CSV and XLSX of a table the page shows, named after the place, the title, the filters and the date.
 * `table` is called on click: it may fetch every row the screen has not loaded yet.
 */
export function ExportButtons({
  table,
  title,
  note,
  detail = "",
}: {
  table: () => DataTable | Promise<DataTable>;
  title: string;
  note?: string;
  detail?: string;
}) {
  const context = useExportContext();
  const { busy, error, run } = useExport();
  const save = (format: TableFormat) =>
    run(async () => {
      const date = today();
      const tableTitle = detail ? `${title}（${detail}）` : title;
      await downloadTables(
        format,
        [{ title: tableTitle, table: await table(), note }],
        context,
        date,
        exportFilename(context.place, title, date, detail),
      );
    });
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
