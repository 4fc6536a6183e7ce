import type { SearchPatch } from "./url-state.ts";

/** What the statistics read: one revision, the latest revision of every town in a region, or all towns. */
export type Scope = { revisionId: number } | { regionId: number } | Record<string, never>;

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/u.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** `?revision=3` or `?region=2`; anything else (or garbage) is the whole database. */
export function scopeFromParams(params: URLSearchParams): Scope {
  const revisionId = positiveInt(params.get("revision"));
  if (revisionId !== null) return { revisionId };
  const regionId = positiveInt(params.get("region"));
  if (regionId !== null) return { regionId };
  return {};
}

export function scopePatch(scope: Scope): SearchPatch {
  return {
    revision: "revisionId" in scope ? String(scope.revisionId) : null,
    region: "regionId" in scope ? String(scope.regionId) : null,
  };
}

/** Parameters that survive moving between pages: the scope. Everything else belongs to one page. */
export const SCOPE_PARAMS = ["revision", "region"] as const;
