import type { ColumnType, Generated, Insertable } from "kysely";
import type { DepartmentKind, LevelMarker, ListKind } from "@duty/domain";

/*
 * Citus layout: regions, region_closure, categories and departments are small reference
 * tables; revisions, duties, duty_departments, steps and duty_notes are distributed on town_id, so each
 * carries town_id inside its primary key and refers to the others only through keys that
 * include town_id. Ids of distributed tables are bigint because Citus identity columns must be.
 * The per-revision rollups are distributed on town_id beside them; the county and region rollups
 * are small reference tables (docs/scale.md).
 */

export type RegionLevel = "province" | "prefecture" | "county" | "town";

export interface RegionTable {
  id: Generated<number>;
  parent_id: number | null;
  level: RegionLevel;
  name: string;
  /** Pinyin initials of the name (玛纳斯县 → mnsx), for the typeahead; set by the writer. */
  initials: ColumnType<string, string | undefined, string>;
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

/** 草案 / 已发布 / 已撤回: only a published revision can stand for its town (scope.ts). */
export type RevisionStatus = "draft" | "published" | "withdrawn";

export interface RevisionTable {
  town_id: number;
  id: Generated<number>;
  label: string;
  status: ColumnType<RevisionStatus, RevisionStatus | undefined, RevisionStatus>;
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

/** A column the list adds to its own (备注, 编号 …), kept with the duty it was written beside. */
export interface DutyNoteTable {
  town_id: number;
  duty_id: number;
  /** 1-based place among the duty's filled extra cells, left to right (an empty cell is no note). */
  position: number;
  /** The column's header as printed, or 第 N 列 when it had none. */
  column_name: string;
  text: string;
}

/** The document a revision was imported from, byte for byte, so it can be read (and linted) again. */
export interface RevisionSourceTable {
  town_id: number;
  revision_id: number;
  file_name: string;
  /** The 省/市/县/镇 given at import to name or correct the place; null when the document named it. */
  town_spec: string | null;
  bytes: Uint8Array;
}

/*
 * Rollups (rollups.ts keeps them; statistics read them). A row exists only while one of its counts
 * is not zero. "County" is the town's parent region (the town itself when it has none): the unit
 * departments belong to, so a department's links all come from the towns of its county.
 */

interface CategoryCounts {
  category_id: number;
  basic: number;
  coordinated: number;
  reclaimed: number;
}

interface LinkCounts {
  /** Lead links: coordinated duties the department leads. */
  led: number;
  /** Receiver links: reclaimed duties it took back. */
  received: number;
}

interface StepCounts {
  /** Town-side steps of the coordinated duties it leads. */
  town_steps: number;
  /** Department-side steps of those duties given to it or to no department. */
  department_steps: number;
}

/** What one revision holds per category; deleted with the revision. */
export interface RevisionCategoryCountsTable extends CategoryCounts {
  town_id: number;
  revision_id: number;
}

/** What one revision holds per department and category. */
export interface RevisionDepartmentCountsTable extends LinkCounts, StepCounts {
  town_id: number;
  revision_id: number;
  department_id: number;
  category_id: number;
}

/** The latest revision of each town of a county, per category. */
export interface CountyCategoryCountsTable extends CategoryCounts {
  county_id: number;
}

/** A department's load over the latest revisions of its county's towns. */
export interface DepartmentCountsTable extends LinkCounts, StepCounts {
  county_id: number;
  department_id: number;
}

export interface DepartmentCategoryCountsTable extends LinkCounts {
  county_id: number;
  department_id: number;
  category_id: number;
}

/** Each town's standing revision and its duties per list: the per-town share of any scope. */
export interface TownCountsTable {
  town_id: number;
  revision_id: number;
  /** The town's county (its parent, or itself without one): the unit the recount replaces. */
  county_id: number;
  basic: number;
  coordinated: number;
  reclaimed: number;
}

/** Latest revisions of the towns below a region (its counties, or itself when it is one). */
export interface RegionCountsTable {
  region_id: number;
  towns: number;
  departments: number;
}

export interface RegionCategoryCountsTable extends CategoryCounts {
  region_id: number;
}

/** One bureau of every county in the region added up (民政局 of all its counties). */
export interface RegionShortNameCountsTable extends LinkCounts, StepCounts {
  region_id: number;
  short_name: string;
  /** Counties of the region where a department of this short name has a duty. */
  counties: number;
}

export interface RegionShortNameCategoryCountsTable extends LinkCounts {
  region_id: number;
  short_name: string;
  category_id: number;
}

/**
 * One row whose version every writer raises in its own transaction: an answer computed from the
 * data is a function of its input and this number, so caches key on it.
 */
export interface DataVersionTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  version: number;
}

/** 查看 / 编辑 / 管理员. */
export type Role = "viewer" | "editor" | "admin";

export interface UserTable {
  id: Generated<number>;
  name: string;
  /** scrypt, as packages/api's passwords.ts writes it; null for an account used only through API keys. */
  password_hash: string | null;
  role: Role;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
}

/** The regions an editor may change the towns of (every town below them, through region_closure). */
export interface UserRegionTable {
  user_id: number;
  region_id: number;
}

export interface SessionTable {
  /** SHA-256 (hex) of the token in the session cookie; the token itself is never stored. */
  id: string;
  user_id: number;
  /** Sent back by the page in a header on every change, proving the request came from the page. */
  csrf_token: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
  ip: string | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 (hex) of the key; the key is shown once when made. */
  key_hash: string;
  label: string;
  created_at: ColumnType<Date, never, never>;
  revoked_at: Date | null;
}

export type AuditAction =
  | "login"
  | "logout"
  | "import"
  | "publish"
  | "withdraw"
  | "delete"
  | "user-add"
  | "user-set-role"
  | "user-disable"
  | "user-password"
  | "api-key";

/** ok: done; refused: not allowed (role, region, CSRF, rate limit); failed: a wrong password, a bad document. */
export type AuditOutcome = "ok" | "refused" | "failed";

export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  user_id: number | null;
  /** Who, as shown: a user name, the name a failed login tried, 命令行（root）, ATLAS_ADMIN_TOKEN, 匿名. */
  actor: string;
  /** session | api-key | token | cli | anonymous. */
  via: string;
  action: AuditAction;
  outcome: AuditOutcome;
  town_id: number | null;
  revision_id: number | null;
  detail: ColumnType<string, string | undefined, string>;
  /** The client's address; null for the command line. */
  ip: string | null;
}

