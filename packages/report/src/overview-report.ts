import type { ReportFigures } from "@duty/db";
import {
  DEFINITIONS,
  LIST_KINDS,
  LIST_LABELS,
  NATIONAL_REFERENCE,
  chineseDate,
  nationalSourceText,
  readableRevisionLabel,
} from "@duty/domain";
import type { ReportBlock, ReportDocument, ReportImage } from "./model.ts";
import { departmentName, overviewSummary } from "./summary.ts";

/** A chart the caller rendered: its id on the dashboard, its title and the PNG. */
export interface ChartImage {
  id: string;
  title: string;
  image: ReportImage;
  /** What it counts; the chart's definition when not given. */
  note?: string | undefined;
}

export interface ReportOptions {
  /** YYYY-MM-DD */
  exportedOn: string;
  /** Charts in any order; each is placed in its chapter by id. None: a report of tables only (the CLI's). */
  charts?: readonly ChartImage[];
}

/** Which chapter a dashboard chart belongs to; charts not named here go to the last chapter. */
const CHAPTER_CHARTS = {
  lists: ["list-counts", "share"],
  categories: ["category-list", "reclaimed-retained"],
  departments: ["top-departments", "heatmap", "step-balance"],
} as const;

/** Title page lines naming a scope's revisions: each by name when few, else how many and their dates. */
const NAMED_REVISIONS = 5;

