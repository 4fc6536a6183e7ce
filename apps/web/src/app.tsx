import { skipToken, useQuery } from "@tanstack/react-query";
import { Suspense, lazy, useEffect, useMemo } from "react";
import { AccountMenu } from "./components/account-menu.tsx";
import { ErrorBoundary } from "./components/error-boundary.tsx";
import { PageExports } from "./components/page-exports.tsx";
import { PrintBar, usePrintHeader } from "./components/print-view.tsx";
import { ScopePicker } from "./components/scope-picker.tsx";
import { ExportContextValue } from "./export/context.ts";
import { type Page, goTo, pageHref, pageOf, scopeFromParams } from "./navigation.ts";
import { prefetchPage } from "./prefetch.ts";
import { describeScope } from "./scope-info.ts";
import { type Me, canEdit, isAdmin, useMe } from "./session.ts";
import { trpc } from "./trpc.ts";
import { useSearchParams } from "./url-state.ts";

// One chunk per page: the overview's JS must stay small enough for a cold projector laptop.
const OverviewPage = lazy(() => import("./features/overview/overview-page.tsx"));
const DepartmentsPage = lazy(() => import("./features/departments/departments-page.tsx"));
const DepartmentPage = lazy(() => import("./features/department/department-page.tsx"));
const DutiesPage = lazy(() => import("./features/duties/duties-page.tsx"));
const ComparePage = lazy(() => import("./features/compare/compare-page.tsx"));
const RevisionsPage = lazy(() => import("./features/revisions/revisions-page.tsx"));
const UploadPage = lazy(() => import("./features/upload/upload-page.tsx"));
const AdminPage = lazy(() => import("./features/admin/admin-page.tsx"));

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
              {page === "overview" && <OverviewPage scope={scope} />}
              {page === "departments" && <DepartmentsPage scope={scope} />}
              {page === "department" && <DepartmentPage scope={scope} />}
              {page === "duties" && <DutiesPage scope={scope} />}
              {page === "compare" && <ComparePage scope={scope} />}
              {page === "revisions" && <RevisionsPage scope={scope} />}
              {page === "upload" && <UploadPage />}
              {page === "admin" && <AdminPage />}
            </Suspense>
          </PageExports>
        </ErrorBoundary>
      </main>
    </ExportContextValue.Provider>
  );
}
