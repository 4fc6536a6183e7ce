import { LIST_LABELS } from "@duty/domain";
import type { DataTable } from "../../export/table.ts";
import type { DutySummary } from "./duty-search.ts";

function names(duty: DutySummary, role: "lead" | "receiver"): string {
  return duty.departments
    .filter((d) => d.role === role)
    .map((d) => d.name)
    .join("、");
}

/** The duty table as exported: the rows the filters select, departments joined as the documents join them. */
export function dutiesTable(duties: readonly DutySummary[]): DataTable {
  return {
    columns: ["乡镇", "清单", "序号", "事项类别", "事项名称", "牵头部门", "承接部门"],
    rows: duties.map((d) => [d.town, LIST_LABELS[d.list], d.seq, d.category, d.name, names(d, "lead"), names(d, "receiver")]),
  };
}
