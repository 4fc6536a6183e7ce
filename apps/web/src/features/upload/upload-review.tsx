import type { RouterOutputs } from "@duty/api";
import { LIST_KINDS, LIST_LABELS } from "@duty/domain";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { notesText } from "../../components/duty-steps.tsx";
import { ListBadge } from "../../components/list-badge.tsx";
import { StatusBadge } from "../../components/status-badge.tsx";
import { ExportContextValue } from "../../export/context.ts";
import { formatCount } from "../../format.ts";
import { pageHref } from "../../navigation.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { useSearchParams } from "../../url-state.ts";
import { changeFilterFromParams } from "../compare/changes.ts";
import { DiffView } from "../compare/revision-compare.tsx";
import { fileToBase64 } from "./read-file.ts";

type Check = RouterOutputs["revisions"]["check"];
type Checked = Extract<Check, { ok: true }>;
type Finding = Checked["findings"][number];

const SEVERITY: Record<Finding["severity"], string> = { error: "错误", warning: "警告", info: "提示" };

/**
 * One uploaded file: read, linted and compared on the server without storing anything, then kept
 * as a draft when the user chooses 保存为草案. The bytes stay in this page until then.
 */
export function UploadReview({ file, maxBytes }: { file: File; maxBytes: number }) {
  const [content, setContent] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const check = useMutation(trpc.revisions.check.mutationOptions());
  const { mutate } = check;
  /** The 省/市/县/镇 the user corrected the place to; undefined while the document's own place stands. */
  const [town, setTown] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (file.size > maxBytes) {
      setReadError(`${file.name}: 文件过大（${file.size} 字节，上限 ${maxBytes} 字节）`);
      return;
    }
    let live = true;
    fileToBase64(file).then(
      (base64) => {
        if (!live) return;
        setContent(base64);
        mutate({ fileName: file.name, contentBase64: base64 });
      },
      (err: Error) => live && setReadError(err.message),
    );
    return () => {
      live = false;
    };
  }, [file, maxBytes, mutate]);

  const recheck = (corrected: string) => {
    if (!content) return;
    setTown(corrected);
    mutate({ fileName: file.name, contentBase64: content, town: corrected });
  };
  const result = check.data;
  return (
    <ExportContextValue.Provider
      value={{ scope: file.name, place: file.name.replace(/\.[^.]*$/u, ""), revisions: "未保存的上传文件", files: file.name }}
    >
      <section className="upload-card" data-testid="upload-card" data-file={file.name} aria-label={file.name}>
        <h3>{file.name}</h3>
        {readError && (
          <p className="status error" role="alert">
            {readError}
          </p>
        )}
        {!readError && check.isPending && <p className="status">正在读取和检查…</p>}
        {check.isError && (
          <p className="status error" role="alert" data-testid="upload-error">
            {check.error.message}
          </p>
        )}
        {result && !result.ok && (
          <p className="status error" role="alert" data-testid="upload-error">
            {result.message}
          </p>
        )}
        {result?.ok && content && <CheckedFile key={result.townSpec} result={result} content={content} town={town} onRecheck={recheck} />}
      </section>
    </ExportContextValue.Provider>
  );
}

