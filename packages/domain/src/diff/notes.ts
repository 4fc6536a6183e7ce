import type { DutyChange, DutyColumn } from "./types.ts";

/** Chinese names of the responsibilities columns dutiesChanged compares. */
export const DUTY_COLUMN_LABELS: Record<DutyColumn, string> = {
  departmentDuties: "上级部门职责",
  townDuties: "乡镇配合职责",
  method: "工作方式",
};

/** What the kinds alone do not say: which departments came and went, which columns of text changed. */
export function changeNotes(change: Pick<DutyChange, "departments" | "duties">): string[] {
  const notes: string[] = [];
  if (change.departments) {
    const { added, removed } = change.departments;
    if (added.length) notes.push(`增加部门：${added.join("、")}`);
    if (removed.length) notes.push(`减少部门：${removed.join("、")}`);
  }
  if (change.duties) notes.push(`${change.duties.map((d) => DUTY_COLUMN_LABELS[d]).join("、")}有改动`);
  return notes;
}
