import type { Scope } from "../scope.ts";
import { scopePatch } from "../scope.ts";
import type { RegionNode, RevisionSummary } from "../scope-info.ts";
import { navigate } from "../url-state.ts";

const LEVEL_LABELS: Record<RegionNode["level"], string> = { province: "省", prefecture: "地州市", county: "县市区", town: "乡镇" };

function flatten(nodes: readonly RegionNode[], depth = 0): { node: RegionNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

function valueOf(scope: Scope): string {
  if ("revisionId" in scope) return `revision:${scope.revisionId}`;
  if ("regionId" in scope) return `region:${scope.regionId}`;
  return "";
}

function scopeOf(value: string): Scope {
  const [kind, id] = value.split(":");
  const n = Number(id);
  if (kind === "revision" && n > 0) return { revisionId: n };
  if (kind === "region" && n > 0) return { regionId: n };
  return {};
}

/** One revision, or a region (all its towns' latest revisions), or everything. */
export function ScopePicker({ scope, tree, revisions }: { scope: Scope; tree: RegionNode[]; revisions: RevisionSummary[] }) {
  const value = valueOf(scope);
  const regions = flatten(tree).filter(({ node }) => node.towns > 0);
  const known = value === "" || regions.some((r) => `region:${r.node.id}` === value) || revisions.some((r) => `revision:${r.id}` === value);
  return (
    <label className="scope-picker">
      范围
      <select value={value} onChange={(e) => navigate(scopePatch(scopeOf(e.target.value)))} data-testid="scope-picker">
        <option value="">全部乡镇（各取最新版本）</option>
        {!known && <option value={value}>{value}</option>}
        {regions.length > 0 && (
          <optgroup label="地区">
            {regions.map(({ node, depth }) => (
              <option key={node.id} value={`region:${node.id}`}>
                {"　".repeat(depth)}
                {node.name}（{LEVEL_LABELS[node.level]}
                {node.level === "town" ? "" : `，${node.towns} 个乡镇`}）
              </option>
            ))}
          </optgroup>
        )}
        {revisions.length > 0 && (
          <optgroup label="清单版本">
            {revisions.map((r) => (
              <option key={r.id} value={`revision:${r.id}`}>
                {r.town} · {r.label}（{r.effectiveDate}）
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