function CheckedFile({
  result,
  content,
  town: corrected,
  onRecheck,
}: {
  result: Checked;
  content: string;
  town: string | undefined;
  onRecheck: (town: string) => void;
}) {
  const [town, setTown] = useState(result.townSpec);
  const [flash, setFlash] = useState<number | null>(null);
  const rows = useRef<HTMLDivElement>(null);
  const [params] = useSearchParams();
  const filter = useMemo(() => changeFilterFromParams(params), [params]);
  // The columns the document adds (备注, 编号 …) get a column of their own only when it has any.
  const withNotes = result.duties.some((d) => d.notes.length > 0);

  const showLine = (line: number) => {
    setFlash(line);
    const row = rows.current?.querySelector(`tr[data-line="${line}"]`);
    row?.scrollIntoView({ block: "center", behavior: "smooth" });
  };

  return (
    <>
      <form
        className="filters"
        aria-label="所属地区"
        onSubmit={(e) => {
          e.preventDefault();
          onRecheck(town);
        }}
      >
        <label>
          识别的地区（省/市/县/镇，识别有误时可改）
          <input name="town" value={town} onChange={(e) => setTown(e.target.value)} size={36} />
        </label>
        <button type="submit" className="button" disabled={town === result.townSpec}>
          按此地区重新检查
        </button>
        <span className="status">{result.formatLabel}</span>
      </form>

      <div className="tiles" data-testid="upload-counts">
        {LIST_KINDS.map((list) => {
          const base = result.base?.counts[list];
          const delta = base === undefined ? null : result.counts[list] - base;
          return (
            <div key={list} className="tile" data-list={list}>
              <div className="tile-label">{LIST_LABELS[list]}</div>
              <div className="tile-value">{formatCount(result.counts[list])}</div>
              {delta !== null && (
                <div className="tile-label">
                  已发布 {formatCount(base!)}（{delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : "±0"}）
                </div>
              )}
            </div>
          );
        })}
      </div>

      {!result.mayChange && (
        <p className="notice refused" role="alert" data-testid="refusal">
          {result.refusal}：可以查看检查结果，但不能保存。
        </p>
      )}
      {result.existing && (
        <p className="notice" data-testid="existing">
          内容相同的修订已存在：修订 {result.existing.id}「{result.existing.label}」 <StatusBadge status={result.existing.status} />
        </p>
      )}

      <section className="upload-section" aria-label="检查发现的问题">
        <h4>发布前应处理的问题（{result.findings.length}）</h4>
        {result.findings.length === 0 ? (
          <p className="status">未发现问题。</p>
        ) : (
          <ol className="findings" data-testid="findings">
            {result.findings.map((f, i) => (
              <li key={i}>
                <button type="button" data-line={f.line} data-code={f.code} onClick={() => showLine(f.line)}>
                  <span className={`severity severity-${f.severity}`}>{SEVERITY[f.severity]}</span> {f.at ?? `第 ${f.line} 行`}：{f.message}
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="upload-section" aria-label="文件内容">
        <h4>文件内容（点上面的问题可定位到这里的行）</h4>
        <div className="document-rows" ref={rows}>
          <table className="data static" data-testid="document-rows">
            <thead>
              <tr>
                <th>位置</th>
                <th>清单</th>
                <th>序号</th>
                <th>事项类别</th>
                <th>事项名称</th>
                {withNotes && <th>其他列</th>}
              </tr>
            </thead>
            <tbody>
              {result.duties.map((d) => (
                <tr key={`${d.list}-${d.seq}-${d.line}`} data-line={d.line} className={flash === d.line ? "flash" : undefined}>
                  <td className="nowrap">{d.at}</td>
                  <td>
                    <ListBadge list={d.list} />
                  </td>
                  <td className="num">{d.seq}</td>
                  <td>{d.category}</td>
                  <td>{d.name}</td>
                  {withNotes && <td className="note-text">{notesText(d.notes)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="upload-section" aria-label="与已发布版本的变化">
        <h4>与已发布版本的变化</h4>
        {result.diff && result.base ? (
          <>
            <p className="status">
              对比：修订 {result.base.id}「{result.base.label}」（已发布，生效日期 {result.base.effectiveDate}）→ 此文件
            </p>
            <DiffView diff={result.diff} filter={filter} labels={["已发布", "此文件"]} />
          </>
        ) : (
          <p className="status">该乡镇还没有已发布的版本：保存并发布后，它将首次计入统计。</p>
        )}
      </section>

      <SaveDraft result={result} content={content} town={corrected} />
    </>
  );
}

/** `town` is sent only when the user corrected the place, so the stored document is read again exactly as checked. */
function SaveDraft({ result, content, town }: { result: Checked; content: string; town: string | undefined }) {
  const [label, setLabel] = useState(result.label);
  const [date, setDate] = useState(result.effectiveDate);
  const save = useMutation(
    trpc.revisions.import.mutationOptions({
      // Lists, the tree and every statistic may show the new revision: read them again.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );
  const dateNote = result.statedDate
    ? `文件写明：「${result.statedDate.text}」${result.statedDate.from === "title" ? "（标题中的年份，按 1 月 1 日计）" : ""}`
    : "文件没有写明日期：默认今天，请按实际填写";
  if (save.data) {
    return (
      <p className="notice" data-testid="saved">
        {save.data.created ? "已保存为草案" : "内容相同的修订已存在，未作改动"}：修订 {save.data.revisionId}「{save.data.label}」{" "}
        <StatusBadge status={save.data.status} />{" "}
        <a href={pageHref("revisions", { rev: String(save.data.revisionId) })}>到「版本」页发布</a>
      </p>
    );
  }
  return (
    <form
      className="filters upload-section"
      aria-label="保存为草案"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ fileName: result.fileName, contentBase64: content, town, label, effectiveDate: date, status: "draft" });
      }}
    >
      <label>
        名称
        <input name="label" value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} />
      </label>
      <label>
        生效日期（{dateNote}）
        <input name="effectiveDate" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <button type="submit" className="button primary" disabled={!result.mayChange || save.isPending}>
        保存为草案
      </button>
      {save.isError && (
        <span className="error" role="alert">
          {save.error.message}
        </span>
      )}
    </form>
  );
}
