import { CHANGE_KIND_LABELS, LIST_KINDS, LIST_LABELS, type ListKind } from "@duty/domain";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { CategoryDeltaChart, categoryDeltaLegend, categoryDeltaTable } from "../charts/category-delta-chart.tsx";
import { ChartCard } from "../charts/chart-card.tsx";
import { LIST_COLOURS } from "../charts/colours.ts";
import { type ExportContext, ExportContextValue, useExportContext } from "../charts/export-context.ts";
import { categoryDeltaRows } from "../charts/series.ts";
import { charDiff, type DiffSegment } from "../compare/char-diff.ts";
import {
  categoryOptions,
  changeFilterFromParams,
  changeFilterParams,
  changeNotes,
  changesTable,
  type ChangeFilter,
  type DutyChange,
  filterChanges,
  kindCards,
  type RevisionDiff,
} from "../compare/changes.ts";
import { DiffText } from "../compare/diff-text.tsx";
import { PRESENCE_LABELS, type TownComparison, townSpecificRows, townSpecificTable, townSummaryTable } from "../compare/towns.ts";
import { QueryStatus } from "../components/query-status.tsx";
import { downloadCsv } from "../export/csv.ts";
import { type DataTable, safeFilename } from "../export/table.ts";
import { downloadXlsx } from "../export/xlsx.ts";
import { formatCount } from "../format.ts";
import { type RegionNode, type RevisionSummary, latestRevisionIds, sourceLabel } from "../scope-info.ts";
import { trpc } from "../trpc.ts";
import { hrefFor, navigate, useSearchParams } from "../url-state.ts";

type View = "revisions" | "towns";

function positiveInt(value: string | null): number | null {
  return value !== null && /^[1-9]\d{0,15}$/u.test(value) ? Number(value) : null;
}

/** Two revisions (of one town, or two towns' latest) duty by duty, or every town of a region side by side. */
export default function ComparePage() {
  const [params] = useSearchParams();
  const view: View = params.get("view") === "towns" ? "towns" : "revisions";
  const tabs: [View, string][] = [
    ["revisions", "两个版本"],
    ["towns", "地区内各乡镇"],
  ];
  return (
    <>
      <h2 className="page-title">修订对比</h2>
      <nav className="tabs" aria-label="对比方式">
        {tabs.map(([value, label]) => (
          <a
            key={value}
            href={hrefFor({ view: value === "revisions" ? null : value })}
            aria-current={value === view ? "page" : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: value === "revisions" ? null : value });
            }}
          >
            {label}
          </a>
        ))}
      </nav>
      {view === "revisions" ? <RevisionCompare params={params} /> : <TownCompare params={params} />}
    </>
  );
}

// ---------------------------------------------------------------- two revisions

function RevisionCompare({ params }: { params: URLSearchParams }) {
  const from = positiveInt(params.get("from"));
  const to = positiveInt(params.get("to"));
  const filter = useMemo(() => changeFilterFromParams(params), [params]);
  const revisions = useQuery(trpc.revisions.list.queryOptions({ limit: 500 }));
  const tree = useQuery(trpc.regions.tree.queryOptions());
  const diff = useQuery(trpc.diff.compare.queryOptions(from !== null && to !== null ? { from, to } : skipToken));

  const byId = useMemo(() => new Map((revisions.data?.items ?? []).map((r) => [r.id, r])), [revisions.data]);
  const latest = useMemo(() => new Set(latestRevisionIds(tree.data ?? [])), [tree.data]);
  const fromRevision = from === null ? undefined : byId.get(from);
  const toRevision = to === null ? undefined : byId.get(to);
  const context = useMemo(() => pairContext(from, to, fromRevision, toRevision), [from, to, fromRevision, toRevision]);

  return (
    <ExportContextValue.Provider value={context}>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="选择要比较的版本">
        <RevisionSelect name="from" label="修订前（或甲乡镇）" value={from} revisions={revisions.data?.items ?? []} latest={latest} />
        <button
          type="button"
          className="button"
          disabled={from === null && to === null}
          onClick={() => navigate({ from: to === null ? null : String(to), to: from === null ? null : String(from) })}
        >
          ⇄ 交换
        </button>
        <RevisionSelect name="to" label="修订后（或乙乡镇）" value={to} revisions={revisions.data?.items ?? []} latest={latest} />
      </form>
      <QueryStatus query={revisions} what="版本列表" />
      {(from === null || to === null) && <p className="status">选择两个版本：同一乡镇的两次修订，或两个乡镇各自的最新版本（标有“最新”）。</p>}
      {from !== null && to !== null && <QueryStatus query={diff} what="修订对比" />}
      {diff.data && <DiffView diff={diff.data} filter={filter} labels={sideLabels(diff.data)} />}
    </ExportContextValue.Provider>
  );
}

