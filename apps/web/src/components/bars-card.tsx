import type { ReactNode } from "react";
import { type BarsSpec, StackedBars, barsLegend, barsTable } from "../charts/stacked-bars.tsx";
import { ChartCard } from "./chart-card.tsx";
import { useStableCallback } from "./use-stable-callback.ts";

/**
 * A chart card drawing one StackedBars configuration: legend and exported table come from the spec,
 * so what is drawn, named and exported cannot drift apart. Until `rows` arrive only `children` (the
 * query's loading or error line) show.
 */
export function BarsCard<Row, Id extends string>({
  id,
  title,
  help,
  spec,
  rows,
  onSelect,
  children,
}: {
  id: string;
  title: string;
  help: string;
  spec: BarsSpec<Row, Id>;
  rows: Row[] | undefined;
  onSelect: (row: Row, series: Id) => void;
  children?: ReactNode;
}) {
  // The same function on every render, so the memoised chart is not redrawn when only the page around it changed.
  const select = useStableCallback(onSelect);
  return (
    <ChartCard id={id} title={title} help={help} legend={barsLegend(spec)} table={barsTable(spec, rows ?? [])} status={children}>
      {rows && <StackedBars spec={spec} rows={rows} onSelect={select} />}
    </ChartCard>
  );
}
