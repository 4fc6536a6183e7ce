import type { RouterOutputs } from "@duty/api";
import type { Scope } from "@duty/domain";
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

export function sourceLabel(files: readonly string[]): string {
  const unique = [...new Set(files)];
  if (unique.length <= 3) return unique.join("、");
  return `${unique.slice(0, 2).join("、")} 等 ${unique.length} 份文件`;
}

/**
 * The scope and source documents named in every export: a chart image is meaningless
 * once it leaves the dashboard unless it says which town and which document it counts.
 */
export function describeScope(scope: Scope, tree: readonly RegionNode[], revisions: readonly RevisionSummary[]): ExportContext {
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const files = (ids: number[]) => sourceLabel(ids.flatMap((id) => byId.get(id)?.sourceFile ?? []));
  if ("revisionId" in scope) {
    const revision = byId.get(scope.revisionId);
    if (!revision) return { scope: `版本 #${scope.revisionId}`, source: "" };
    return { scope: `${revision.town} · ${revision.label}（${revision.effectiveDate}）`, source: revision.sourceFile };
  }
  if ("regionId" in scope) {
    const region = findRegion(tree, scope.regionId);
    if (!region) return { scope: `地区 #${scope.regionId}`, source: "" };
    const towns = region.level === "town" ? "最新版本" : `${region.towns} 个乡镇，各取最新版本`;
    return { scope: `${region.name}（${towns}）`, source: files(latestRevisionIds([region])) };
  }
  return { scope: "全部乡镇（各取最新版本）", source: files(latestRevisionIds(tree)) };
}
