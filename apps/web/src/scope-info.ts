import type { RouterOutputs } from "@duty/api";
import type { Scope } from "@duty/domain";
import type { ExportContext } from "./export/context.ts";

export type RegionSummary = RouterOutputs["regions"]["byId"];
export type RevisionSummary = RouterOutputs["revisions"]["list"]["items"][number];
export type RevisionDetail = RouterOutputs["revisions"]["byId"];
export type ScopeSources = RouterOutputs["regions"]["sources"];

export const LEVEL_LABELS: Record<RegionSummary["level"], string> = { province: "省", prefecture: "地州市", county: "县市区", town: "乡镇" };

/** 新疆维吾尔自治区 / 昌吉回族自治州 / 玛纳斯县: where a region lies, as the picker and exports show it. */
export function regionPath(region: Pick<RegionSummary, "name" | "path">): string {
  return [...region.path.map((p) => p.name), region.name].join(" / ");
}

export function sourceLabel(files: readonly string[], count = files.length): string {
  const unique = [...new Set(files)];
  if (count <= 3 && unique.length <= 3) return unique.join("、");
  return `${unique.slice(0, 2).join("、")} 等 ${count} 份文件`;
}

/** What the server said about the scope: the revision or region it names, and the documents it reads. */
export interface ScopeFacts {
  revision?: RevisionDetail | undefined;
  region?: RegionSummary | undefined;
  sources?: ScopeSources | undefined;
}

/**
 * The scope and source documents named in every export: a chart image is meaningless
 * once it leaves the dashboard unless it says which town and which document it counts.
 */
export function describeScope(scope: Scope, facts: ScopeFacts): ExportContext {
  const source = facts.sources ? sourceLabel(facts.sources.files, facts.sources.towns) : "";
  if ("revisionId" in scope) {
    const revision = facts.revision;
    if (!revision) return { scope: `版本 #${scope.revisionId}`, source: "" };
    return { scope: `${revision.town} · ${revision.label}（${revision.effectiveDate}）`, source: revision.sourceFile };
  }
  if ("regionId" in scope) {
    const region = facts.region;
    if (!region) return { scope: `地区 #${scope.regionId}`, source };
    const towns = region.level === "town" ? "最新版本" : `${region.towns} 个乡镇，各取最新版本`;
    return { scope: `${region.name}（${towns}）`, source };
  }
  return { scope: "全部乡镇（各取最新版本）", source };
}
