import type { DepartmentKind, LevelMarker, ListKind } from "@duty/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { EVERY_TOWN, type ResolvedScope, scopeRevisions } from "../scope.ts";

export interface MirroredDuty {
  id: number;
  townId: number;
  town: string;
  revisionId: number;
  list: ListKind;
  seq: number;
  categoryId: number;
  category: string;
  name: string;
  /** What the cell added after the department's name (及其他…的部门). */
  note: string | null;
}

/** One page of a department's duties in one list, with how many there are in all. */
export interface MirroredPage {
  items: MirroredDuty[];
  total: number;
  /** Cursor of the next page; null on the last. */
  nextCursor: number | null;
}

/** Which page of each list a department view shows: a county bureau leads thousands of duties across a province. */
export interface MirrorPaging {
  limit: number;
  ledCursor?: number | undefined;
  receivedCursor?: number | undefined;
}

/** A county department and the towns' duties it carries: its side of the lists. */
export interface DepartmentView {
  id: number;
  name: string;
  shortName: string;
  abbreviation: string;
  level: LevelMarker | null;
  kind: DepartmentKind;
  countyId: number;
  county: string;
  /** Coordinated duties it leads (镇街配合履职事项): one page of them, by town and 序号. */
  led: MirroredPage;
  /** Reclaimed duties it took back (本部门收回事项): one page of them, by town and 序号. */
  received: MirroredPage;
  /** Its duties per category (categories in document order, only those it has): what its own page charts. */
  categories: { categoryId: number; category: string; led: number; received: number }[];
}

/**
 * The department's mirror view over the revisions in scope (default: every town's standing revision):
 * its counts per category over all of its duties, and a page of each list.
 */
export async function departmentById(
  db: Kysely<Database>,
  id: number,
  scope: ResolvedScope = EVERY_TOWN,
  paging: MirrorPaging = { limit: 20 },
): Promise<DepartmentView | null> {
  const department = await db
    .selectFrom("departments as dep")
    .innerJoin("regions as county", "county.id", "dep.county_id")
    .select([
      "dep.id",
      "dep.name",
      "dep.short_name as shortName",
      "dep.abbreviation",
      "dep.level",
      "dep.kind",
      "dep.county_id as countyId",
      "county.name as county",
    ])
    .where("dep.id", "=", id)
    .executeTakeFirst();
  if (!department) return null;
  const duties = await db
    .selectFrom(scopeRevisions(db, scope))
    .innerJoin("duties as d", (j) => j.onRef("d.town_id", "=", "s.town_id").onRef("d.revision_id", "=", "s.revision_id"))
    .innerJoin("duty_departments as l", (j) => j.onRef("l.town_id", "=", "d.town_id").onRef("l.duty_id", "=", "d.id"))
    .innerJoin("categories as c", "c.id", "d.category_id")
    .innerJoin("regions as t", "t.id", "d.town_id")
    .select([
      "l.role",
      "d.id",
      "d.town_id as townId",
      "t.name as town",
      "d.revision_id as revisionId",
      "d.list",
      "d.seq",
      "d.category_id as categoryId",
      "c.name as category",
      "d.name",
      "l.note",
    ])
    .where("l.department_id", "=", id)
    .orderBy("t.name")
    .orderBy("d.town_id")
    .orderBy("d.seq")
    .execute();
  const pick = (role: "lead" | "receiver", cursor = 0): MirroredPage => {
    const all = duties.filter((d) => d.role === role);
    const items = all.slice(cursor, cursor + paging.limit).map(({ role: _, ...duty }) => duty);
    return { items, total: all.length, nextCursor: cursor + paging.limit < all.length ? cursor + paging.limit : null };
  };
  // Counted here from the duties just read (one department's, a few hundred at most even for a province).
  const categories = new Map<number, { categoryId: number; category: string; led: number; received: number }>();
  for (const d of duties) {
    const row = categories.get(d.categoryId) ?? { categoryId: d.categoryId, category: d.category, led: 0, received: 0 };
    if (d.role === "lead") row.led++;
    else row.received++;
    categories.set(d.categoryId, row);
  }
  return {
    ...department,
    led: pick("lead", paging.ledCursor),
    received: pick("receiver", paging.receivedCursor),
    categories: [...categories.values()].sort((a, b) => a.categoryId - b.categoryId),
  };
}
