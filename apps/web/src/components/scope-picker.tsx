import { type Scope, scopeText } from "@duty/domain";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { type RegionSummary, LEVEL_LABELS, regionPath } from "../scope-info.ts";
import { trpc } from "../trpc.ts";
import { navigate } from "../url-state.ts";

/**
 * The scope as a typeahead: regions are searched on the server by name or pinyin initials (mnsx →
 * 玛纳斯县), or browsed a level at a time; the region tree (tens of thousands of regions
 * nationally) is never fetched whole. The choice lives in the URL, like every other state.
 */
export function ScopePicker({ scope, label }: { scope: Scope; label: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [parent, setParent] = useState<RegionSummary | null>(null);
  const listId = useId();
  // Ask once typing pauses, not per keystroke.
  useEffect(() => {
    const handle = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(handle);
  }, [text]);
  const found = useQuery(trpc.regions.search.queryOptions(open && q ? { q, limit: 20 } : skipToken));
  const children = useQuery(trpc.regions.children.queryOptions(open && !q ? (parent ? { parentId: parent.id } : {}) : skipToken));
  const rows = (q ? found.data : children.data) ?? [];
  const pending = q ? found.isFetching : children.isFetching;

  const choose = (next: Scope) => {
    navigate(scopeText(next));
    setOpen(false);
    setText("");
    setParent(null);
  };

  return (
    <div className="scope-picker" data-testid="scope-picker">
      <label>
        范围
        <input
          type="search"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          placeholder={label}
          value={text}
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
          data-testid="scope-search"
        />
      </label>
      <span className="scope-current" data-testid="scope-current" title={label}>
        {label}
      </span>
      {open && (
        <div className="scope-menu" id={listId}>
          <div className="scope-menu-head">
            <button type="button" className="button" onClick={() => choose({})}>
              全部乡镇
            </button>
            {!q && parent && (
              <button type="button" className="button" onClick={() => setParent(null)}>
                ↑ 回到顶层
              </button>
            )}
            {!q && parent && <span className="status">{regionPath(parent)}</span>}
            <button type="button" className="button" onClick={() => setOpen(false)} aria-label="关闭">
              ×
            </button>
          </div>
          <ul role="listbox" aria-label="地区">
            {rows.map((r) => (
              <li key={r.id} role="option" aria-selected={"regionId" in scope && scope.regionId === r.id} data-region={r.id}>
                <button type="button" className="scope-option" onClick={() => choose({ regionId: r.id })}>
                  <span className="scope-option-name">{r.name}</span>
                  <span className="status">
                    {LEVEL_LABELS[r.level]}
                    {r.level === "town" ? "" : ` · ${r.towns} 个乡镇`}
                    {r.path.length > 0 ? ` · ${r.path.map((p) => p.name).join(" / ")}` : ""}
                  </span>
                </button>
                {!q && r.hasChildren && (
                  <button type="button" className="button" aria-label={`${r.name}的下一级`} onClick={() => setParent(r)}>
                    下一级 ›
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!pending && rows.length === 0 && <p className="status">{q ? `没有名称含“${q}”的地区。` : "还没有导入任何乡镇的清单。"}</p>}
          {pending && <p className="status">加载中…</p>}
        </div>
      )}
    </div>
  );
}
