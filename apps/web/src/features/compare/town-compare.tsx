import { skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { DataTableView } from "../../components/data-table.tsx";
import { ExportButtons } from "../../components/export-buttons.tsx";
import { ListBadge } from "../../components/list-badge.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { type ExportContext, ExportContextValue } from "../../export/context.ts";
import { formatCount } from "../../format.ts";
import { listLabel, regionPath, revisionName, sourceLabel } from "../../scope-info.ts";
import { trpc } from "../../trpc.ts";
import { idParam, navigate } from "../../url-state.ts";
import { townsInRegionQuery } from "./compare-queries.ts";
import { PRESENCE_LABELS, type TownComparison, townSpecificRows, townSpecificTable, townSummaryTable } from "./towns.ts";

/** Every town of a region side by side: duties all, some or only one of them have. */
export function TownCompare({ params }: { params: URLSearchParams }) {
  const regionId = idParam(params, "within");
  // Regions are found on the server by name: the whole tree is never fetched.
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const handle = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(handle);
  }, [text]);
  const found = useQuery(trpc.regions.search.queryOptions(q ? { q, limit: 20 } : skipToken));
  const top = useQuery(trpc.regions.children.queryOptions(q ? skipToken : {}));
  const chosen = useQuery(trpc.regions.byId.queryOptions(regionId === null ? skipToken : { id: regionId }));
  // Names and files of the compared revisions: the region's own (a county's all fit), not the country's newest 500.
  const revisions = useQuery(trpc.revisions.list.queryOptions(regionId === null ? skipToken : { regionId, limit: 500 }));
  const comparison = useQuery(townsInRegionQuery(regionId));
  const list = q ? found : top;
  const regions = useMemo(() => (list.data ?? []).filter((r) => r.level !== "town" && r.towns >= 2), [list.data]);
  const region = chosen.data;
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
          <input
            type="search"
            value={text}
            placeholder="输入县、市或省的名称"
            onChange={(e) => setText(e.target.value)}
            data-testid="town-compare-search"
          />
        </label>
        {region && (
          <span className="status">
            已选：{regionPath(region)}（{region.towns} 个乡镇）
          </span>
        )}
        <ul className="region-options">
          {regions.map((r) => (
            <li key={r.id}>
              <button type="button" className="link" aria-pressed={r.id === regionId} onClick={() => navigate({ within: String(r.id) })}>
                {regionPath(r)}（{r.towns} 个乡镇）
              </button>
            </li>
          ))}
        </ul>
      </form>
      <QueryStatus query={list} what="地区列表" />
      {list.data && regions.length === 0 && (
        <p className="status">{q ? `没有名称含“${q}”、导入了两个以上乡镇清单的地区。` : "还没有哪个地区导入了两个以上乡镇的清单。"}</p>
      )}
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
