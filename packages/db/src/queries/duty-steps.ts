import type { DutyNote } from "@duty/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import type { DutyStep } from "./duties.ts";

export interface DutySteps {
  id: number;
  departmentSteps: DutyStep[];
  townSteps: DutyStep[];
  /** The columns the list adds to its own (备注 …), in document order; any list's duty may have them. */
  notes: DutyNote[];
}

/**
 * Both sides' steps and the notes of many duties in two queries, for an export that writes them
 * beside each duty (dutyById is one duty at a time). Duties are found by id (duties_id_idx), their
 * steps and notes by the duty's town (both keys start with town_id). In the order asked; unknown ids
 * are left out, a duty without steps (every basic duty) comes with both sides empty.
 */
export async function stepsOfDuties(db: Kysely<Database>, ids: readonly number[]): Promise<DutySteps[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("duties as d")
    .leftJoin("steps as st", (j) => j.onRef("st.town_id", "=", "d.town_id").onRef("st.duty_id", "=", "d.id"))
    .leftJoin("departments as dep", "dep.id", "st.department_id")
    .select([
      "d.id as dutyId",
      "st.side",
      "st.position",
      "st.text",
      "st.heading",
      "st.department_id as departmentId",
      "dep.name as department",
    ])
    .where("d.id", "in", [...ids])
    .orderBy("d.id")
    .orderBy("st.side")
    .orderBy("st.position")
    .execute();
  const notes = await db
    .selectFrom("duties as d")
    .innerJoin("duty_notes as n", (j) => j.onRef("n.town_id", "=", "d.town_id").onRef("n.duty_id", "=", "d.id"))
    .select(["d.id as dutyId", "n.column_name as column", "n.text"])
    .where("d.id", "in", [...ids])
    .orderBy("d.id")
    .orderBy("n.position")
    .execute();
  const byDuty = new Map<number, DutySteps>();
  for (const { dutyId, side, position, text, ...step } of rows) {
    const duty = byDuty.get(dutyId) ?? { id: dutyId, departmentSteps: [], townSteps: [], notes: [] };
    byDuty.set(dutyId, duty);
    if (side === null || position === null || text === null) continue;
    (side === "town" ? duty.townSteps : duty.departmentSteps).push({ position, text, ...step });
  }
  for (const { dutyId, column, text } of notes) byDuty.get(dutyId)?.notes.push({ column, text });
  return [...new Set(ids)].flatMap((id) => byDuty.get(id) ?? []);
}
