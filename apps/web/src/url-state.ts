import { useMemo, useSyncExternalStore } from "react";

/*
 * All view state (page, scope, filters, selection) lives in the query string, so a pasted
 * link reopens the same view. Plain search params instead of paths: the API server serves
 * index.html at "/" and needs no client-side route table.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

const getSearch = () => window.location.search;

/** A patch value of null or "" removes the parameter. */
export type SearchPatch = Record<string, string | null | undefined>;

export function buildSearch(current: string, patch: SearchPatch, reset = false): string {
  const params = new URLSearchParams(reset ? "" : current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function navigate(patch: SearchPatch, options: { replace?: boolean; reset?: boolean } = {}): void {
  const search = buildSearch(window.location.search, patch, options.reset);
  if (search === window.location.search) return;
  const url = `${window.location.pathname}${search}`;
  if (options.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  for (const listener of listeners) listener();
}

export function useSearchParams(): [URLSearchParams, typeof navigate] {
  const search = useSyncExternalStore(subscribe, getSearch, getSearch);
  const params = useMemo(() => new URLSearchParams(search), [search]);
  return [params, navigate];
}

/** An id the query string names (?from=3): a positive whole number written plainly, or null. */
export function idParam(params: URLSearchParams, key: string): number | null {
  const value = params.get(key);
  return value !== null && /^[1-9]\d{0,15}$/u.test(value) ? Number(value) : null;
}

/** An href for a view, for real links (middle-click, copy link) that navigate() then handles. */
export function hrefFor(patch: SearchPatch, reset = false): string {
  return `${window.location.pathname}${buildSearch(window.location.search, patch, reset)}`;
}
