import type { RouterOutputs } from "@duty/api";
import { LIST_LABELS } from "@duty/domain";
import { groupSteps, notesText } from "../../components/duty-steps.tsx";
import type { DataTable } from "../../export/table.ts";
import { trpcClient } from "../../trpc.ts";
import type { DutySummary } from "./duty-search.ts";

type DutySteps = RouterOutputs["duties"]["steps"][number];
type Step = DutySteps["townSteps"][number];

function names(duty: DutySummary, role: "lead" | "receiver"): string {
  return duty.departments
    .filter((d) => d.role === role)
    .map((d) => d.name)
    .join("、");
}

/**
 * One side's steps as the document numbers them, one per line; a cell that divides its steps by
 * department or heading keeps that division as 【…】 lines.
 */
export function stepsText(steps: readonly Step[]): string {
  const groups = groupSteps(steps);
  const divided = new Set(groups.map((g) => g.department)).size > 1;
  return groups
    .flatMap((g) => [
      ...(divided && g.department ? [`【${g.department}】`] : []),
      ...(g.heading ? [`【${g.heading}】`] : []),
      ...g.steps.map((s, i) => `${i + 1}. ${s.text}`),
    ])
    .join("\n");
}

/**
 * The duty table as exported: the rows the filters select, departments joined as the documents join
 * them, both sides' steps (the department's, or a reclaimed duty's working method; the town's), and,
 * when any duty has them, the columns its document added (备注 …) in one last column.
 */
export function dutiesTable(duties: readonly DutySummary[], steps: ReadonlyMap<number, DutySteps> = new Map()): DataTable {
  const withNotes = duties.some((d) => (steps.get(d.id)?.notes.length ?? 0) > 0);
  return {
    columns: [
      "乡镇",
      "清单",
      "序号",
      "事项类别",
      "事项名称",
      "牵头部门",
      "承接部门",
      "上级部门职责（收回事项为工作方式）",
      "乡镇配合职责",
      ...(withNotes ? ["其他列"] : []),
    ],
    rows: duties.map((d) => {
      const s = steps.get(d.id);
      const noted = withNotes ? [s && s.notes.length > 0 ? notesText(s.notes) : null] : [];
      return [
        d.town,
        LIST_LABELS[d.list],
        d.seq,
        d.category,
        d.name,
        names(d, "lead"),
        names(d, "receiver"),
        s ? stepsText(s.departmentSteps) || null : null,
        s ? stepsText(s.townSteps) || null : null,
        ...noted,
      ];
    }),
  };
}

/** Both sides' steps and the notes of every duty, 200 at a time (the most duties.steps answers at once). */
export async function fetchSteps(duties: readonly DutySummary[]): Promise<Map<number, DutySteps>> {
  const out = new Map<number, DutySteps>();
  // Basic duties too: they have no steps, but may have notes.
  const ids = duties.map((d) => d.id);
  for (let i = 0; i < ids.length; i += 200) {
    for (const s of await trpcClient.duties.steps.query({ ids: ids.slice(i, i + 200) })) out.set(s.id, s);
  }
  return out;
}
