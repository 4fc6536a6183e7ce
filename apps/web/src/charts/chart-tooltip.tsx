import type { TooltipContentProps } from "recharts";
import { formatNumber } from "../format.ts";

/** Recharts' default tooltip prints raw numbers; this one formats them zh-CN and adds a unit. */
export function ChartTooltip({ active, payload, label, unit = "项" }: Partial<TooltipContentProps<number, string>> & { unit?: string }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="tooltip">
      <div className="tooltip-title">{String(label ?? "")}</div>
      {payload.map((entry) => (
        <div className="tooltip-row" key={String(entry.dataKey)}>
          <span>
            <span className="legend-swatch" style={{ background: entry.color ?? entry.fill }} /> {entry.name}
          </span>
          <span>
            {typeof entry.value === "number" ? formatNumber(entry.value) : String(entry.value ?? "")}
            {unit}
          </span>
        </div>
      ))}
    </div>
  );
}
