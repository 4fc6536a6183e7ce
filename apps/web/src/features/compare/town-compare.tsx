import { skipToken, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { DataTableView } from "../../components/data-table.tsx";
import { ExportButtons } from "../../components/export-buttons.tsx";
import { ListBadge } from "../../components/list-badge.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { type ExportContext, ExportContextValue } from "../../export/context.ts";
import { formatCount } from "../../format.ts";
import { flattenRegions, listLabel, revisionName, sourceLabel } from "../../scope-info.ts";
import { trpc } from "../../trpc.ts";
import { idParam, navigate } from "../../url-state.ts";
import { PRESENCE_LABELS, type TownComparison, townSpecificRows, townSpecificTable, townSummaryTable } from "./towns.ts";

/** Every town of a region side by side: duties all, some or only one of them have. */
export function TownCompare({ params }: { params: URLSearchParams }) {
  const regionId = idParam(params, "within");
  const tree = useQuery(trpc.regions.tree.queryOptions());
  const revisions = useQuery(trpc.revisions.list.queryOptions({ limit: 500 }));
  const comparison = useQuery(trpc.diff.townsInRegion.queryOptions(regionId === null ? skipToken : { regionId }));
  const regions = useMemo(() => flattenRegions(tree.data ?? []).filter(({ node }) => node.level !== "town" && node.towns >= 2), [tree.data]);
  const region = regions.find((r) => r.node.id === regionId)?.node;
  const context = useMemo((): ExportContext => {
    const files = new Map((revisions.data?.items ?? []).map((r) => [r.id, r.sourceFile]));
    const ids = comparison.data?.revisionIds ?? [];
    const known = (revisions.data?.items ?? []).filter((r) => ids.includes(r.id));
    return {
      scope: region ? `${region.name}（${region.towns} 个乡镇，各取最新发布版本）` : regionId === null ? "—" : `地区 #${regionId}`,
      place: region?.name ?? "乡镇对比",
      revisions: listLabel(known.map(revisionName), "个版本"),
      files: sourceLabel(ids.flatMap((id) => files.get(id) ?? [])),
    };
  }, [region, regionId, revisions.data, comparison.data]);

  return (
    <ExportContextValue.Provider value={context}>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          地区
          <select name="within" value={regionId ?? ""} onChange={(e) => navigate({ within: e.target.value || null })}>
            <option value="">选择地区…</option>
            {regionId !== null && !region && <option value={regionId}>地区 #{regionId}</option>}
            {regions.map(({ node, depth }) => (
              <option key={node.id} value={node.id}>
                {"　".repeat(depth)}
                {node.name}（{node.towns} 个乡镇）
              </option>
            ))}
          </select>
        </label>
      </form>
      <QueryStatus query={tree} what="地区列表" />
      {tree.data && regions.length === 0 && <p className="status">还没有哪个地区导入了两个以上乡镇的清单。</p>}
      {regionId === null && regions.length > 0 && <p className="status">选择一个县（或更大的地区），比较其中各乡镇的最新版本。</p>}
      {regionId !== null && <QueryStatus query={comparison} what="乡镇对比" />}
      {comparison.data && <TownsView comparison={comparison.data} />}
    </ExportContextValue.Provider>
  );
}

function TownsView({ comparison }: { comparison: TownComparison }) {
  const specific = useMemo(() => townSpecificRows(comparison), [comparison]);
  const summary = useMemo(() => townSummaryTable(comparison), [comparison]);
  const presences = ["all", "some", "specific"] as const;
  return (
    <>
      <div className="tiles" data-testid="presence-cards">
        {presences.map((p) => (
          <div key={p} className="tile" data-presence={p}>
            <div className="tile-label">{PRESENCE_LABELS[p]}</div>
            <div className="tile-value">{formatCount(comparison.summary[p])}</div>
          </div>
        ))}
      </div>
      <h3>各乡镇</h3>
      <DataTableView table={summary} testId="town-table" />
      <h3>本镇特有事项（个性化事项）</h3>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <ExportButtons table={() => townSpecificTable(specific)} title="本镇特有事项" />
      </form>
      {specific.length === 0 ? (
        <p className="status">各乡镇没有特有事项。</p>
      ) : (
        <div className="table-scroll">
          <table className="data static" data-testid="specific-table">
            <thead>
              <tr>
                <th>乡镇</th>
                <th>清单</th>
                <th>序号</th>
                <th>事项类别</th>
                <th>事项名称</th>
              </tr>
            </thead>
            <tbody>
              {specific.map((r) => (
                <tr key={`${r.revisionId}:${r.list}:${r.seq}`}>
                  <td className="nowrap">{r.town}</td>
                  <td className="nowrap">
                    <ListBadge list={r.list} />
                  </td>
                  <td className="num">{r.seq}</td>
                  <td className="nowrap">{r.category}</td>
                  <td>{r.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
