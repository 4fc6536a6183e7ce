import { type KeyboardEvent, type SyntheticEvent, useMemo, useState } from "react";
import type { DataTable } from "../export/table.ts";
import { formatCount } from "../format.ts";
import { labelAxisWidth } from "./axis.ts";
import { heatBucket, heatColour, heatInk, heatLegend } from "./heat-scale.ts";
import type { LegendItem } from "./legend.tsx";

export interface HeatmapCell {
  departmentId: number;
  categoryId: number;
  value: number;
}

export interface HeatmapData {
  departments: { id: number; name: string; label: string }[];
  categories: { id: number; name: string }[];
  cells: HeatmapCell[];
  max: number;
}

const CELL_W = 42;
const CELL_H = 28;
const FONT = 14;

function key(departmentId: number, categoryId: number): string {
  return `${departmentId}:${categoryId}`;
}

/** The matrix exactly as drawn: one row per department, one column per category, zeros included. */
export function heatmapTable(data: HeatmapData): DataTable {
  const values = new Map(data.cells.map((c) => [key(c.departmentId, c.categoryId), c.value]));
  return {
    columns: ["部门", ...data.categories.map((c) => c.name)],
    rows: data.departments.map((d) => [d.name, ...data.categories.map((c) => values.get(key(d.id, c.id)) ?? 0)]),
  };
}

export function heatmapLegend(max: number): LegendItem[] {
  return heatLegend(max).map((step) => ({ label: `${step.label} 项`, colour: step.colour }));
}

interface Hover {
  x: number;
  y: number;
  department: string;
  category: string;
  value: number;
}

/** Department × category counts as a plain SVG grid: recharts has no matrix chart. */
export function HeatmapChart({ data, onSelect }: { data: HeatmapData; onSelect: (departmentId: number, categoryId: number) => void }) {
  const [hover, setHover] = useState<Hover | null>(null);
  const values = useMemo(() => new Map(data.cells.map((c) => [key(c.departmentId, c.categoryId), c.value])), [data]);
  const left = labelAxisWidth(
    data.departments.map((d) => d.label),
    FONT,
  );
  // Category labels run at -60° above their column; their height grows with the longest one.
  const longest = Math.max(2, ...data.categories.map((c) => c.name.length));
  const top = Math.ceil(longest * FONT * 0.87) + 12;
  const right = Math.ceil(longest * FONT * 0.5);
  const width = left + data.categories.length * CELL_W + right;
  const height = top + data.departments.length * CELL_H + 4;

  // One handler on the drawing for every cell, empty ones included: the pointer over a cell or the
  // keyboard's focus on one shows its tooltip, anything else (a label, a gap, leaving) hides it.
  const show = (e: SyntheticEvent) => {
    const cell = e.target instanceof Element ? e.target.closest("rect.cell") : null;
    if (!cell) return setHover(null);
    const box = cell.getBoundingClientRect();
    const host = cell.closest(".chart-body")?.getBoundingClientRect();
    setHover({
      x: box.right - (host?.left ?? 0) + 6,
      y: box.top - (host?.top ?? 0),
      department: cell.getAttribute("data-department") ?? "",
      category: cell.getAttribute("data-category") ?? "",
      value: Number(cell.getAttribute("data-value")),
    });
  };

  return (
    <div className="heatmap-scroll">
      {/* A graphics document (the <svg> default role), not role="img": an image's children are hidden
          from assistive technology, and the filled cells are buttons. */}
      <svg
        className="heatmap-svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        aria-label="部门 × 事项类别 热力图"
        fontSize={FONT}
        onMouseOver={show}
        onFocus={show}
        onMouseLeave={() => setHover(null)}
        onBlur={() => setHover(null)}
      >
        {data.categories.map((category, ci) => (
          <text
            key={category.id}
            transform={`translate(${left + ci * CELL_W + CELL_W / 2 + 4}, ${top - 6}) rotate(-60)`}
            fill="var(--fg-muted)"
          >
            {category.name}
          </text>
        ))}
        {data.departments.map((department, di) => (
          <g key={department.id}>
            <text x={left - 6} y={top + di * CELL_H + CELL_H / 2} textAnchor="end" dominantBaseline="central" fill="var(--fg-muted)">
              {department.label}
            </text>
            {data.categories.map((category, ci) => {
              const value = values.get(key(department.id, category.id)) ?? 0;
              const bucket = heatBucket(value, data.max);
              const x = left + ci * CELL_W;
              const y = top + di * CELL_H;
              const cell = {
                className: "cell",
                "data-department": department.name,
                "data-category": category.name,
                "data-value": value,
                x: x + 1,
                y: y + 1,
                width: CELL_W - 2,
                height: CELL_H - 2,
                rx: 2,
                fill: heatColour(bucket),
                "aria-label": `${department.name} · ${category.name}：${formatCount(value)} 项`,
              };
              return (
                <g key={category.id}>
                  {value > 0 ? (
                    // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; a focusable shape with role="button" and Enter/Space is how a drawn cell becomes one
                    <rect
                      {...cell}
                      role="button"
                      tabIndex={0}
                      onClick={() => onSelect(department.id, category.id)}
                      onKeyDown={(e: KeyboardEvent) => {
                        if (e.key === "Enter" || e.key === " ") {
                          e.preventDefault();
                          onSelect(department.id, category.id);
                        }
                      }}
                    />
                  ) : (
                    // Nothing to drill into: drawn and labelled, but neither a button nor a stop for Tab.
                    <rect {...cell} />
                  )}
                  {value > 0 && (
                    <text
                      x={x + CELL_W / 2}
                      y={y + CELL_H / 2}
                      textAnchor="middle"
                      dominantBaseline="central"
                      fill={heatInk(bucket)}
                      pointerEvents="none"
                    >
                      {formatCount(value)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      {hover && (
        <div className="tooltip heatmap-tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
          <div className="tooltip-title">{hover.department}</div>
          <div>
            {hover.category}：{formatCount(hover.value)} 项
          </div>
        </div>
      )}
    </div>
  );
}
