import { cellToText } from "../recognise/cell-text.ts";
import { splitDepartmentNote, UNIT_SUFFIX } from "./normalise.ts";

/** One department as a cell writes it, with the vague tail that followed it (及其他负有…的部门). */
export interface DepartmentPart {
  text: string;
  note: string | null;
}

/** Longest department cell split at all; the seed's longest (eight departments) has 130 characters. */
export const MAX_CELL_CHARS = 2000;

// Role marks say how a department takes part, not which one it is: 县民政局（牵头）.
const ROLE_MARK = /[（(]\s*(牵头|配合|主责|主办|协办|负责|责任|主要|协助|参与)(部门|单位)?\s*[)）]/gu;
const ROLE_LABEL = /(牵头|配合|主责|主办|协办|责任)(部门|单位)[：:]/gu;
// 和 / 及 / 与 join two departments only where both sides are whole names: 县委宣传部和县文旅局,
// never inside one (住房和城乡建设局, 商务和工业信息化局, 文化体育广播电视台和旅游局).
const JOINER = /[和及与]/gu;

/**
 * Splits a department cell into the departments it names: separators 、，,；;/ and line breaks
 * always; spaces, 和, 及 and 与 only between two whole unit names. Role marks are dropped.
 */
export function splitDepartmentCell(cell: string): DepartmentPart[] {
  // No real cell is this long; returned whole, so the caller refuses it rather than split it piece by piece.
  if (cell.length > MAX_CELL_CHARS) return [{ text: cell, note: null }];
  const text = cellToText(cell).replace(ROLE_MARK, "").replace(ROLE_LABEL, "\n");
  const out: DepartmentPart[] = [];
  for (const chunk of text.split(/[、，,；;/／\n]/u)) {
    for (const piece of joinUnits(chunk.split(/[\s\u3000]+/u).filter(Boolean))) {
      const { name, note } = splitDepartmentNote(piece);
      const names = splitJoined(name);
      for (const [i, n] of names.entries()) out.push({ text: n, note: i === names.length - 1 ? note : null });
    }
  }
  return out.filter((p) => p.text.length > 0);
}

/** Space-separated pieces are separate departments only when each ends like a unit's name. */
function joinUnits(pieces: string[]): string[] {
  const out: string[] = [];
  let pending = "";
  for (const piece of pieces) {
    pending += piece;
    if (UNIT_SUFFIX.test(pending) || /及其他|等/u.test(pending)) {
      out.push(pending);
      pending = "";
    }
  }
  if (pending) {
    if (out.length > 0) out[out.length - 1] += pending;
    else out.push(pending);
  }
  return out;
}

function splitJoined(name: string): string[] {
  for (const m of name.matchAll(JOINER)) {
    const left = name.slice(0, m.index);
    const right = name.slice(m.index + 1);
    if (left.length >= 3 && right.length >= 3 && UNIT_SUFFIX.test(left) && UNIT_SUFFIX.test(right) && !/^其他/u.test(right)) {
      return [left, ...splitJoined(right)];
    }
  }
  return [name];
}
