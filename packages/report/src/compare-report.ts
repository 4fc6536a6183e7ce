import {
  CHANGE_KIND_LABELS,
  DEFINITIONS,
  type DutyRef,
  LIST_KINDS,
  LIST_LABELS,
  type RevisionDiff,
  type RevisionNaming,
  changeNotes,
  chineseDate,
  readableRevisionLabel,
} from "@duty/domain";
import type { ReportBlock, ReportDocument } from "./model.ts";
import type { ChartImage } from "./overview-report.ts";
import { compareSummary } from "./summary.ts";

export interface CompareReportOptions {
  before: RevisionNaming;
  after: RevisionNaming;
  /** YYYY-MM-DD */
  exportedOn: string;
  /** The category chart ("category-delta"), when the caller rendered it. */
  charts?: readonly ChartImage[];
}

/** "基本履职事项 第 83 项": where a duty sits; the report's change table starts each side with it. */
export function dutyPlace(side: Pick<DutyRef, "list" | "seq">): string {
  return `${LIST_LABELS[side.list]} 第 ${side.seq} 项`;
}

function sideText(side: DutyRef | null): string {
  if (!side) return "—";
  return [
    dutyPlace(side),
    `类别：${side.category}`,
    side.name,
    ...(side.departments.length ? [`部门：${side.departments.join("、")}`] : []),
  ].join("\n");
}

/** The Word report of two revisions (of one town, or of two towns): summary, counts, categories, every change. */
export function compareReport(diff: RevisionDiff, options: CompareReportOptions): ReportDocument {
  const before = readableRevisionLabel(options.before);
  const after = readableRevisionLabel(options.after);
  const [beforeSide, afterSide] = diff.sameTown ? ["修订前", "修订后"] : [options.before.town, options.after.town];
  const changes = diff.changes.filter((c) => !c.kinds.includes("unchanged"));
  const blocks: ReportBlock[] = [
    { kind: "heading", level: 1, text: "一、摘要" },
    ...compareSummary(diff, `${beforeSide}（${before}）`, `${afterSide}（${after}）`).map(
      (text): ReportBlock => ({ kind: "paragraph", text }),
    ),

    { kind: "heading", level: 1, text: "二、清单与类别" },
    {
      kind: "table",
      title: "三张清单的事项数",
      columns: [
        { label: "清单", width: 3 },
        { label: beforeSide, width: 2 },
        { label: afterSide, width: 2 },
        { label: "增减", width: 1.5 },
      ],
      rows: LIST_KINDS.map((list) => {
        const d = diff.summary.lists[list];
        return [LIST_LABELS[list], d.before, d.after, d.delta];
      }),
    },
    ...(options.charts ?? []).map(
      (chart): ReportBlock => ({
        kind: "figure",
        title: chart.title,
        note: chart.note ?? DEFINITIONS["category-delta"],
        image: chart.image,
      }),
    ),
    {
      kind: "table",
      title: "各类别事项数",
      note: DEFINITIONS["category-delta"],
      columns: [
        { label: "事项类别", width: 3 },
        { label: beforeSide, width: 2 },
        { label: afterSide, width: 2 },
        { label: "增减", width: 1.5 },
      ],
      rows: diff.summary.categories.map((c) => [c.category, c.before, c.after, c.delta]),
    },

    { kind: "heading", level: 1, text: "三、逐项变化" },
    changes.length === 0
      ? { kind: "paragraph", text: "两个版本的事项没有变化。" }
      : {
          kind: "table",
          title: `逐项变化（共 ${changes.length} 项，未变的事项不列）`,
          note: "事项按修订后的顺序排列，删除的事项列在最后；序号以各自版本为准。",
          columns: [
            { label: "变化", width: 1.6 },
            { label: beforeSide, width: 4 },
            { label: afterSide, width: 4 },
            { label: "说明", width: 2.2 },
          ],
          rows: changes.map((c) => [
            c.kinds.map((k) => CHANGE_KIND_LABELS[k]).join("、"),
            sideText(c.before),
            sideText(c.after),
            changeNotes(c).join("\n") || null,
          ]),
        },
  ];
  const exported = chineseDate(options.exportedOn);
  const title = diff.sameTown ? `${options.after.town}清单修订对比报告` : `${options.before.town}与${options.after.town}清单对比报告`;
  const facts = (side: string, naming: RevisionNaming, label: string) => ({
    label: side,
    value: `${label}（生效日期 ${chineseDate(naming.effectiveDate)}；源文件 ${naming.sourceFile}）`,
  });
  return {
    title,
    facts: [facts(beforeSide, options.before, before), facts(afterSide, options.after, after), { label: "导出日期", value: exported }],
    header: `${title}　导出于 ${exported}`,
    blocks,
    subject: `${before} 与 ${after} 的逐项对比`,
    keywords: ["履职事项清单", "修订对比", options.before.town, options.after.town].join(", "),
  };
}
