import type { ListKind } from "@duty/domain";
import type { Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Database, DutyDepartmentRole, StepSide } from "../schema.ts";
import { type ResolvedScope, scopeRevisions } from "../scope.ts";

export interface DutySearch {
  scope: ResolvedScope;
  list?: ListKind | undefined;
  categoryId?: number | undefined;
  /** Duties this department leads or received. */
  departmentId?: number | undefined;
  /** Literal text looked for in the duty's name, steps and step headings; % and _ match only themselves. */
  q?: string | undefined;
  /** The previous page's nextCursor. */
  cursor?: number | undefined;
  limit: number;
}

export interface DutyLink {
  id: number;
  name: string;
  role: DutyDepartmentRole;
}

export interface DutySummary {
  id: number;
  townId: number;
  town: string;
  revisionId: number;
  list: ListKind;
  seq: number;
  categoryId: number;
  category: string;
  name: string;
  departments: DutyLink[];
}

export interface DutyStep {
  position: number;
  text: string;
  heading: string | null;
  departmentId: number | null;
  department: string | null;
}

export interface DutyDetail extends DutySummary {
  revisionLabel: string;
  sourceLine: number;
  departments: (DutyLink & { shortName: string; abbreviation: string; note: string | null })[];
  /** The county department's side; for a reclaimed duty, how the receiver now does it. */
  departmentSteps: DutyStep[];
  townSteps: DutyStep[];
}

/** Duties in scope matching every given filter, in import order, one page at a time. */
export async function searchDuties(db: Kysely<Database>, search: DutySearch): Promise<{ items: DutySummary[]; nextCursor: number | null }> {
  let query = db
    .selectFrom(scopeRevisions(db, search.scope))
    .innerJoin("duties as d", (j) => j.onRef("d.town_id", "=", "s.town_id").onRef("d.revision_id", "=", "s.revision_id"))
    .innerJoin("categories as c", "c.id", "d.category_id")
    .innerJoin("regions as t", "t.id", "d.town_id")
    .select((eb) => [
      "d.id",
      "d.town_id as townId",
      "t.name as town",
      "d.revision_id as revisionId",
      "d.list",
      "d.seq",
      "d.category_id as categoryId",
      "c.name as category",
      "d.name",
      jsonArrayFrom(
        eb
          .selectFrom("duty_departments as l")
          .innerJoin("departments as dep", "dep.id", "l.department_id")
          .select(["dep.id", "dep.name", "l.role"])
          .whereRef("l.town_id", "=", "d.town_id")
          .whereRef("l.duty_id", "=", "d.id")
          .orderBy("l.role")
          .orderBy("l.position"),
      ).as("departments"),
    ])
    .orderBy("d.id")
    .limit(search.limit + 1);
  if (search.list) query = query.where("d.list", "=", search.list);
  if (search.categoryId !== undefined) query = query.where("d.category_id", "=", search.categoryId);
  if (search.departmentId !== undefined) {
    const departmentId = search.departmentId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("duty_departments as f")
          .whereRef("f.town_id", "=", "d.town_id")
          .whereRef("f.duty_id", "=", "d.id")
          .where("f.department_id", "=", departmentId),
      ),
    );
  }
  if (search.q) {
    const pattern = `%${escapeLike(search.q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("d.name", "ilike", pattern),
        eb.exists(
          eb
            .selectFrom("steps as st")
            .whereRef("st.town_id", "=", "d.town_id")
            .whereRef("st.duty_id", "=", "d.id")
            .where((w) => w.or([w("st.text", "ilike", pattern), w("st.heading", "ilike", pattern)])),
        ),
      ]),
    );
  }
  if (search.cursor !== undefined) query = query.where("d.id", ">", search.cursor);
  const rows = await query.execute();
  const items = rows.slice(0, search.limit);
  return { items, nextCursor: rows.length > search.limit ? items.at(-1)!.id : null };
}

/** Backslash is PostgreSQL's default LIKE escape, so escaping it, % and _ makes the text literal. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/gu, (c) => `\\${c}`);
}

export async function dutyById(db: Kysely<Database>, id: number): Promise<DutyDetail | null> {
  const duty = await db
    .selectFrom("duties as d")
    .innerJoin("categories as c", "c.id", "d.category_id")
    .innerJoin("regions as t", "t.id", "d.town_id")
    .innerJoin("revisions as r", (j) => j.onRef("r.town_id", "=", "d.town_id").onRef("r.id", "=", "d.revision_id"))
    .select([
      "d.id",
      "d.town_id as townId",
      "t.name as town",
      "d.revision_id as revisionId",
      "r.label as revisionLabel",
      "d.list",
      "d.seq",
      "d.category_id as categoryId",
      "c.name as category",
      "d.name",
      "d.source_line as sourceLine",
    ])
    .where("d.id", "=", id)
    .executeTakeFirst();
  if (!duty) return null;
  const departments = await db
    .selectFrom("duty_departments as l")
    .innerJoin("departments as dep", "dep.id", "l.department_id")
    .select(["dep.id", "dep.name", "dep.short_name as shortName", "dep.abbreviation", "l.role", "l.note"])
    .where("l.town_id", "=", duty.townId)
    .where("l.duty_id", "=", id)
    .orderBy("l.role")
    .orderBy("l.position")
    .execute();
  const steps = await db
    .selectFrom("steps as st")
    .leftJoin("departments as dep", "dep.id", "st.department_id")
    .select(["st.side", "st.position", "st.text", "st.heading", "st.department_id as departmentId", "dep.name as department"])
    .where("st.town_id", "=", duty.townId)
    .where("st.duty_id", "=", id)
    .orderBy("st.side")
    .orderBy("st.position")
    .execute();
  const side = (s: StepSide): DutyStep[] => steps.filter((st) => st.side === s).map(({ side: _, ...step }) => step);
  return { ...duty, departments, departmentSteps: side("department"), townSteps: side("town") };
}
