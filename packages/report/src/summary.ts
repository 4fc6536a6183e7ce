import type { ReportFigures } from "@duty/db";
import {
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  LIST_KINDS,
  LIST_LABELS,
  NATIONAL_REFERENCE,
  type RevisionDiff,
  nationalSourceText,
} from "@duty/domain";
import { count, share, signed } from "./format.ts";

/*
 * The plain-Chinese summary at the top of a report. Every figure in it is copied from an API
 * answer (report.overview, diff.compare); the sentences only say them, compare them with the
 * national reference and name the leaders of the server's rankings.
 */

type Department = ReportFigures["leadDepartments"][number];

/** Department names as the scope needs them: short within one county, full (with the county) beyond. */
export function departmentName(figures: ReportFigures, department: Department): string {
  const oneCounty = figures.scope.kind === "revision" || figures.scope.level === "town" || figures.scope.level === "county";
  return oneCounty ? department.shortName : department.name;
}

/** 高于 / 低于 / 持平, compared at the precision both are printed with (one decimal of a percent). */
export function comparedWith(value: number, reference: number): "高于" | "低于" | "持平于" {
  const a = Math.round(value * 1000);
  const b = Math.round(reference * 1000);
  return a > b ? "高于" : a < b ? "低于" : "持平于";
}

export function overviewSummary(figures: ReportFigures): string[] {
  const o = figures.overview;
  const place = figures.scope.name || "该范围";
  if (o.total === 0) return [`${place}尚无已导入的清单，没有可统计的事项。`];
  const national = NATIONAL_REFERENCE;
  const source = `来源：${nationalSourceText()}`;
  const lines: string[] = [];
  const towns = o.towns > 1 ? `${count(o.towns)} 个乡镇（各取最新版本）` : "";
  lines.push(
    `${place}${towns}共有履职事项 ${count(o.total)} 项：基本履职事项 ${count(o.basic)} 项、配合履职事项 ${count(o.coordinated)} 项、上级部门收回事项 ${count(o.reclaimed)} 项。`,
  );
  lines.push(
    `配合＋收回事项占比 ${share(o.delegatedShare)}，${comparedWith(o.delegatedShare, national.delegatedShare)}全国平均 ${share(national.delegatedShare)}（${source}）。`,
  );
  const perTown = figures.perTown;
  const nationalLists = `全国平均每个乡镇基本 ${national.perTown.basic} 项、配合 ${national.perTown.coordinated} 项、收回 ${national.perTown.reclaimed} 项`;
  if (o.towns > 1 && perTown) {
    lines.push(`平均每个乡镇基本 ${perTown.basic} 项、配合 ${perTown.coordinated} 项、收回 ${perTown.reclaimed} 项；${nationalLists}。`);
  } else {
    lines.push(`作为参照，${nationalLists}，合计 ${national.perTown.total} 项。`);
  }
  const named = (rows: Department[], value: (d: Department) => number) =>
    rows.map((d) => `${departmentName(figures, d)}（${count(value(d))} 项）`).join("、");
  if (figures.leadDepartments.length > 0) {
    lines.push(`牵头配合履职事项最多的县级部门：${named(figures.leadDepartments, (d) => d.coordinatedLed)}。`);
  }
  if (figures.receiverDepartments.length > 0) {
    lines.push(`承接收回事项最多的县级部门：${named(figures.receiverDepartments, (d) => d.reclaimedReceived)}。`);
  }
  if (figures.reclaimedCategories.length > 0) {
    lines.push(`收回事项最多的类别：${figures.reclaimedCategories.map((c) => `${c.category}（${count(c.reclaimed)} 项）`).join("、")}。`);
  }
  lines.push(`清单涉及县级部门 ${count(o.departments)} 个、事项类别 ${count(o.categories)} 个。`);
  return lines;
}

export function compareSummary(diff: RevisionDiff, before: string, after: string): string[] {
  const kinds = diff.summary.kinds;
  const changed = CHANGE_KINDS.filter((k) => k !== "unchanged" && kinds[k] > 0);
  const lines: string[] = [];
  lines.push(
    changed.length === 0
      ? `与${before}相比，${after}的事项没有变化（${count(kinds.unchanged)} 项均未变）。`
      : `与${before}相比，${after}的变化按类型计：${changed.map((k) => `${CHANGE_KIND_LABELS[k]} ${count(kinds[k])} 项`).join("、")}；未变 ${count(kinds.unchanged)} 项。一项事项可同时有几种变化。`,
  );
  lines.push(
    `三张清单的事项数：${LIST_KINDS.map((list) => {
      const d = diff.summary.lists[list];
      return `${LIST_LABELS[list]} ${count(d.before)} → ${count(d.after)}（${signed(d.delta)}）`;
    }).join("，")}。`,
  );
  const moved = diff.summary.categories.filter((c) => c.delta !== 0);
  if (moved.length > 0) {
    lines.push(`事项数有增减的类别：${moved.map((c) => `${c.category}（${signed(c.delta)}）`).join("、")}。`);
  }
  return lines;
}
