import { skipToken, useQuery } from "@tanstack/react-query";
import type { Scope } from "@duty/domain";
import { type ComponentType, Suspense, lazy, useEffect, useMemo } from "react";
import { AccountMenu } from "./components/account-menu.tsx";
import { ErrorBoundary } from "./components/error-boundary.tsx";
import { PageExports } from "./components/page-exports.tsx";
import { PrintBar, usePrintHeader } from "./components/print-view.tsx";
import { ScopePicker } from "./components/scope-picker.tsx";
import { ExportContextValue } from "./export/context.ts";
import { goTo, pageHref, scopeFromParams } from "./navigation.ts";
import { PAGE_CODE, type Page, pageOf } from "./pages.ts";
import { prefetchPage } from "./prefetch.ts";
import { describeScope } from "./scope-info.ts";
import { type Me, canEdit, isAdmin, useMe } from "./session.ts";
import { trpc } from "./trpc.ts";
import { useSearchParams } from "./url-state.ts";

// Each page drawn from its own chunk (pages.ts), loaded when first shown.
const PAGE_VIEWS = Object.fromEntries(Object.entries(PAGE_CODE).map(([page, code]) => [page, lazy(code)])) as Record<
  Page,
  ReturnType<typeof lazy<ComponentType<{ scope: Scope }>>>
>;

/** Pages in the navigation; a department's own page sits under 部门; `shown` hides what the account could not use anyway (the server refuses it regardless). */
const PAGES: { page: Page; label: string; shown?: (me: Me | undefined) => boolean }[] = [
  { page: "overview", label: "总览" },
  { page: "departments", label: "部门" },
  { page: "duties", label: "事项" },
  { page: "compare", label: "修订对比" },
  { page: "revisions", label: "版本" },
  { page: "upload", label: "上传清单", shown: canEdit },
  { page: "admin", label: "用户与审计", shown: isAdmin },
];

export function App() {
  const [params] = useSearchParams();
  const page = pageOf(params);
  const printing = params.get("print") === "1";
  const me = useMe();
  const scope = useMemo(() => scopeFromParams(params), [params]);
  // What the scope is and which documents it reads: a few rows, whatever the scope.
  const region = useQuery(trpc.regions.byId.queryOptions("regionId" in scope ? { id: scope.regionId } : skipToken));
  const revision = useQuery(trpc.revisions.byId.queryOptions("revisionId" in scope ? { id: scope.revisionId } : skipToken));
  const sources = useQuery(trpc.regions.sources.queryOptions(scope));
  const context = useMemo(
    () => describeScope(scope, { region: region.data, revision: revision.data, sources: sources.data }),
    [scope, region.data, revision.data, sources.data],
  );
  const View = PAGE_VIEWS[page];
  const section = page === "department" ? "departments" : page;
  usePrintHeader(`${PAGES.find((p) => p.page === section)?.label ?? ""} · ${context.scope}`);

  useEffect(() => {
    document.documentElement.classList.toggle("print-view", printing);
  }, [printing]);
  // A page reached by a click starts its code and answers loading together; main.tsx does it for the first.
  const address = params.toString();
  useEffect(() => {
    prefetchPage(new URLSearchParams(address));
  }, [address]);

  return (
    <ExportContextValue.Provider value={context}>
      {printing && <PrintBar />}
      <header className="app-header">
        <h1 className="app-title">履职图谱</h1>
        <nav className="app-nav" aria-label="页面">
          {PAGES.filter((p) => !p.shown || p.shown(me)).map((p) => (
            <a
              key={p.page}
              href={pageHref(p.page)}
              aria-current={p.page === section ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                goTo(p.page);
              }}
            >
              {p.label}
            </a>
          ))}
        </nav>
        <ScopePicker scope={scope} label={context.scope} />
        <AccountMenu />
      </header>
      <main>
        <ErrorBoundary resetKey={params.toString()}>
          <PageExports>
            <Suspense fallback={<p className="status">加载中…</p>}>
              <View scope={scope} />
            </Suspense>
          </PageExports>
        </ErrorBoundary>
      </main>
    </ExportContextValue.Provider>
  );
}
