import { LIST_LABELS, type ListKind } from "@duty/domain";
import { LIST_COLOURS } from "../charts/colours.ts";

/** The list a duty is on, as a small badge in the list's chart colour (基本履职 / 配合履职 / 上级部门收回). */
export function ListBadge({ list }: { list: ListKind }) {
  return (
    <span className="list-badge" style={{ background: LIST_COLOURS[list] }}>
      {LIST_LABELS[list].replace("事项", "")}
    </span>
  );
}