/** The Word report of a scope: title page, summary, the three lists, categories, departments, notes. */
export function overviewReport(figures: ReportFigures, options: ReportOptions): ReportDocument {
  const scope = figures.scope;
  const place = scope.name || "全国";
  const charts = new Map((options.charts ?? []).map((c) => [c.id, c]));
  const placed = new Set<string>();
  const figuresOf = (ids: readonly string[]): ReportBlock[] =>
    ids.flatMap((id) => {
      const chart = charts.get(id);
      if (!chart) return [];
      placed.add(id);
      return [{ kind: "figure", title: chart.title, note: chart.note ?? definition(id), image: chart.image }];
    });
  const o = figures.overview;

  const blocks: ReportBlock[] = [
    { kind: "heading", level: 1, text: "一、摘要" },
    ...overviewSummary(figures).map((text): ReportBlock => ({ kind: "paragraph", text })),

    { kind: "heading", level: 1, text: "二、三张清单" },
    ...figuresOf(CHAPTER_CHARTS.lists),
    {
      kind: "table",
      title: "三张清单的事项数与全国平均",
      note: DEFINITIONS.national,
      columns: [
        { label: "清单", width: 3 },
        { label: "事项数（项）", width: 2 },
        { label: "占比", width: 2 },
        ...(o.towns > 1 ? [{ label: "平均每乡镇（项）", width: 2 }] : []),
        { label: "全国平均每乡镇（项）", width: 2 },
      ],
      rows: LIST_KINDS.map((list) => [
        LIST_LABELS[list],
        o[list],
        { share: figures.shares[list] },
        ...(o.towns > 1 ? [figures.perTown?.[list] ?? null] : []),
        NATIONAL_REFERENCE.perTown[list],
      ]),
      total: [
        "合计",
        o.total,
        { share: o.total > 0 ? 1 : 0 },
        ...(o.towns > 1 ? [figures.perTown?.total ?? null] : []),
        NATIONAL_REFERENCE.perTown.total,
      ],
    },

    { kind: "heading", level: 1, text: "三、事项类别" },
    ...figuresOf(CHAPTER_CHARTS.categories),
    {
      kind: "table",
      title: "各类别事项数",
      note: DEFINITIONS["category-list"],
      columns: [
        { label: "事项类别", width: 3 },
        ...LIST_KINDS.map((list) => ({ label: LIST_LABELS[list], width: 2 })),
        { label: "合计", width: 1.5 },
      ],
      rows: figures.categories.map((c) => [c.category, c.basic, c.coordinated, c.reclaimed, c.total]),
      total: ["合计", o.basic, o.coordinated, o.reclaimed, o.total],
    },

    { kind: "heading", level: 1, text: "四、县级部门" },
    ...figuresOf(CHAPTER_CHARTS.departments),
    {
      kind: "table",
      title:
        figures.departments.length < o.departments
          ? `县级部门履职负担（前 ${figures.departments.length} 名，共 ${o.departments} 个部门）`
          : "县级部门履职负担",
      note: DEFINITIONS["department-load"],
      columns: [
        { label: "部门", width: 4 },
        { label: "牵头配合事项", width: 1.6 },
        { label: "承接收回事项", width: 1.6 },
        { label: "合计", width: 1.2 },
        { label: "部门职责步骤", width: 1.6 },
        { label: "乡镇配合步骤", width: 1.6 },
      ],
      rows: figures.departments.map((d) => [
        departmentName(figures, d),
        d.coordinatedLed,
        d.reclaimedReceived,
        d.total,
        d.departmentSteps,
        d.townSteps,
      ]),
    },
    ...(charts.size > placed.size ? [{ kind: "heading", level: 1, text: "五、其他图表" } as const] : []),
    ...figuresOf([...charts.keys()].filter((id) => !placed.has(id))),

    { kind: "heading", level: 1, text: `${charts.size > placed.size ? "六" : "五"}、说明` },
    {
      kind: "list",
      items: [
        DEFINITIONS.basic,
        DEFINITIONS.coordinated,
        DEFINITIONS.reclaimed,
        DEFINITIONS.delegatedShare,
        `${DEFINITIONS.national} 原文：${NATIONAL_REFERENCE.source.url}`,
        scope.revisionCount > 1 ? "范围含多个乡镇时，每个乡镇按其最新版本（生效日期最晚者）计入。" : "本报告统计一个乡镇的一个清单版本。",
        ...(charts.size === 0 ? ["本报告未含图表：图表请在履职图谱仪表盘中用「导出报告」生成。"] : []),
      ],
    },
  ];

  const exported = chineseDate(options.exportedOn);
  return {
    title: `${place}履职事项清单分析报告`,
    facts: [
      { label: "范围", value: [...scope.parents, place].join(" / ") },
      { label: "清单版本", value: revisionsText(figures) },
      { label: "源文件", value: sourceFiles(figures) },
      { label: "全国参考", value: `${nationalSourceText()}（${NATIONAL_REFERENCE.source.url}）` },
      { label: "导出日期", value: exported },
    ],
    header: `${place}履职事项清单分析报告　导出于 ${exported}`,
    blocks,
    subject: `${place}乡镇履职事项清单：三张清单、事项类别与县级部门`,
    keywords: ["履职事项清单", place, ...LIST_KINDS.map((l) => LIST_LABELS[l])].join(", "),
  };
}

function definition(id: string): string | undefined {
  return (DEFINITIONS as Record<string, string>)[id];
}

function revisionsText(figures: ReportFigures): string {
  const { revisions, revisionCount, effectiveFrom, effectiveTo } = figures.scope;
  if (revisionCount === 0) return "无";
  if (revisionCount <= NAMED_REVISIONS) {
    return revisions.map((r) => `${readableRevisionLabel(r)}（生效日期 ${chineseDate(r.effectiveDate)}）`).join("；");
  }
  const span =
    effectiveFrom && effectiveTo && effectiveFrom !== effectiveTo
      ? `${chineseDate(effectiveFrom)}至${chineseDate(effectiveTo)}`
      : chineseDate(effectiveFrom ?? "");
  return `${revisionCount.toLocaleString("en-US")} 个乡镇，各取最新版本（生效日期 ${span}）`;
}

function sourceFiles(figures: ReportFigures): string {
  const { revisions, revisionCount } = figures.scope;
  const files = revisions.slice(0, 3).map((r) => r.sourceFile);
  return revisionCount > files.length ? `${files.join("、")} 等 ${revisionCount.toLocaleString("en-US")} 份文件` : files.join("、") || "—";
}
