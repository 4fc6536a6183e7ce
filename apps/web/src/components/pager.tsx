import { formatCount } from "../format.ts";

/** 第 21–40 个，共 5,054 个 with previous and next: the one pager of every list shown a page at a time. */
export function Pager({
  cursor,
  shown,
  total,
  next,
  onPage,
  what,
  pageSize,
  unit = "个",
}: {
  /** Position of the first row shown (0-based). */
  cursor: number;
  shown: number;
  total: number;
  /** The next page's cursor; null on the last page. */
  next: number | null;
  onPage: (cursor: number) => void;
  /** Names the pager for tests and screen readers: pager-{what}. */
  what: string;
  pageSize: number;
  unit?: string;
}) {
  return (
    <div className="pager no-print" data-testid={`pager-${what}`}>
      <button type="button" className="button" disabled={cursor === 0} onClick={() => onPage(Math.max(0, cursor - pageSize))}>
        上一页
      </button>
      <button type="button" className="button" disabled={next === null} onClick={() => next !== null && onPage(next)}>
        下一页
      </button>
      <span className="status">
        {total === 0 ? "无" : `第 ${formatCount(cursor + 1)}–${formatCount(cursor + shown)} ${unit}，共 ${formatCount(total)} ${unit}`}
      </span>
    </div>
  );
}
