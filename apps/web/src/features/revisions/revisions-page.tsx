import type { RouterOutputs } from "@duty/api";
import type { Scope } from "@duty/domain";
import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { STATUS_LABELS, StatusBadge } from "../../components/status-badge.tsx";
import { formatCount } from "../../format.ts";
import { pageHref } from "../../navigation.ts";
import type { RevisionSummary } from "../../scope-info.ts";
import { isAdmin, mayChangeTown, useMe } from "../../session.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { idParam, navigate, useSearchParams } from "../../url-state.ts";

type Action = "publish" | "withdraw" | "delete";
type Status = RevisionSummary["status"];

const ACTION_LABELS: Record<Action, string> = { publish: "发布", withdraw: "撤回", delete: "删除" };

/**
 * 版本: every stored revision with its status, what stands for each town, the findings of each
 * (from its original file), and — for those allowed — 发布, 撤回 and 删除 behind a confirmation
 * that says what will change.
 */
/** Revisions per page of the list. */
const REVISIONS_PAGE = 50;

export default function RevisionsPage({ scope }: { scope: Scope }) {
  const [params] = useSearchParams();
  const status = (["draft", "published", "withdrawn"] as const).find((s) => s === params.get("status")) ?? null;
  const selected = idParam(params, "rev");
  const me = useMe();
  // Newest first, a page at a time (a country holds tens of thousands): the cursors of the pages before this one.
  // The region chosen in the scope picker lists its towns' revisions only; a new filter starts on page one.
  const regionId = "regionId" in scope ? scope.regionId : undefined;
  const filter = `${status ?? ""}|${regionId ?? ""}`;
  const [paging, setPaging] = useState<{ filter: string; before: number[] }>({ filter, before: [] });
  const before = paging.filter === filter ? paging.before : [];
  const cursor = before.at(-1);
  const revisions = useQuery(
    trpc.revisions.list.queryOptions({
      limit: REVISIONS_PAGE,
      ...(regionId !== undefined ? { regionId } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
      ...(status ? { status: [status] } : {}),
    }),
  );
  const [pending, setPending] = useState<{ revision: RevisionSummary; action: Action } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <h2 className="page-title">清单版本</h2>
      <form className="filters" aria-label="筛选版本" onSubmit={(e) => e.preventDefault()}>
        <label>
          状态
          <select name="status" value={status ?? ""} onChange={(e) => navigate({ status: e.target.value || null })}>
            <option value="">全部</option>
            {(["draft", "published", "withdrawn"] as const).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <p className="status">统计只使用每个乡镇已发布的、生效日期最新的版本（标有“统计中”）；草案和已撤回的版本可以预览和对比。</p>
      </form>
      {done && (
        <p className="notice" role="status" data-testid="done">
          {done}
        </p>
      )}
      <QueryStatus query={revisions} what="版本列表" />
      {revisions.data && (
        <table className="data static" data-testid="revisions">
          <thead>
            <tr>
              <th>修订</th>
              <th>乡镇</th>
              <th>名称</th>
              <th>状态</th>
              <th>生效日期</th>
              <th>基本</th>
              <th>配合</th>
              <th>收回</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {revisions.data.items.map((r) => {
              const may = mayChangeTown(me, r.regionIds);
              // Each summary names the revision that stands for its town (the server's scope rule), wherever it is listed.
              const base = r.standingId ?? undefined;
              return (
                <tr key={r.id} data-revision={r.id} data-status={r.status} className={selected === r.id ? "selected" : undefined}>
                  <td className="num">{r.id}</td>
                  <td>{r.town}</td>
                  <td>{r.label}</td>
                  <td className="nowrap">
                    <StatusBadge status={r.status} />
                    {r.latest && <span className="status-counted"> · 统计中</span>}
                  </td>
                  <td className="nowrap">{r.effectiveDate}</td>
                  <td className="num">{formatCount(r.counts.basic)}</td>
                  <td className="num">{formatCount(r.counts.coordinated)}</td>
                  <td className="num">{formatCount(r.counts.reclaimed)}</td>
                  <td>
                    <div className="actions">
                      <button type="button" className="button" onClick={() => navigate({ rev: selected === r.id ? null : String(r.id) })}>
                        检查
                      </button>
                      <a className="button" href={pageHref("overview", {}, { revisionId: r.id })}>
                        预览
                      </a>
                      {base !== undefined && base !== r.id && (
                        <a className="button" href={pageHref("compare", { from: String(base), to: String(r.id) }, {})}>
                          对比已发布
                        </a>
                      )}
                      {may && r.status !== "published" && (
                        <button
                          type="button"
                          className="button primary"
                          data-action="publish"
                          onClick={() => setPending({ revision: r, action: "publish" })}
                        >
                          发布
                        </button>
                      )}
                      {may && r.status === "published" && (
                        <button
                          type="button"
                          className="button"
                          data-action="withdraw"
                          onClick={() => setPending({ revision: r, action: "withdraw" })}
                        >
                          撤回
                        </button>
                      )}
                      {isAdmin(me) && (
                        <button
                          type="button"
                          className="button danger"
                          data-action="delete"
                          onClick={() => setPending({ revision: r, action: "delete" })}
                        >
                          删除
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {revisions.data && (before.length > 0 || revisions.data.nextCursor !== null) && (
        <div className="pager no-print" data-testid="pager-revisions">
          <button
            type="button"
            className="button"
            disabled={before.length === 0}
            onClick={() => setPaging({ filter, before: before.slice(0, -1) })}
          >
            上一页
          </button>
          <button
            type="button"
            className="button"
            disabled={revisions.data.nextCursor === null}
            onClick={() => revisions.data.nextCursor !== null && setPaging({ filter, before: [...before, revisions.data.nextCursor] })}
          >
            下一页
          </button>
          <span className="status">
            第 {formatCount(before.length + 1)} 页，每页 {REVISIONS_PAGE} 个
          </span>
        </div>
      )}
      {selected !== null && <RevisionFindings id={selected} />}
      {pending && (
        <Confirm
          key={`${pending.revision.id}-${pending.action}`}
          revision={pending.revision}
          action={pending.action}
          onClose={(message) => {
            setPending(null);
            if (message) setDone(message);
          }}
        />
      )}
    </>
  );
}

/** The confirmation: what the change will do to the town's statistics, asked of the server, then the change. */
function Confirm({ revision, action, onClose }: { revision: RevisionSummary; action: Action; onClose: (message: string | null) => void }) {
  const impact = useQuery({ ...trpc.revisions.impact.queryOptions({ id: revision.id, action }), staleTime: 0 });
  const after = { onSuccess: () => queryClient.invalidateQueries() };
  const publish = useMutation(trpc.revisions.publish.mutationOptions(after));
  const withdraw = useMutation(trpc.revisions.withdraw.mutationOptions(after));
  const remove = useMutation(trpc.revisions.delete.mutationOptions(after));
  const mutation = action === "publish" ? publish : action === "withdraw" ? withdraw : remove;
  const verb = ACTION_LABELS[action];
  return (
    <ConfirmDialog
      title={`${verb}修订 ${revision.id}「${revision.label}」？`}
      confirmLabel={`确认${verb}`}
      busy={mutation.isPending || !impact.data}
      error={mutation.error?.message ?? impact.error?.message ?? null}
      onCancel={() => onClose(null)}
      onConfirm={() =>
        mutation.mutate(
          { id: revision.id },
          { onSuccess: () => onClose(`修订 ${revision.id}「${revision.label}」已${verb}。${impact.data?.message ?? ""}`) },
        )
      }
    >
      <p data-testid="impact">{impact.data ? impact.data.message : "正在计算这一操作的影响…"}</p>
      <p className="status">
        {revision.town} · 当前状态：{STATUS_LABELS[revision.status as Status]} · 生效日期 {revision.effectiveDate}
      </p>
    </ConfirmDialog>
  );
}

type Lint = RouterOutputs["lint"]["byRevision"];
const SEVERITY: Record<Lint["findings"][number]["severity"], string> = { error: "错误", warning: "警告", info: "提示" };

/** What `atlas lint` finds in the file a stored revision came from. */
function RevisionFindings({ id }: { id: number }) {
  const lint = useQuery(trpc.lint.byRevision.queryOptions(id ? { revisionId: id } : skipToken));
  return (
    <section className="panel upload-section" aria-label="检查结果" data-testid="revision-findings">
      <h3>修订 {id} 的检查结果</h3>
      <QueryStatus query={lint} what="检查结果" />
      {lint.data && (
        <>
          <p className="status">
            {lint.data.fromOriginal
              ? `读自导入时的原始文件「${lint.data.fileName}」，与 atlas lint 对该文件的结果相同。`
              : "此修订导入时没有保存原始文件：只检查数据库中的事项（标题错字、序号缺号、无法识别的简称等需要原文件的问题无法检查）。"}
          </p>
          {lint.data.findings.length === 0 ? (
            <p className="status">未发现问题。</p>
          ) : (
            <ol className="findings">
              {lint.data.findings.map((f, i) => (
                <li key={i} data-code={f.code}>
                  <span className={`severity severity-${f.severity}`}>{SEVERITY[f.severity]}</span> {f.at ?? `第 ${f.line} 行`}：{f.message}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
