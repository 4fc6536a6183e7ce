import type { Kysely } from "kysely";
import type { Database, RegionLevel } from "../schema.ts";
import { standingRevisions } from "../scope.ts";

export interface RegionNode {
  id: number;
  level: RegionLevel;
  name: string;
  /** Towns below (or this town) that have a revision. */
  towns: number;
  /** For a town: the revision statistics use by default; null elsewhere and for towns without one. */
  latestRevisionId: number | null;
  children: RegionNode[];
}

/** Every region as a forest (the documents may name no province), children by name. */
export async function regionTree(db: Kysely<Database>): Promise<RegionNode[]> {
  const regions = await db
    .selectFrom("regions as g")
    .leftJoin(standingRevisions(db).as("s"), "s.town_id", "g.id")
    .select(["g.id", "g.parent_id as parentId", "g.level", "g.name", "s.revision_id as latestRevisionId"])
    .orderBy("g.name")
    .orderBy("g.id")
    .execute();
  const nodes = new Map<number, RegionNode>(
    regions.map((r) => [r.id, { id: r.id, level: r.level, name: r.name, towns: 0, latestRevisionId: r.latestRevisionId, children: [] }]),
  );
  const roots: RegionNode[] = [];
  for (const r of regions) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const countTowns = (node: RegionNode): number =>
    (node.towns = node.children.reduce((sum, child) => sum + countTowns(child), node.latestRevisionId === null ? 0 : 1));
  roots.forEach(countTowns);
  return roots;
}
