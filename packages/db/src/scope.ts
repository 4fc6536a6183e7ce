import type { Scope } from "@duty/domain";
import type { AliasedSelectQueryBuilder, Expression, ExpressionBuilder, Kysely, SelectQueryBuilder, SqlBool } from "kysely";
import type { Database } from "./schema.ts";

/*
 * The one rule for which revisions a scope reads. A town is read through the revision that stands
 * for it: its latest **published** revision by effective date (the later import on a tie). Drafts
 * and withdrawn revisions never stand for a town; a scope reaches them only by naming their id
 * (a preview). Every statistic, search, rollup and router reads a town through standingRevisions,
 * so changing the rule is a change to this file.
 */

export type { Scope };

/** A scope after its ids were looked up: what every query over a scope takes. */
export type ResolvedScope =
  /** One revision: asked for by id, or the revision standing for a town asked for as a region. */
  | { kind: "revision"; townId: number; revisionId: number }
  /** The standing revision of every town inside a region above the towns; null: of every town. */
  | { kind: "region"; regionId: number | null }
  /**
   * Nothing to read. `missing` names the field of an id that does not exist ("regionId: no region
   * 5"), for a 404; it is null for a town that has no revision yet.
   */
  | { kind: "none"; missing: string | null };

/** Every town's standing revision (the scope `{}`): needs no look-up. */
export const EVERY_TOWN: ResolvedScope = { kind: "region", regionId: null };

/** Looks up what a scope names, once per request; a missing id resolves to `none` with the reason. */
export async function resolveScope(db: Kysely<Database>, scope: Scope): Promise<ResolvedScope> {
  if ("revisionId" in scope) {
    const revision = await db.selectFrom("revisions").select("town_id").where("id", "=", scope.revisionId).executeTakeFirst();
    if (!revision) return { kind: "none", missing: `revisionId: no revision ${scope.revisionId}` };
    return { kind: "revision", townId: revision.town_id, revisionId: scope.revisionId };
  }
  if ("regionId" in scope) {
    const region = await db.selectFrom("regions").select("level").where("id", "=", scope.regionId).executeTakeFirst();
    if (!region) return { kind: "none", missing: `regionId: no region ${scope.regionId}` };
    if (region.level !== "town") return { kind: "region", regionId: scope.regionId };
    const town = scope.regionId;
    const standing = await standingRevisions(db, (eb) => eb("town_id", "=", town)).executeTakeFirst();
    return standing ? { kind: "revision", townId: town, revisionId: standing.revision_id } : { kind: "none", missing: null };
  }
  return EVERY_TOWN;
}

/** One row per town: the town and the revision that stands for it. */
export interface StandingRow {
  town_id: number;
  revision_id: number;
}

/**
 * The revision standing for each town (of the towns `towns` selects, or of every town): the top
 * entry of the partial index revisions_town_published_idx. DISTINCT ON the distribution column
 * rather than a LATERAL … LIMIT 1, which Citus could not push down (docs/scale.md).
 */
export function standingRevisions(
  db: Kysely<Database>,
  towns?: (eb: ExpressionBuilder<Database, "revisions">) => Expression<SqlBool>,
): SelectQueryBuilder<Database, "revisions", StandingRow> {
  const query = db
    .selectFrom("revisions")
    .distinctOn("town_id")
    .select(["town_id", "id as revision_id"])
    .where("status", "=", "published")
    .orderBy("town_id")
    .orderBy("effective_date", "desc")
    .orderBy("id", "desc");
  return towns ? query.where(towns) : query;
}

/**
 * The revisions a resolved scope reads, as a sub-query `s(town_id, revision_id)` to join duties
 * against. A region's towns come from region_closure, so no branch scans the whole duties table.
 */
export function scopeRevisions(db: Kysely<Database>, scope: ResolvedScope): AliasedSelectQueryBuilder<StandingRow, "s"> {
  switch (scope.kind) {
    case "revision":
      return db
        .selectFrom("revisions")
        .select(["town_id", "id as revision_id"])
        .where("town_id", "=", scope.townId)
        .where("id", "=", scope.revisionId)
        .as("s");
    case "region": {
      const { regionId } = scope;
      if (regionId === null) return standingRevisions(db).as("s");
      return standingRevisions(db, (eb) =>
        eb("town_id", "in", eb.selectFrom("region_closure").select("region_id").where("ancestor_id", "=", regionId)),
      ).as("s");
    }
    case "none":
      return db
        .selectFrom("revisions")
        .select(["town_id", "id as revision_id"])
        .where((eb) => eb.lit(false))
        .as("s");
  }
}
