import type { DutyNote } from "@duty/domain";
import type { RouterOutputs } from "@duty/api";

export type DutyDetail = RouterOutputs["duties"]["byId"];
type DutyStep = DutyDetail["townSteps"][number];

interface StepGroup {
  department: string | null;
  heading: string | null;
  steps: DutyStep[];
}

/**
 * Consecutive steps that share a department and a heading form one group: the document
 * divides a cell per department (县委宣传部 1. … 县文旅局 1. …) and sometimes under 一、二、 headings.
 */
export function groupSteps(steps: readonly DutyStep[]): StepGroup[] {
  const groups: StepGroup[] = [];
  for (const step of steps) {
    const last = groups.at(-1);
    if (last && last.department === step.department && last.heading === step.heading) last.steps.push(step);
    else groups.push({ department: step.department, heading: step.heading, steps: [step] });
  }
  return groups;
}

/** A duty's notes (the columns its document added) as one cell: 「备注：每年报告」, one column per line. */
export function notesText(notes: readonly DutyNote[]): string {
  return notes.map((n) => `${n.column}：${n.text}`).join("\n");
}

/** Document text is rendered as React text nodes only: markup in a cell never becomes HTML. */
export function Steps({ steps, empty = "（无）" }: { steps: readonly DutyStep[]; empty?: string }) {
  if (steps.length === 0) return <p className="status">{empty}</p>;
  const groups = groupSteps(steps);
  const divided = groups.some((g) => g.department !== null) && new Set(groups.map((g) => g.department)).size > 1;
  return (
    <>
      {groups.map((group, i) => (
        <div key={i} className="step-group">
          {divided && group.department && <h4>{group.department}</h4>}
          {group.heading && <h4>{group.heading}</h4>}
          <ol className="steps">
            {group.steps.map((step) => (
              <li key={step.position}>{step.text}</li>
            ))}
          </ol>
        </div>
      ))}
    </>
  );
}

/** Both sides of a duty: the department's (or the receiver's method) and the town's. */
export function DutySides({ duty }: { duty: DutyDetail }) {
  if (duty.list === "basic") return <p className="status">基本履职事项：乡镇必须为、负全责，清单未拆分步骤。</p>;
  if (duty.list === "reclaimed") {
    return (
      <section>
        <h3>承接部门及工作方式</h3>
        <Steps steps={duty.departmentSteps} />
      </section>
    );
  }
  return (
    <div className="two-sides">
      <section>
        <h3>上级部门职责</h3>
        <Steps steps={duty.departmentSteps} />
      </section>
      <section>
        <h3>乡镇配合职责</h3>
        <Steps steps={duty.townSteps} />
      </section>
    </div>
  );
}
