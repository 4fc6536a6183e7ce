import { CHANGE_KIND_LABELS, DEFINITIONS, LIST_KINDS, LIST_LABELS, type ListKind, type Scope, changeNotes } from "@duty/domain";
import { CHART_TITLES } from "../../charts/titles.ts";
import { PageActions } from "../../components/page-actions.tsx";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { BarsCard } from "../../components/bars-card.tsx";
import { revisionDiffQuery } from "./compare-queries.ts";
import { ExportButtons } from "../../components/export-buttons.tsx";
import { ListBadge } from "../../components/list-badge.tsx";
import { STATUS_LABELS } from "../../components/status-badge.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { type ExportContext, ExportContextValue } from "../../export/context.ts";
import { formatCount } from "../../format.ts";
import { type RevisionSummary, revisionName } from "../../scope-info.ts";
import { trpc } from "../../trpc.ts";
import { idParam, navigate, useSearchParams } from "../../url-state.ts";
import { DrawTurn } from "../../components/draw-turn.tsx";
import { Pager } from "../../components/pager.tsx";
import {
  type ChangeFilter,
  type DutyChange,
  type RevisionDiff,
  categoryDeltaBars,
  categoryOptions,
  changeFilterFromParams,
  changeFilterParams,
  changesTable,
  filterChanges,
  kindCards,
} from "./changes.ts";
import { type DiffSegment, charDiff } from "./char-diff.ts";
import { DiffText } from "./diff-text.tsx";

/** Revisions offered in each picker. */
const REVISION_CHOICES = 200;

/** Two revisions duty by duty: of one town (a revision), or two towns' latest (how towns differ). */
export function RevisionCompare({ params, scope }: { params: URLSearchParams; scope: Scope }) {
  const from = idParam(params, "from");
  const to = idParam(params, "to");
  const filter = useMemo(() => changeFilterFromParams(params), [params]);
  // The region chosen in the scope picker narrows the choice: a county's revisions all fit, the country's newest 500 do not.
  const revisions = useQuery(
    trpc.revisions.list.queryOptions({ limit: REVISION_CHOICES, ...("regionId" in scope ? { regionId: scope.regionId } : {}) }),
  );
  const diff = useQuery(revisionDiffQuery(from, to));

  const byId = useMemo(() => new Map((revisions.data?.items ?? []).map((r) => [r.id, r])), [revisions.data]);
  const latest = useMemo(() => new Set((revisions.data?.items ?? []).filter((r) => r.latest).map((r) => r.id)), [revisions.data]);
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
      {revisions.data?.nextCursor != null && (
        <p className="status" data-testid="revision-choices-capped">
          只列出了最近导入的 {REVISION_CHOICES} 个版本：在页首的范围中选择县或乡镇，可列出该范围内的全部版本。
        </p>
      )}
      {(from === null || to === null) && (
        <p className="status">
          选择两个版本：同一乡镇的两次修订，或两个乡镇各自的最新发布版本（标有“最新”）；草案和已撤回的版本也可以比较。
        </p>
      )}
      {from !== null && to !== null && <QueryStatus query={diff} what="修订对比" />}
      {diff.data && fromRevision && toRevision && (
        <PageActions
          title="修订对比"
          report={() =>
            // The report module (and docx in it) loads on the first click, never with the page.
            import("../report/compare-export.tsx").then((m) =>
              m.exportCompareReport(diff.data, fromRevision, toRevision, sideLabels(diff.data)),
            )
          }
        />
      )}
      {diff.data && <DiffView diff={diff.data} filter={filter} labels={sideLabels(diff.data)} />}
    </ExportContextValue.Provider>
  );
}

/** What exported charts and tables name: both revisions and their files. */
function pairContext(
  from: number | null,
  to: number | null,
  a: RevisionSummary | undefined,
  b: RevisionSummary | undefined,
): ExportContext {
  const name = (id: number | null, r: RevisionSummary | undefined) => (r ? revisionName(r) : id === null ? "—" : `版本 #${id}`);
  const place = a && b ? (a.townId === b.townId ? a.town : `${a.town}与${b.town}`) : "修订对比";
  const pair = `${name(from, a)} → ${name(to, b)}`;
  return { scope: pair, place, revisions: pair, files: [a?.sourceFile, b?.sourceFile].filter(Boolean).join(" → ") };
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
                {revisionName(r)}
                {latest.has(r.id) ? " · 最新" : ""}
                {r.status === "published" ? "" : ` · ${STATUS_LABELS[r.status]}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

/** The item-by-item change list of two revisions (also what 上传清单 shows for a file against the published version). */
export function DiffView({ diff, filter, labels }: { diff: RevisionDiff; filter: ChangeFilter; labels: [string, string] }) {
  const [beforeLabel, afterLabel] = labels;
  const cards = useMemo(() => kindCards(diff), [diff]);
  const bars = useMemo(() => categoryDeltaBars(beforeLabel, afterLabel), [beforeLabel, afterLabel]);
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
      <BarsCard
        id="category-delta"
        title={CHART_TITLES["category-delta"]}
        help={DEFINITIONS["category-delta"]}
        spec={bars}
        rows={diff.summary.categories}
        onSelect={(row) => setFilter({ category: row.category })}
      />
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
    <search>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
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
    </search>
  );
}

function describeFilter(filter: ChangeFilter): string {
  const parts: string[] = [];
  if (filter.kind !== "changed") parts.push(filter.kind === "all" ? "全部事项" : CHANGE_KIND_LABELS[filter.kind]);
  if (filter.list) parts.push(LIST_LABELS[filter.list]);
  if (filter.category) parts.push(filter.category);
  return parts.join("-");
}

/** Changes per page: two towns' whole lists differ in ~600 duties, ~12,000 DOM nodes and a 0.8 s task drawn at once. */
const CHANGES_PAGE = 50;

function ChangeTable({ changes }: { changes: DutyChange[] }) {
  const [params] = useSearchParams();
  // Printed, the comparison shows every change: paper has no next page button.
  const printing = params.get("print") === "1";
  const [page, setPage] = useState({ of: changes, cursor: 0 });
  // Other changes (another pair, another filter) start at their first page.
  const cursor = page.of === changes ? page.cursor : 0;
  const rows = printing ? changes : changes.slice(cursor, cursor + CHANGES_PAGE);
  if (changes.length === 0) return <p className="status">没有符合条件的变化。</p>;
  return (
    <>
      {/* Drawn in its turn, after the chart above it. */}
      <DrawTurn>
        <ChangeRows changes={rows} />
      </DrawTurn>
      {!printing && changes.length > CHANGES_PAGE && (
        <Pager
          cursor={cursor}
          shown={rows.length}
          total={changes.length}
          next={cursor + CHANGES_PAGE < changes.length ? cursor + CHANGES_PAGE : null}
          onPage={(next) => setPage({ of: changes, cursor: next })}
          what="changes"
          pageSize={CHANGES_PAGE}
          unit="项"
        />
      )}
    </>
  );
}

function ChangeRows({ changes }: { changes: DutyChange[] }) {
  return (
    <div className="table-scroll">
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
          {changes.map((change) => (
            <ChangeRow key={`${where(change.before)}|${where(change.after)}`} change={change} />
          ))}
        </tbody>
      </table>
    </div>
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
        <ListBadge list={side.list} /> 第 {side.seq} 项 · <DiffText segments={category ?? plain(side.category)} side={which} />
      </div>
      <div className="diff-name">
        <DiffText segments={name ?? plain(side.name)} side={which} />
      </div>
      {side.departments.length > 0 && <div className="diff-departments">{side.departments.join("、")}</div>}
    </td>
  );
}
