import type { RouterOutputs } from "@duty/api";
import { type RevisionNaming, type Scope, chineseDate, readableRevisionLabel } from "@duty/domain";
import type { ExportContext } from "./export/context.ts";

export type RegionSummary = RouterOutputs["regions"]["byId"];
export type RevisionSummary = RouterOutputs["revisions"]["list"]["items"][number];
export type RevisionDetail = RouterOutputs["revisions"]["byId"];
export type ScopeSources = RouterOutputs["regions"]["sources"];

export const LEVEL_LABELS: Record<RegionSummary["level"], string> = {
  province: "省",
  prefecture: "地州市",
  county: "县市区",
  town: "乡镇",
};

/** 新疆维吾尔自治区 / 昌吉回族自治州 / 玛纳斯县: where a region lies, as the picker and exports show it. */
export function regionPath(region: Pick<RegionSummary, "name" | "path">): string {
  return [...region.path.map((p) => p.name), region.name].join(" / ");
}

/** A few names joined with 、, or the first two and how many there are in all (count: when more exist than were sent). */
export function listLabel(names: readonly string[], unit = "份文件", count?: number): string {
  const unique = [...new Set(names)];
  const all = Math.max(count ?? unique.length, unique.length);
  if (all <= 3 && unique.length <= 3) return unique.join("、");
  return `${unique.slice(0, 2).join("、")} 等 ${all} ${unit}`;
}

/** The source documents of a set of revisions, by file name; count when the server sent only the first few. */
export function sourceLabel(files: readonly string[], count?: number): string {
  return listLabel(files, "份文件", count);
}

/** A revision as a reader knows it (兰州湾镇 2025年6月30日版), never by its file name alone. */
export function revisionName(revision: RevisionNaming): string {
  return readableRevisionLabel(revision);
}

/** What the server said about the scope: the revision or region it names, and the revisions it reads. */
export interface ScopeFacts {
  revision?: RevisionDetail | undefined;
  region?: RegionSummary | undefined;
  sources?: ScopeSources | undefined;
}

/**
 * The scope, its place, and the revisions and documents behind it, for every export: a chart image
 * is meaningless once it leaves the dashboard unless it says which town and which revision it counts.
 */
export function describeScope(scope: Scope, facts: ScopeFacts): ExportContext {
  // A province reads thousands of revisions: the server sends the first few and how many there are.
  const read = facts.sources
    ? {
        revisions: listLabel(facts.sources.revisions.map(revisionName), "个版本", facts.sources.towns),
        files: sourceLabel(
          facts.sources.revisions.map((r) => r.sourceFile),
          facts.sources.towns,
        ),
      }
    : { revisions: "", files: "" };
  if ("revisionId" in scope) {
    const revision = facts.revision;
    if (!revision) return { scope: `版本 #${scope.revisionId}`, place: `版本${scope.revisionId}`, revisions: "", files: "" };
    const name = revisionName(revision);
    return {
      scope: name,
      place: revision.town,
      revisions: `${name}（生效日期 ${chineseDate(revision.effectiveDate)}）`,
      files: revision.sourceFile,
    };
  }
  if ("regionId" in scope) {
    const region = facts.region;
    if (!region) return { scope: `地区 #${scope.regionId}`, place: `地区${scope.regionId}`, ...read };
    const towns = region.level === "town" ? "最新版本" : `${region.towns} 个乡镇，各取最新发布版本`;
    return { scope: `${region.name}（${towns}）`, place: region.name, ...read };
  }
  return { scope: "全部乡镇（各取最新发布版本）", place: "全国", ...read };
}
