import { type DataTable, isShare } from "../export/table.ts";
import { formatCount, formatShare } from "../format.ts";

/** A table exactly as it is exported: numbers right-aligned and formatted zh-CN, text as text. */
export function DataTableView({ table, testId }: { table: DataTable; testId: string }) {
  return (
    <div className="table-scroll">
      <table className="data static" data-testid={testId}>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className={typeof cell === "number" || isShare(cell) ? "num" : undefined}>
                  {typeof cell === "number" ? formatCount(cell) : isShare(cell) ? formatShare(cell.share) : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
