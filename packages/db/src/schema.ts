import type { ColumnType, Generated, Insertable } from "kysely";
import type { DepartmentKind, LevelMarker, ListKind } from "@duty/domain";

/*
 * Citus layout: regions, region_closure, categories and departments are small reference
 * tables; revisions, duties, duty_departments and steps are distributed on town_id, so each
 * carries town_id inside its primary key and refers to the others only through keys that
 * include town_id. Ids of distributed tables are bigint because Citus identity columns must be.
 */

export type RegionLevel = "province" | "prefecture" | "county" | "town";

export interface RegionTable {
  id: Generated<number>;
  parent_id: number | null;
  level: RegionLevel;
  name: string;
}

/** Every (ancestor, descendant) pair including (r, r) at depth 0: a region's towns without recursion. */
export interface RegionClosureTable {
  ancestor_id: number;
  region_id: number;
  depth: number;
}

export interface CategoryTable {
  id: Generated<number>;
  name: string;
}

export interface DepartmentTable {
  id: Generated<number>;
  /** The county-level region whose towns deal with the department (the town's parent). */
  county_id: number;
  name: string;
  short_name: string;
  abbreviation: string;
  level: LevelMarker | null;
  kind: DepartmentKind;
}

export interface RevisionTable {
  town_id: number;
  id: Generated<number>;
  label: string;
  /** A date column: selected as 'YYYY-MM-DD' text because pg and PGlite turn dates into different Date values. */
  effective_date: ColumnType<string, string | undefined, string>;
  imported_at: ColumnType<Date, never, never>;
  source_file: string;
  content_hash: string;
}

export interface DutyTable {
  town_id: number;
  id: Generated<number>;
  revision_id: number;
  list: ListKind;
  /** 序号 as printed; renumbered by every revision, so never an identity. */
  seq: number;
  category_id: number;
  name: string;
  source_line: number;
}

export type DutyDepartmentRole = "lead" | "receiver";

export interface DutyDepartmentTable {
  town_id: number;
  duty_id: number;
  department_id: number;
  /** 'lead' for a coordinated duty's department, 'receiver' for the department a reclaimed duty returns to. */
  role: DutyDepartmentRole;
  /** 1-based place in the cell, to print departments in the document's order. */
  position: number;
  /** A vague tail kept verbatim (及其他负有安全生产监督管理职责的部门). */
  note: string | null;
}

/** A reclaimed duty's working method counts as the department side: the department now does it. */
export type StepSide = "department" | "town";

export interface StepTable {
  town_id: number;
  duty_id: number;
  side: StepSide;
  position: number;
  department_id: number | null;
  heading: string | null;
  text: string;
}

/** The whole database as kysely sees it. */
export interface Database {
  regions: RegionTable;
  region_closure: RegionClosureTable;
  categories: CategoryTable;
  departments: DepartmentTable;
  revisions: RevisionTable;
  duties: DutyTable;
  duty_departments: DutyDepartmentTable;
  steps: StepTable;
}

export type NewStep = Insertable<StepTable>;
export type NewDutyDepartment = Insertable<DutyDepartmentTable>;
