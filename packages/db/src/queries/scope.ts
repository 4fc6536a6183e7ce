import type { AliasedSelectQueryBuilder, Kysely } from "kysely";
import type { Database } from "../schema.ts";

/**
 * Which revisions a statistic reads: one revision; the latest revision of every town inside a
 * region; or (empty) the latest revision of every town.
 */
export type Scope = { revisionId: number } | { regionId: number } | Record<string, never>;

/** One row per town in scope: the town and the revision that stands for it. */
export interface ScopeRow {
  town_id: number;
  revision_id: number;
}

/**
 * The scope as a sub-query `s(town_id, revision_id)` to join duties against. The latest revision
 * of a town is the top entry of the revisions(town_id, effective_date, id) index, and a region's
 * towns come from region_closure, so no branch scans the whole duties table.
 */
export function scopeRevisions(db: Kysely<Database>, scope: Scope): AliasedSelectQueryBuilder<ScopeRow, "s"> {
  if ("revisionId" in scope) {
    return db
      .selectFrom("revisions")
      .select(["town_id", "id as revision_id"])
      .where("id", "=", scope.revisionId)
      .as("s");
  }
  if ("regionId" in scope) {
    return db
      .selectFrom("region_closure as c")
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom("revisions as r")
            .select(["r.town_id", "r.id as revision_id"])
            .whereRef("r.town_id", "=", "c.region_id")
            .orderBy("r.effective_date", "desc")
            .orderBy("r.id", "desc")
            .limit(1)
            .as("latest"),
        (join) => join.onTrue(),
      )
      .select(["latest.town_id", "latest.revision_id"])
      .where("c.ancestor_id", "=", scope.regionId)
      .as("s");
  }
  return db
    .selectFrom("revisions")
    .distinctOn("town_id")
    .select(["town_id", "id as revision_id"])
    .orderBy("town_id")
    .orderBy("effective_date", "desc")
    .orderBy("id", "desc")
    .as("s");
}

/** Why a scope names nothing (for a 404 naming the field), or null when it exists. */
export async function scopeProblem(db: Kysely<Database>, scope: Scope): Promise<string | null> {
  if ("revisionId" in scope) {
    const found = await db.selectFrom("revisions").select("id").where("id", "=", scope.revisionId).executeTakeFirst();
    return found ? null : `revisionId: no revision ${scope.revisionId}`;
  }
  if ("regionId" in scope) {
    const found = await db.selectFrom("regions").select("id").where("id", "=", scope.regionId).executeTakeFirst();
    return found ? null : `regionId: no region ${scope.regionId}`;
  }
  return null;
}
