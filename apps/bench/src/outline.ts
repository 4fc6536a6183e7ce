import { LIST_KINDS, type ListKind } from "@duty/domain";

export type OutlineLine =
  | { kind: "blank" }
  | { kind: "title"; list: ListKind }
  | { kind: "header"; list: ListKind }
  | { kind: "row"; list: ListKind; index: number };

const BLANK: OutlineLine = { kind: "blank" };

/**
 * The seed's page layout, line by line: two blank lines, then for each list its title, a blank
 * line and its pages, each page a header row and its rows, pages parted by a blank line (the
 * leftovers of page breaks). The generator numbers lines with it and the renderer writes them,
 * so the two cannot disagree on where a row sits.
 */
export function* outline(pages: Record<ListKind, readonly number[]>): Generator<OutlineLine> {
  yield BLANK;
  for (const list of LIST_KINDS) {
    yield BLANK;
    yield { kind: "title", list };
    yield BLANK;
    let index = 0;
    for (const [p, rows] of pages[list].entries()) {
      if (p > 0) yield BLANK;
      yield { kind: "header", list };
      for (let r = 0; r < rows; r++) yield { kind: "row", list, index: index++ };
    }
  }
}
