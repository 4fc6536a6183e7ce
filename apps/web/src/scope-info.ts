import type { RouterOutputs } from "@duty/api";
import { type Scope, chineseDate, readableRevisionLabel } from "@duty/domain";
import type { ExportContext } from "./export/context.ts";

export type RegionNode = RouterOutputs["regions"]["tree"][number];
export type RevisionSummary = RouterOutputs["revisions"]["list"]["items"][number];

export function findRegion(tree: readonly RegionNode[], id: number): RegionNode | null {
  for (const node of tree) {
    if (node.id === id) return node;
    const found = findRegion(node.children, id);
    if (found) return found;
  }
  return null;
}

/** Every region of the tree, parents before their children, with its depth for indenting a <select>. */
export function flattenRegions(nodes: readonly RegionNode[], depth = 0): { node: RegionNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenRegions(node.children, depth + 1)]);
}

/** Revisions statistics read for a region: the latest of each town below it. */
export function latestRevisionIds(nodes: readonly RegionNode[]): number[] {
  return nodes.flatMap((n) => [...(n.latestRevisionId === null ? [] : [n.latestRevisionId]), ...latestRevisionIds(n.children)]);
}

/** A few names joined with 、, or the first two and how many there are in all. */
export function listLabel(names: readonly string[], unit = "份文件"): string {
  const unique = [...new Set(names)];
  if (unique.length <= 3) return unique.join("、");
  return `${unique.slice(0, 2).join("、")} 等 ${unique.length} ${unit}`;
}

/** The source documents of a set of revisions, by file name. */
export function sourceLabel(files: readonly string[]): string {
  return listLabel(files);
}

/** A revision as a reader knows it (兰州湾镇 2025年6月30日版), never by its file name alone. */
export function revisionName(revision: RevisionSummary): string {
  return readableRevisionLabel(revision);
}

/**
 * The scope, its place, and the revisions and documents behind it, for every export: a chart image
 * is meaningless once it leaves the dashboard unless it says which town and which revision it counts.
 */
export function describeScope(scope: Scope, tree: readonly RegionNode[], revisions: readonly RevisionSummary[]): ExportContext {
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const read = (ids: number[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const several = (ids: number[]) => {
    const known = read(ids);
    return { revisions: listLabel(known.map(revisionName), "个版本"), files: sourceLabel(known.map((r) => r.sourceFile)) };
  };
  if ("revisionId" in scope) {
    const revision = byId.get(scope.revisionId);
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
    const region = findRegion(tree, scope.regionId);
    if (!region) return { scope: `地区 #${scope.regionId}`, place: `地区${scope.regionId}`, revisions: "", files: "" };
    const towns = region.level === "town" ? "最新版本" : `${region.towns} 个乡镇，各取最新发布版本`;
    return { scope: `${region.name}（${towns}）`, place: region.name, ...several(latestRevisionIds([region])) };
  }
  return { scope: "全部乡镇（各取最新发布版本）", place: "全国", ...several(latestRevisionIds(tree)) };
}
