import { type Scope, scopeText } from "@duty/domain";
import { scopeFromParams } from "../navigation.ts";
import { type RegionNode, type RevisionSummary, flattenRegions, revisionName } from "../scope-info.ts";
import { buildSearch, navigate } from "../url-state.ts";
import { STATUS_LABELS } from "./status-badge.tsx";

const LEVEL_LABELS: Record<RegionNode["level"], string> = { province: "省", prefecture: "地州市", county: "县市区", town: "乡镇" };

/** An option's value is the scope's query string (revision=3), read back by the URL's own parser. */
function optionValue(scope: Scope): string {
  return buildSearch("", scopeText(scope)).slice(1);
}

/** One revision, or a region (all its towns' latest revisions), or everything. */
export function ScopePicker({ scope, tree, revisions }: { scope: Scope; tree: RegionNode[]; revisions: RevisionSummary[] }) {
  const value = optionValue(scope);
  const regions = flattenRegions(tree).filter(({ node }) => node.towns > 0);
  const known =
    value === "" ||
    regions.some((r) => optionValue({ regionId: r.node.id }) === value) ||
    revisions.some((r) => optionValue({ revisionId: r.id }) === value);
  return (
    <label className="scope-picker">
      范围
      <select
        value={value}
        onChange={(e) => navigate(scopeText(scopeFromParams(new URLSearchParams(e.target.value))))}
        data-testid="scope-picker"
      >
        <option value="">全部乡镇（各取最新发布版本）</option>
        {!known && <option value={value}>{value}</option>}
        {regions.length > 0 && (
          <optgroup label="地区">
            {regions.map(({ node, depth }) => (
              <option key={node.id} value={optionValue({ regionId: node.id })}>
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
              <option key={r.id} value={optionValue({ revisionId: r.id })} title={r.sourceFile}>
                {revisionName(r)}
                {r.status === "published" ? "" : ` · ${STATUS_LABELS[r.status]}`}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