/** The whole database as kysely sees it. */
export interface Database {
  regions: RegionTable;
  region_closure: RegionClosureTable;
  categories: CategoryTable;
  departments: DepartmentTable;
  revisions: RevisionTable;
  revision_sources: RevisionSourceTable;
  duties: DutyTable;
  duty_departments: DutyDepartmentTable;
  steps: StepTable;
  duty_notes: DutyNoteTable;
  revision_category_counts: RevisionCategoryCountsTable;
  revision_department_counts: RevisionDepartmentCountsTable;
  county_category_counts: CountyCategoryCountsTable;
  department_counts: DepartmentCountsTable;
  department_category_counts: DepartmentCategoryCountsTable;
  region_counts: RegionCountsTable;
  region_category_counts: RegionCategoryCountsTable;
  region_short_name_counts: RegionShortNameCountsTable;
  region_short_name_category_counts: RegionShortNameCategoryCountsTable;
  town_counts: TownCountsTable;
  data_version: DataVersionTable;
  users: UserTable;
  user_regions: UserRegionTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
}

export type NewDuty = Insertable<DutyTable>;
export type NewStep = Insertable<StepTable>;
export type NewDutyDepartment = Insertable<DutyDepartmentTable>;
export type NewDutyNote = Insertable<DutyNoteTable>;
