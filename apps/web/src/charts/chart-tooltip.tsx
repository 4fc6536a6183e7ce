import { type ReactNode, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Tooltip, type TooltipContentProps } from "recharts";
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

/**
 * Recharts' Tooltip, mounted only once a pointer or the keyboard's focus has come to the chart. With
 * every chart, it was a large part of each chart's first draw (its code running for the first time;
 * scripts/long-tasks.ts), for a box nobody sees before hovering; each bar carries its value as a
 * <title> and a label meanwhile. Only this component re-renders when it arrives: the chart itself
 * must not (new props make recharts draw every bar anew, and a click arriving with the pointer was lost).
 */
export function useLazyTooltip(): {
  area: { onPointerEnter: () => void; onFocus: () => void };
  Tooltip: (props: { unit?: string }) => ReactNode;
} {
  const arm = useRef<() => void>(() => {});
  return useMemo(() => {
    const want = () => arm.current();
    function LazyTooltip({ unit = "项" }: { unit?: string }) {
      const [wanted, setWanted] = useState(false);
      useLayoutEffect(() => {
        arm.current = () => setWanted(true);
      }, []);
      return wanted ? <Tooltip content={<ChartTooltip unit={unit} />} cursor={{ fill: "var(--surface)" }} /> : null;
    }
    return { area: { onPointerEnter: want, onFocus: want }, Tooltip: LazyTooltip };
  }, []);
}
