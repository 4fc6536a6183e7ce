import type { RouterOutputs } from "@duty/api";
import { DEFINITIONS, DEPARTMENT_KIND_LABELS, LIST_LABELS, type Scope } from "@duty/domain";
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LIST_COLOURS, LIST_INK } from "../../charts/colours.ts";
import type { BarsSpec } from "../../charts/stacked-bars.tsx";
import { CHART_TITLES } from "../../charts/titles.ts";
import { BarsCard } from "../../components/bars-card.tsx";
import { DrawTurn } from "../../components/draw-turn.tsx";
import { DutySides } from "../../components/duty-steps.tsx";
import { PageActions } from "../../components/page-actions.tsx";
import { Pager } from "../../components/pager.tsx";
import { QueryStatus } from "../../components/query-status.tsx";
import { formatCount } from "../../format.ts";
import { goTo, pageHref } from "../../navigation.ts";
import { idParam, useSearchParams } from "../../url-state.ts";
import { dutiesHref, showDuties } from "../duties/drill.ts";
import { FIRST_PAGES, MIRROR_PAGE, departmentQuery, dutyQuery } from "./department-queries.ts";

type CategoryRow = RouterOutputs["departments"]["byId"]["categories"][number];

/**
 * Duties shown with their steps per section and page: a busy department of a large county carries
 * hundreds, and each shown duty asks for its steps; all at once froze the tab for over a second.
 */

/** The department's duties per category: coordinated it leads, reclaimed it received (the server's counts). */
const CATEGORY_BARS: BarsSpec<CategoryRow, "coordinated" | "reclaimed"> = {
  nameColumn: "事项类别",
  nameKey: "category",
  series: [
    { id: "coordinated", key: "led", label: "牵头配合事项", colour: LIST_COLOURS.coordinated, ink: LIST_INK.coordinated },
    { id: "reclaimed", key: "received", label: "承接收回事项", colour: LIST_COLOURS.reclaimed },
  ],
  stacked: true,
};

/** One county department's own page: what it carries for the towns in scope, by category, each duty with both sides' steps. */
export default function DepartmentPage({ scope }: { scope: Scope }) {
  const [params] = useSearchParams();
  const id = idParam(params, "dept");
  if (id === null) {
    return (
      <p className="status">
        未指定部门。<a href={pageHref("departments")}>返回部门列表</a>
      </p>
    );
  }
  // Another department or scope starts at the first page of each list.
  return <Department key={`${id}:${JSON.stringify(scope)}`} id={id} scope={scope} />;
}

function Department({ id, scope }: { id: number; scope: Scope }) {
  const [pages, setPages] = useState(FIRST_PAGES);
  // The server sends the page of each list shown; the previous page stays until the next arrives.
  const view = useQuery({ ...departmentQuery(id, scope, pages), placeholderData: keepPreviousData });
  // Only the duties on the pages shown ask for their steps.
  const shown = { coordinated: view.data?.led.items ?? [], reclaimed: view.data?.received.items ?? [] };
  const details = useQueries({
    queries: [...shown.coordinated, ...shown.reclaimed].map((d) => dutyQuery(d.id)),
  });
  const detailById = new Map(details.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  if (!view.data) return <QueryStatus query={view} what="部门事项" />;
  const v = view.data;
  const sections = [
    { title: `牵头的配合履职事项（${formatCount(v.led.total)} 项）`, page: v.led, list: "coordinated" as const },
    { title: `承接的收回事项（${formatCount(v.received.total)} 项）`, page: v.received, list: "reclaimed" as const },
  ];
  return (
    <>
      <p className="breadcrumb no-print">
        <a
          href={pageHref("departments")}
          onClick={(e) => {
            e.preventDefault();
            goTo("departments");
          }}
        >
          ← 全部部门
        </a>
      </p>
      <div className="page-head">
        <h2 className="page-title" data-testid="department-name">
          {v.name}
          <span className="status">
            （{v.county} · {DEPARTMENT_KIND_LABELS[v.kind]}）
          </span>
        </h2>
        <PageActions title={v.name} />
      </div>
      <div className="tiles">
        {sections.map((s) => (
          <a
            key={s.list}
            className="tile tile-link"
            style={{ borderLeftColor: LIST_COLOURS[s.list] }}
            href={dutiesHref({ list: s.list, departmentId: v.id })}
            data-list={s.list}
            onClick={(e) => {
              e.preventDefault();
              showDuties({ list: s.list, departmentId: v.id });
            }}
          >
            <div className="tile-label">{s.list === "coordinated" ? "牵头配合履职事项" : "承接收回事项"}</div>
            <div className="tile-value">
              {formatCount(s.page.total)}
              <span className="tile-unit">项</span>
            </div>
          </a>
        ))}
      </div>
      {v.categories.length > 0 && (
        <BarsCard
          id="department-categories"
          title={CHART_TITLES["department-categories"]}
          help={DEFINITIONS["department-categories"]}
          spec={CATEGORY_BARS}
          rows={v.categories}
          onSelect={(row, series) => showDuties({ departmentId: v.id, categoryId: row.categoryId, list: series })}
        />
      )}
      {/* Forty duties with both sides' steps are a heavy drawing: drawn in their turn, after the chart above. */}
      <DrawTurn name="mirror">
        <article className="panel" data-testid="mirror-view" style={{ marginTop: "1rem" }}>
          {sections.map((section) => (
            <section key={section.list}>
              <h3>
                {section.title}{" "}
                <a
                  className="button no-print"
                  href={dutiesHref({ list: section.list, departmentId: v.id })}
                  onClick={(e) => {
                    e.preventDefault();
                    showDuties({ list: section.list, departmentId: v.id });
                  }}
                >
                  在事项页查看
                </a>
              </h3>
              {section.page.total === 0 && <p className="status">无</p>}
              {shown[section.list].map((duty) => {
                const detail = detailById.get(duty.id);
                return (
                  <div key={duty.id} className="mirror-item" data-duty={duty.id}>
                    <h4>
                      {duty.town} · {LIST_LABELS[duty.list]} 第 {duty.seq} 项 · {duty.category}：{duty.name}
                      {duty.note ? `（${duty.note}）` : ""}
                    </h4>
                    {detail ? <DutySides duty={detail} /> : <p className="status">正在加载职责…</p>}
                  </div>
                );
              })}
              {section.page.total > MIRROR_PAGE && (
                <Pager
                  cursor={pages[section.list]}
                  shown={shown[section.list].length}
                  total={section.page.total}
                  next={section.page.nextCursor}
                  onPage={(cursor) => setPages((p) => ({ ...p, [section.list]: cursor }))}
                  what={`mirror-${section.list}`}
                  pageSize={MIRROR_PAGE}
                  unit="项"
                />
              )}
            </section>
          ))}
        </article>
      </DrawTurn>
    </>
  );
}