/** What exported charts and tables name: both revisions and their files. */
function pairContext(from: number | null, to: number | null, a: RevisionSummary | undefined, b: RevisionSummary | undefined): ExportContext {
  const name = (id: number | null, r: RevisionSummary | undefined) => (r ? `${r.town} · ${r.label}（${r.effectiveDate}）` : id === null ? "—" : `版本 #${id}`);
  return { scope: `${name(from, a)} → ${name(to, b)}`, source: [a?.sourceFile, b?.sourceFile].filter(Boolean).join(" → ") };
}

/** Series names: 修订前 / 修订后 within one town, the two towns' names between towns. */
function sideLabels(diff: RevisionDiff): [string, string] {
  return diff.sameTown ? ["修订前", "修订后"] : [diff.before.town, diff.after.town];
}

/** Revisions grouped by town, newest import first; each town's latest revision is marked, for comparing towns. */
function RevisionSelect({
  name,
  label,
  value,
  revisions,
  latest,
}: {
  name: "from" | "to";
  label: string;
  value: number | null;
  revisions: RevisionSummary[];
  latest: ReadonlySet<number>;
}) {
  const towns = useMemo(() => {
    const groups = new Map<number, { town: string; items: RevisionSummary[] }>();
    for (const r of revisions) {
      const group = groups.get(r.townId) ?? { town: r.town, items: [] };
      group.items.push(r);
      groups.set(r.townId, group);
    }
    return [...groups.values()].sort((a, b) => a.town.localeCompare(b.town, "zh-CN"));
  }, [revisions]);
  const known = value === null || revisions.some((r) => r.id === value);
  return (
    <label>
      {label}
      <select name={name} value={value ?? ""} onChange={(e) => navigate({ [name]: e.target.value || null })}>
        <option value="">选择版本…</option>
        {!known && <option value={value}>版本 #{value}</option>}
        {towns.map((t) => (
          <optgroup key={t.town} label={t.town}>
            {t.items.map((r) => (
              <option key={r.id} value={r.id}>
                {r.town} · {r.label}（{r.effectiveDate}）{latest.has(r.id) ? " · 最新" : ""}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

function DiffView({ diff, filter, labels }: { diff: RevisionDiff; filter: ChangeFilter; labels: [string, string] }) {
  const [beforeLabel, afterLabel] = labels;
  const cards = useMemo(() => kindCards(diff), [diff]);
  const rows = useMemo(() => categoryDeltaRows(diff.summary.categories), [diff]);
  const shown = useMemo(() => filterChanges(diff.changes, filter), [diff, filter]);
  const setFilter = (patch: Partial<ChangeFilter>) => navigate(changeFilterParams({ ...filter, ...patch }));

  return (
    <>
      <div className="tiles kind-tiles" data-testid="kind-cards">
        {cards.map((card) => {
          const selected = filter.kind === card.kind;
          return (
            <button
              key={card.kind}
              type="button"
              className={`tile kind-${card.kind}`}
              data-kind={card.kind}
              aria-pressed={selected}
              onClick={() => setFilter({ kind: selected ? "changed" : card.kind })}
            >
              <div className="tile-label">{card.label}</div>
              <div className="tile-value">{formatCount(card.count)}</div>
            </button>
          );
        })}
      </div>
      <p className="status" data-testid="list-deltas">
        {LIST_KINDS.map((list) => {
          const d = diff.summary.lists[list];
          return `${LIST_LABELS[list]} ${d.before} → ${d.after}（${d.delta > 0 ? "+" : ""}${d.delta}）`;
        }).join("　")}
      </p>
      <ChartCard
        id="category-delta"
        title="各类别事项数：对比前后"
        legend={categoryDeltaLegend(beforeLabel, afterLabel)}
        table={categoryDeltaTable(rows, beforeLabel, afterLabel)}
      >
        <CategoryDeltaChart rows={rows} beforeLabel={beforeLabel} afterLabel={afterLabel} onSelect={(category) => setFilter({ category })} />
      </ChartCard>
      <section aria-label="逐项变化" style={{ marginTop: "1rem" }}>
        <ChangeFilters diff={diff} filter={filter} shown={shown} setFilter={setFilter} />
        <p className="status" data-testid="change-count">
          显示 {formatCount(shown.length)} 项（共 {formatCount(diff.changes.length)} 项）
        </p>
        <ChangeTable changes={shown} />
      </section>
    </>
  );
}

function ChangeFilters({
  diff,
  filter,
  shown,
  setFilter,
}: {
  diff: RevisionDiff;
  filter: ChangeFilter;
  shown: DutyChange[];
  setFilter: (patch: Partial<ChangeFilter>) => void;
}) {
  const categories = useMemo(() => categoryOptions(diff), [diff]);
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        变化类型
        <select name="kind" value={filter.kind} onChange={(e) => setFilter({ kind: e.target.value as ChangeFilter["kind"] })}>
          <option value="changed">全部变化（不含未变）</option>
          <option value="all">全部事项（含未变）</option>
          {kindCards(diff).map((c) => (
            <option key={c.kind} value={c.kind}>
              {c.label}（{c.count}）
            </option>
          ))}
        </select>
      </label>
      <label>
        清单
        <select name="list" value={filter.list ?? ""} onChange={(e) => setFilter({ list: (e.target.value || null) as ListKind | null })}>
          <option value="">全部清单</option>
          {LIST_KINDS.map((list) => (
            <option key={list} value={list}>
              {LIST_LABELS[list]}
            </option>
          ))}
        </select>
      </label>
      <label>
        事项类别
        <select name="category" value={filter.category ?? ""} onChange={(e) => setFilter({ category: e.target.value || null })}>
          <option value="">全部类别</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={() => setFilter({ kind: "changed", list: null, category: null })}>
        清除筛选
      </button>
      <ExportButtons table={() => changesTable(shown)} title="修订对比" detail={describeFilter(filter)} />
    </form>
  );
}

function describeFilter(filter: ChangeFilter): string {
  const parts: string[] = [];
  if (filter.kind !== "changed") parts.push(filter.kind === "all" ? "全部事项" : CHANGE_KIND_LABELS[filter.kind]);
  if (filter.list) parts.push(LIST_LABELS[filter.list]);
  if (filter.category) parts.push(filter.category);
  return parts.join("-");
}

/** CSV and XLSX of a table the page shows, named after the page's export context and filters. */
function ExportButtons({ table, title, detail = "" }: { table: () => DataTable; title: string; detail?: string }) {
  const context = useExportContext();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(format: "csv" | "xlsx") {
    setBusy(true);
    setError(null);
    try {
      const filename = safeFilename(title, context.scope, detail);
      if (format === "csv") downloadCsv(table(), filename);
      else await downloadXlsx(table(), title, filename);
    } catch (e) {
      setError(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" className="button" data-export="csv" disabled={busy} onClick={() => void run("csv")}>
        导出 CSV
      </button>
      <button type="button" className="button" data-export="xlsx" disabled={busy} onClick={() => void run("xlsx")}>
        导出 XLSX
      </button>
      {error && (
        <span className="status error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

function ChangeTable({ changes }: { changes: DutyChange[] }) {
  if (changes.length === 0) return <p className="status">没有符合条件的变化。</p>;
  return (
    <table className="data static diff-table" data-testid="change-table">
      <thead>
        <tr>
          <th>变化</th>
          <th>对比前</th>
          <th>对比后</th>
          <th>说明</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change, i) => (
          <ChangeRow key={i} change={change} />
        ))}
      </tbody>
    </table>
  );
}

const where = (side: DutyChange["before"]) => (side ? `${side.list} ${side.seq}` : "");

function ChangeRow({ change }: { change: DutyChange }) {
  const { before, after } = change;
  const names = useMemo(() => (before && after ? charDiff(before.name, after.name) : null), [before, after]);
  const categories = useMemo(() => (before && after ? charDiff(before.category, after.category) : null), [before, after]);
  const notes = changeNotes(change);
  return (
    <tr data-before={where(before)} data-after={where(after)} data-kinds={change.kinds.join(" ")}>
      <td className="nowrap">
        {change.kinds.map((k) => (
          <span key={k} className={`kind-badge kind-${k}`}>
            {CHANGE_KIND_LABELS[k]}
          </span>
        ))}
      </td>
      <SideCell side={before} name={names?.before} category={categories?.before} which="before" />
      <SideCell side={after} name={names?.after} category={categories?.after} which="after" />
      <td className="diff-notes">
        {notes.map((n) => (
          <div key={n}>{n}</div>
        ))}
      </td>
    </tr>
  );
}

function SideCell({
  side,
  name,
  category,
  which,
}: {
  side: DutyChange["before"];
  name: DiffSegment[] | undefined;
  category: DiffSegment[] | undefined;
  which: "before" | "after";
}) {
  if (!side) return <td className={`diff-side ${which} empty`}>—</td>;
  const plain = (text: string): DiffSegment[] => [{ text, changed: false }];
  return (
    <td className={`diff-side ${which}`}>
      <div className="diff-meta">
        <span className="list-badge" style={{ background: LIST_COLOURS[side.list] }}>
          {LIST_LABELS[side.list].replace("事项", "")}
        </span>{" "}
        第 {side.seq} 项 · <DiffText segments={category ?? plain(side.category)} side={which} />
      </div>
      <div className="diff-name">
        <DiffText segments={name ?? plain(side.name)} side={which} />
      </div>
      {side.departments.length > 0 && <div className="diff-departments">{side.departments.join("、")}</div>}
    </td>
  );
}

// ---------------------------------------------------------------- towns of a region

function flattenRegions(nodes: readonly RegionNode[], depth = 0): { node: RegionNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenRegions(node.children, depth + 1)]);
}

function TownCompare({ params }: { params: URLSearchParams }) {
  const regionId = positiveInt(params.get("within"));
  const tree = useQuery(trpc.regions.tree.queryOptions());
  const revisions = useQuery(trpc.revisions.list.queryOptions({ limit: 500 }));
  const comparison = useQuery(trpc.diff.townsInRegion.queryOptions(regionId === null ? skipToken : { regionId }));
  const regions = useMemo(() => flattenRegions(tree.data ?? []).filter(({ node }) => node.level !== "town" && node.towns >= 2), [tree.data]);
  const region = regions.find((r) => r.node.id === regionId)?.node;
  const context = useMemo((): ExportContext => {
    const files = new Map((revisions.data?.items ?? []).map((r) => [r.id, r.sourceFile]));
    const ids = comparison.data?.revisionIds ?? [];
    return {
      scope: region ? `${region.name}（${region.towns} 个乡镇，各取最新版本）` : regionId === null ? "—" : `地区 #${regionId}`,
      source: sourceLabel(ids.flatMap((id) => files.get(id) ?? [])),
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
      <PlainTable table={summary} testId="town-table" />
      <h3>本镇特有事项（个性化事项）</h3>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <ExportButtons table={() => townSpecificTable(specific)} title="本镇特有事项" />
      </form>
      {specific.length === 0 ? (
        <p className="status">各乡镇没有特有事项。</p>
      ) : (
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
                  <span className="list-badge" style={{ background: LIST_COLOURS[r.list] }}>
                    {LIST_LABELS[r.list].replace("事项", "")}
                  </span>
                </td>
                <td className="num">{r.seq}</td>
                <td className="nowrap">{r.category}</td>
                <td>{r.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function PlainTable({ table, testId }: { table: DataTable; testId: string }) {
  return (
    <table className="data static" data-testid={testId}>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j} className={typeof cell === "number" ? "num" : undefined}>
                {typeof cell === "number" ? formatCount(cell) : cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
