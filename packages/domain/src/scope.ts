/**
 * What a statistic reads: one revision; the standing revision of every town inside a region; or
 * (empty) the standing revision of every town. Which revision "stands" for a town is the
 * database's rule (packages/db scope.ts); this is only the request.
 */
export type Scope = { revisionId: number } | { regionId: number } | Record<string, never>;

/** The scope as text fields, the way a URL (`?revision=3`) or a command line (`--region 2`) carries it. */
export interface ScopeText {
  revision?: string | null | undefined;
  region?: string | null | undefined;
}

/** A positive whole number written plainly (no sign, no exponent), or null. */
function positiveId(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^\d{1,15}$/u.test(value.trim())) return null;
  const n = Number(value.trim());
  return n > 0 ? n : null;
}

/**
 * Reads a scope from text fields. A revision wins over a region. Returns `{ error }` naming the
 * field when a value is given but is not an id, so a command line can refuse it; a URL can use
 * `scope` regardless (garbage in the address bar falls back to the whole country).
 */
export function parseScope(text: ScopeText): { scope: Scope; error: string | null } {
  const revisionId = positiveId(text.revision);
  const regionId = positiveId(text.region);
  const bad = (field: "revision" | "region", value: string | null | undefined, parsed: number | null) =>
    value !== null && value !== undefined && parsed === null ? `${field}：「${value}」不是有效的编号` : null;
  const error = bad("revision", text.revision, revisionId) ?? bad("region", text.region, regionId);
  if (revisionId !== null) return { scope: { revisionId }, error };
  if (regionId !== null) return { scope: { regionId }, error };
  return { scope: {}, error };
}

/** The scope as text fields again (null for the field it does not use), for URLs and messages. */
export function scopeText(scope: Scope): { revision: string | null; region: string | null } {
  return {
    revision: "revisionId" in scope ? String(scope.revisionId) : null,
    region: "regionId" in scope ? String(scope.regionId) : null,
  };
}
