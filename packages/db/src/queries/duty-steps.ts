import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import type { DutyStep } from "./duties.ts";

export interface DutySteps {
  id: number;
  departmentSteps: DutyStep[];
  townSteps: DutyStep[];
}

/**
 * Both sides' steps of many duties in one query, for an export that writes each duty's steps beside
 * it (dutyById is one duty at a time). Duties are found by id (duties_id_idx), their steps by the
 * duty's town (steps_pkey starts with town_id). In the order asked; unknown ids are left out, a duty
 * without steps (every basic duty) comes with both sides empty.
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
  const byDuty = new Map<number, DutySteps>();
  for (const { dutyId, side, position, text, ...step } of rows) {
    const duty = byDuty.get(dutyId) ?? { id: dutyId, departmentSteps: [], townSteps: [] };
    byDuty.set(dutyId, duty);
    if (side === null || position === null || text === null) continue;
    (side === "town" ? duty.townSteps : duty.departmentSteps).push({ position, text, ...step });
  }
  return [...new Set(ids)].flatMap((id) => byDuty.get(id) ?? []);
}
