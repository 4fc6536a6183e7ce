import { parseScope, type Scope, scopeText } from "@duty/domain";
import type { Page } from "./pages.ts";
import { type SearchPatch, hrefFor, navigate } from "./url-state.ts";

/** `?revision=3` or `?region=2` (a revision wins); anything else (or garbage) is every town. */
export function scopeFromParams(params: URLSearchParams): Scope {
  return parseScope({ revision: params.get("revision"), region: params.get("region") }).scope;
}

/** A page with its own parameters and the scope: the current one, the one parameter every page shares, unless given. */
function pagePatch(page: Page, params: SearchPatch, scope?: Scope): SearchPatch {
  const kept = scope ?? scopeFromParams(new URLSearchParams(window.location.search));
  return { ...scopeText(kept), page: page === "overview" ? null : page, ...params };
}

export function goTo(page: Page, params: SearchPatch = {}, scope?: Scope): void {
  navigate(pagePatch(page, params, scope), { reset: true });
  window.scrollTo(0, 0);
}

export function pageHref(page: Page, params: SearchPatch = {}, scope?: Scope): string {
  return hrefFor(pagePatch(page, params, scope), true);
}
