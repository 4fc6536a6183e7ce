import { type Scope, scopeText } from "@duty/domain";
import { skipToken, useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { type RegionSummary, LEVEL_LABELS, regionPath } from "../scope-info.ts";
import { trpc } from "../trpc.ts";
import { navigate } from "../url-state.ts";

/**
 * The scope as a typeahead: regions are searched on the server by name or pinyin initials (mnsx →
 * 玛纳斯县), or browsed a level at a time; the region tree (tens of thousands of regions
 * nationally) is never fetched whole. The choice lives in the URL, like every other state.
 *
 * WAI-ARIA combobox with a listbox popup: focus stays in the input, ↑/↓ move the active option
 * (aria-activedescendant, aria-selected), Enter chooses it, → opens its next level and ← goes back
 * to the top while browsing, Escape closes. The pointer chooses an option by clicking it, or opens
 * its next level with the 下一级 mark inside it.
 */
export function ScopePicker({ scope, label }: { scope: Scope; label: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [parent, setParent] = useState<RegionSummary | null>(null);
  // The option ↑/↓ reached, by region id: it stays the same region while the rows refresh, and is none once they no longer hold it.
  const [active, setActive] = useState<number | null>(null);
  const listId = useId();
  const keysId = useId();
  // Ask once typing pauses, not per keystroke.
  useEffect(() => {
    const handle = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(handle);
  }, [text]);
  const found = useQuery(trpc.regions.search.queryOptions(open && q ? { q, limit: 20 } : skipToken));
  const children = useQuery(trpc.regions.children.queryOptions(open && !q ? (parent ? { parentId: parent.id } : {}) : skipToken));
  const rows = (q ? found.data : children.data) ?? [];
  const pending = q ? found.isFetching : children.isFetching;
  const activeIndex = rows.findIndex((r) => r.id === active);
  const current = open && activeIndex >= 0 ? rows[activeIndex] : undefined;
  const optionId = (regionId: number) => `${listId}-${regionId}`;

  useEffect(() => {
    if (active !== null) document.getElementById(`${listId}-${active}`)?.scrollIntoView?.({ block: "nearest" });
  }, [active, listId]);

  const choose = (next: Scope) => {
    navigate(scopeText(next));
    setOpen(false);
    setText("");
    setParent(null);
    setActive(null);
  };
  const browse = (next: RegionSummary | null) => {
    setParent(next);
    setActive(null);
  };
  const move = (step: 1 | -1) => {
    if (rows.length === 0) return;
    const next = activeIndex < 0 ? (step === 1 ? 0 : rows.length - 1) : (activeIndex + step + rows.length) % rows.length;
    setActive(rows[next]!.id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (open) move(e.key === "ArrowDown" ? 1 : -1);
      else setOpen(true);
    } else if (e.key === "Enter" && current) {
      e.preventDefault();
      choose({ regionId: current.id });
    } else if (e.key === "ArrowRight" && current && !q && current.hasChildren) {
      e.preventDefault();
      browse(current);
    } else if (e.key === "ArrowLeft" && current && !q && parent) {
      e.preventDefault();
      browse(null);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
      setActive(null);
    }
  };

  return (
    <div className="scope-picker" data-testid="scope-picker">
      <label>
        范围
        <input
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={current ? optionId(current.id) : undefined}
          aria-describedby={open ? keysId : undefined}
          placeholder={label}
          value={text}
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(null);
          }}
          onKeyDown={onKeyDown}
          data-testid="scope-search"
        />
      </label>
      <span className="scope-current" data-testid="scope-current" title={label}>
        {label}
      </span>
      {open && (
        <div className="scope-menu">
          <div className="scope-menu-head">
            <button type="button" className="button" onClick={() => choose({})}>
              全部乡镇
            </button>
            {!q && parent && (
              <button type="button" className="button" onClick={() => browse(null)}>
                ↑ 回到顶层
              </button>
            )}
            {!q && parent && <span className="status">{regionPath(parent)}</span>}
            <button type="button" className="button" onClick={() => setOpen(false)} aria-label="关闭">
              ×
            </button>
          </div>
          <p className="status scope-keys" id={keysId}>
            ↑↓ 选择，回车确定{q ? "" : "，→ 下一级，← 回到顶层"}，Esc 关闭
          </p>
          <div className="scope-list" role="listbox" id={listId} aria-label="地区">
            {rows.map((r) => {
              const isActive = r.id === active;
              const isCurrent = "regionId" in scope && scope.regionId === r.id;
              return (
                <div
                  key={r.id}
                  id={optionId(r.id)}
                  role="option"
                  aria-selected={isActive}
                  // Focus stays in the input (aria-activedescendant); -1 only makes the option focusable at all, as its role asks.
                  tabIndex={-1}
                  className={`scope-option${isActive ? " active" : ""}`}
                  data-region={r.id}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={(e) => {
                    if (e.target instanceof Element && e.target.closest("[data-drill]")) browse(r);
                    else choose({ regionId: r.id });
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") choose({ regionId: r.id });
                  }}
                >
                  <span className="scope-option-text">
                    <span className="scope-option-name">{r.name}</span>
                    <span className="status">
                      {LEVEL_LABELS[r.level]}
                      {r.level === "town" ? "" : ` · ${r.towns} 个乡镇`}
                      {r.path.length > 0 ? ` · ${r.path.map((p) => p.name).join(" / ")}` : ""}
                      {isCurrent ? " · 当前范围" : ""}
                    </span>
                  </span>
                  {!q && r.hasChildren && (
                    <span className="button scope-drill" data-drill>
                      下一级 ›
                    </span>
                  )}
                </div>
              );
            })}
          </div>
          {!pending && rows.length === 0 && <p className="status">{q ? `没有名称含“${q}”的地区。` : "还没有导入任何乡镇的清单。"}</p>}
          {pending && <p className="status">加载中…</p>}
        </div>
      )}
    </div>
  );
}
