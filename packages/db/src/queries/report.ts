import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database, RegionLevel } from "../schema.ts";
import { type ResolvedScope, scopeRevisions } from "../scope.ts";
import {
  type CategoryRow,
  type DepartmentLoadRow,
  type MatrixCell,
  type Overview,
  type ReclaimedVsRetainedRow,
  departmentCategoryMatrix,
  departmentLoad,
  dutiesByCategory,
  overview,
  reclaimedVsRetained,
} from "./stats.ts";

/*
 * Everything a report of a scope prints, answered by the server so the browser, the CLI and a
 * worker build the same document from the same figures: the statistics the dashboard draws, plus
 * the rankings the summary quotes (which departments lead most, which categories lost most), which
 * the browser must not compute. Bounded at any scope: rankings are cut to a few rows.
 */

/** Revisions a report lists by name on its title page; a province names how many more there are. */
export const REPORT_REVISIONS = 20;
/** Departments in the report's ranking, its table and its heatmap. */
export const REPORT_DEPARTMENTS = 15;
/** Entries the summary names (three departments, three categories). */
export const REPORT_TOP = 3;

export interface ReportRevision {
  id: number;
  town: string;
  label: string;
  effectiveDate: string;
  sourceFile: string;
}

export interface ReportScope {
  kind: "revision" | "region" | "country";
  /** The place as titles and file names say it: 兰州湾镇, 玛纳斯县, 全国. */
  name: string;
  level: RegionLevel | null;
  /** Regions above it, top first (新疆维吾尔自治区, 昌吉回族自治州, 玛纳斯县). */
  parents: string[];
  /** The revisions read, by town name, at most REPORT_REVISIONS of them. */
  revisions: ReportRevision[];
  /** All revisions read (one per town, or the one asked for). */
  revisionCount: number;
  /** Earliest and latest effective date among them. */
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

export interface ReportFigures {
  scope: ReportScope;
  overview: Overview;
  /** Each list's fraction of all duties, and coordinated + reclaimed (0 in an empty scope). */
  shares: { basic: number; coordinated: number; reclaimed: number; delegated: number };
  /** Duties per town on average, one decimal; null when no town is read. */
  perTown: { basic: number; coordinated: number; reclaimed: number; total: number } | null;
  categories: CategoryRow[];
  reclaimedVsRetained: ReclaimedVsRetainedRow[];
  /** Heaviest first by total (led + received), then by led; at most REPORT_DEPARTMENTS. */
  departments: DepartmentLoadRow[];
  /** The departments leading the most coordinated duties, most first; at most REPORT_TOP. */
  leadDepartments: DepartmentLoadRow[];
  /** The departments that received the most reclaimed duties; at most REPORT_TOP. */
  receiverDepartments: DepartmentLoadRow[];
  /** Categories with the most reclaimed duties, most first, none with zero; at most REPORT_TOP. */
  reclaimedCategories: CategoryRow[];
  /** Department × category cells of `departments` only. */
  matrix: MatrixCell[];
}

export async function reportFigures(db: Kysely<Database>, scope: ResolvedScope): Promise<ReportFigures> {
  // Each ranking is its own bounded page in the order it needs, never the whole list of a province's departments.
  const [described, counts, categories, retained, heaviest, leaders, receivers, cells] = await Promise.all([
    reportScope(db, scope),
    overview(db, scope),
    dutiesByCategory(db, scope),
    reclaimedVsRetained(db, scope),
    departmentLoad(db, scope, { limit: REPORT_DEPARTMENTS, sort: "total" }),
    departmentLoad(db, scope, { limit: REPORT_TOP, sort: "led" }),
    departmentLoad(db, scope, { limit: REPORT_TOP, sort: "received" }),
    // The matrix's page is departmentLoad's default order (total), so its departments are `heaviest`'s.
    departmentCategoryMatrix(db, scope, "department", { limit: REPORT_DEPARTMENTS }),
  ]);
  const average = (part: number) => Math.round((part / counts.towns) * 10) / 10;
  return {
    scope: described,
    overview: counts,
    shares: {
      basic: counts.total > 0 ? counts.basic / counts.total : 0,
      coordinated: counts.coordinatedShare,
      reclaimed: counts.reclaimedShare,
      delegated: counts.delegatedShare,
    },
    perTown:
      counts.towns > 0
        ? {
            basic: average(counts.basic),
            coordinated: average(counts.coordinated),
            reclaimed: average(counts.reclaimed),
            total: average(counts.total),
          }
        : null,
    categories,
    reclaimedVsRetained: retained,
    departments: heaviest.items,
    leadDepartments: leaders.items.filter((d) => d.coordinatedLed > 0),
    receiverDepartments: receivers.items.filter((d) => d.reclaimedReceived > 0),
    reclaimedCategories: [...categories]
      .filter((c) => c.reclaimed > 0)
      .sort((a, b) => b.reclaimed - a.reclaimed)
      .slice(0, REPORT_TOP),
    matrix: cells.cells,
  };
}

/** Which place and which revisions a scope reads, as a title page names them. */
export async function reportScope(db: Kysely<Database>, scope: ResolvedScope): Promise<ReportScope> {
  const read = scopeRevisions(db, scope);
  const [revisions, span] = await Promise.all([
    db
      .selectFrom(read)
      .innerJoin("revisions as r", (j) => j.onRef("r.town_id", "=", "s.town_id").onRef("r.id", "=", "s.revision_id"))
      .innerJoin("regions as t", "t.id", "r.town_id")
      .select([
        "r.id",
        "t.name as town",
        "r.label",
        sql<string>`to_char(r.effective_date, 'YYYY-MM-DD')`.as("effectiveDate"),
        "r.source_file as sourceFile",
      ])
      .orderBy("t.name")
      .orderBy("r.id")
      .limit(REPORT_REVISIONS)
      .execute(),
    db
      .selectFrom(read)
      .innerJoin("revisions as r", (j) => j.onRef("r.town_id", "=", "s.town_id").onRef("r.id", "=", "s.revision_id"))
      .select([
        sql<number>`count(*)::int`.as("count"),
        sql<string | null>`to_char(min(r.effective_date), 'YYYY-MM-DD')`.as("from"),
        sql<string | null>`to_char(max(r.effective_date), 'YYYY-MM-DD')`.as("to"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const base = { revisions, revisionCount: span.count, effectiveFrom: span.from, effectiveTo: span.to };
  // A town with no revision yet: nothing is read, and there is no place to name beyond its id.
  if (scope.kind === "none") return { kind: "region", name: "", level: null, parents: [], ...base };
  const regionId = scope.kind === "revision" ? scope.townId : scope.kind === "region" ? scope.regionId : null;
  if (regionId === null) return { kind: "country", name: "全国", level: null, parents: [], ...base };
  const path = await db
    .selectFrom("region_closure as c")
    .innerJoin("regions as a", "a.id", "c.ancestor_id")
    .select(["a.name", "a.level"])
    .where("c.region_id", "=", regionId)
    .orderBy("c.depth", "desc")
    .execute();
  const self = path.at(-1);
  return {
    kind: scope.kind === "revision" ? "revision" : "region",
    name: self?.name ?? "",
    level: self?.level ?? null,
    parents: path.slice(0, -1).map((p) => p.name),
    ...base,
  };
}
