import { allDuties, type DepartmentRef, type Revision, type Step } from "@duty/domain";
import type { DutyDepartmentRole, NewDuty, NewDutyDepartment, NewDutyNote, NewStep, StepSide } from "../schema.ts";

/** The ids a revision's rows refer to, as the writer (or the benchmark's plain load) hands them out. */
export interface RowIds {
  townId: number;
  revisionId: number;
  categoryId(name: string): number;
  /** A department of the town's county, by canonical name. */
  departmentId(name: string): number;
  /** A fresh duty id, called once per duty in document order. */
  nextDutyId(): number;
}

/** A revision's duties, department links, steps and notes, as they are stored. */
export interface RevisionRows {
  duties: NewDuty[];
  links: NewDutyDepartment[];
  steps: NewStep[];
  notes: NewDutyNote[];
}

/** Rows of no revision, to collect several revisions' rows in. */
export function emptyRows(): RevisionRows {
  return { duties: [], links: [], steps: [], notes: [] };
}

/**
 * The one place a Revision becomes rows: a duty per list row; a coordinated duty's lead departments
 * and both sides' steps; a reclaimed duty's receivers and its working method (the department side,
 * since the department now does it); any duty's extra columns (备注 …) as notes.
 */
export function revisionRows(revision: Revision, ids: RowIds): RevisionRows {
  const rows = emptyRows();
  const { townId } = ids;
  const addSteps = (dutyId: number, side: StepSide, list: readonly Step[]) => {
    for (const s of list) {
      const departmentId = s.department === null ? null : ids.departmentId(s.department);
      rows.steps.push({
        town_id: townId,
        duty_id: dutyId,
        side,
        position: s.order,
        department_id: departmentId,
        heading: s.heading,
        text: s.text,
      });
    }
  };
  // One link per department and role: a cell naming a department twice (once with a vague tail) counts it once.
  const addLinks = (dutyId: number, role: DutyDepartmentRole, refs: readonly DepartmentRef[]) => {
    const byDepartment = new Map<number, NewDutyDepartment>();
    for (const ref of refs) {
      const departmentId = ids.departmentId(ref.name);
      const seen = byDepartment.get(departmentId);
      if (seen) seen.note ??= ref.note;
      else
        byDepartment.set(departmentId, {
          town_id: townId,
          duty_id: dutyId,
          department_id: departmentId,
          role,
          position: byDepartment.size + 1,
          note: ref.note,
        });
    }
    rows.links.push(...byDepartment.values());
  };
  for (const duty of allDuties(revision)) {
    const id = ids.nextDutyId();
    rows.duties.push({
      town_id: townId,
      id,
      revision_id: ids.revisionId,
      list: duty.list,
      seq: duty.seq,
      category_id: ids.categoryId(duty.category),
      name: duty.name,
      source_line: duty.line,
    });
    for (const [i, note] of (duty.notes ?? []).entries())
      rows.notes.push({ town_id: townId, duty_id: id, position: i + 1, column_name: note.column, text: note.text });
    if (duty.list === "coordinated") {
      addLinks(id, "lead", duty.departments);
      addSteps(id, "department", duty.departmentDuties);
      addSteps(id, "town", duty.townDuties);
    } else if (duty.list === "reclaimed") {
      addLinks(id, "receiver", duty.receivers);
      addSteps(id, "department", duty.method);
    }
  }
  return rows;
}
