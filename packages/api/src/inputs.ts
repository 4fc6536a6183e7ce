import { effectiveDateProblem, type Scope } from "@duty/db";
import { z } from "zod";

/** Ids of regions, categories and departments (PostgreSQL integer). */
export const smallId = z.number().int().positive().max(2_147_483_647);
/** Ids of revisions and duties (bigint, handed out far below 2^53). */
export const bigId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Every list-shaped answer is a page: at most MAX_PAGE rows (a county department row is about 250
 * bytes of JSON, so a page stays far below 200 kB), the next page by `nextCursor`, the whole list's
 * length in `total`. The country has about 100,000 county departments and 38,600 towns.
 */
export const MAX_PAGE = 200;
/** Rows per page: 20 unless asked, at most MAX_PAGE. */
export const pageLimit = z.number().int().min(1).max(MAX_PAGE).default(20);
/** Where a page starts: the previous page's nextCursor. */
export const pageCursor = z.number().int().min(0).max(10_000_000).optional();

export const listKind = z.enum(["basic", "coordinated", "reclaimed"]);

/** Scope fields, spread into an input object so a curl query stays flat: {"regionId":2,"limit":20}. */
export const scopeFields = {
  revisionId: bigId.optional(),
  regionId: smallId.optional(),
};

/** At most one of revisionId and regionId; neither means the latest revision of every town. */
export function oneScope(input: { revisionId?: number | undefined; regionId?: number | undefined }, ctx: z.RefinementCtx): void {
  if (input.revisionId !== undefined && input.regionId !== undefined) {
    ctx.addIssue({ code: "custom", path: ["regionId"], message: "give revisionId or regionId, not both" });
  }
}

export function toScope(input: { revisionId?: number | undefined; regionId?: number | undefined } | undefined): Scope {
  if (input?.revisionId !== undefined) return { revisionId: input.revisionId };
  if (input?.regionId !== undefined) return { regionId: input.regionId };
  return {};
}

export const scopeInput = z.object(scopeFields).strict().superRefine(oneScope).optional();

/** A day written YYYY-MM-DD within the years an effective date may fall in (year 0000 and 20244 refused). */
export const effectiveDate = z
  .string()
  .max(10)
  .superRefine((date, ctx) => {
    const problem = effectiveDateProblem(date);
    // The field's name comes from the issue's path; the problem's own prefix would repeat it.
    if (problem) ctx.addIssue({ code: "custom", message: problem.replace(/^effectiveDate: /u, "") });
  });
