import type { Scope } from "@duty/domain";
import type { ComponentType } from "react";

export type Page = "overview" | "departments" | "department" | "duties" | "compare" | "revisions" | "upload" | "admin";

export function pageOf(params: URLSearchParams): Page {
  const page = params.get("page");
  return page === "departments" ||
    page === "department" ||
    page === "duties" ||
    page === "compare" ||
    page === "revisions" ||
    page === "upload" ||
    page === "admin"
    ? page
    : "overview";
}

/**
 * Each page's code: one chunk per page, so the overview's JS stays small enough for a cold projector
 * laptop. App draws the page from it (React.lazy); prefetch.ts starts it loading beside the page's
 * first answers. The browser loads a chunk once, whoever asks first.
 */
export const PAGE_CODE: Record<Page, () => Promise<{ default: ComponentType<{ scope: Scope }> }>> = {
  overview: () => import("./features/overview/overview-page.tsx"),
  departments: () => import("./features/departments/departments-page.tsx"),
  department: () => import("./features/department/department-page.tsx"),
  duties: () => import("./features/duties/duties-page.tsx"),
  compare: () => import("./features/compare/compare-page.tsx"),
  revisions: () => import("./features/revisions/revisions-page.tsx"),
  upload: () => import("./features/upload/upload-page.tsx"),
  admin: () => import("./features/admin/admin-page.tsx"),
};
