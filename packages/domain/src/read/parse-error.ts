import { LIST_TITLES, type ListKind } from "../types.ts";
import type { Location } from "./blocks.ts";

export type ParseErrorCode =
  | "not-a-duty-list"
  | "unsupported-format"
  | "bad-file"
  | "bad-encoding"
  | "too-large"
  | "row-before-header"
  | "column-count"
  | "bad-header"
  | "bad-seq"
  | "bad-list-kind"
  | "seq-order"
  | "empty-cell"
  | "empty-list"
  | "no-separator"
  | "no-town"
  | "bad-cell"
  | "duplicate-list";

/** A document that cannot be read as a duty list, located to the line (or sheet and cell, or page). */
export class ParseError extends Error {
  override readonly name = "ParseError";
  /** 1-based reading-order line (the line of a text file). */
  readonly line: number;
  /** The place as printed after the file name: "12", "基本履职!B5", "第 3 页". */
  readonly at: string;
  constructor(
    readonly code: ParseErrorCode,
    where: number | Location,
    readonly list: ListKind | null,
    readonly column: string | null,
    /** The offending text, cut to a readable length. */
    readonly text: string,
    readonly detail: string,
  ) {
    const loc = typeof where === "number" ? { line: where, at: String(where) } : where;
    super(`${placeOf(loc)}：${body(list, column, detail, text)}`);
    this.line = loc.line;
    this.at = loc.at;
  }

  /** One line naming file, place and problem, for CLI and API messages: `file:12: …`, `file:基本!B5: …`. */
  describe(file: string): string {
    return `${file}:${this.at}: ${body(this.list, this.column, this.detail, this.text)}`;
  }

  toJSON() {
    return {
      code: this.code,
      line: this.line,
      at: this.at,
      list: this.list,
      column: this.column,
      text: this.text,
      message: this.message,
    };
  }
}

/** 「第 12 行」 for a line of text, the place itself otherwise (「基本履职!B5」, 「第 3 页」). */
export function placeOf(loc: Location): string {
  return loc.at === String(loc.line) ? `第 ${loc.line} 行` : loc.at;
}

function body(list: ListKind | null, column: string | null, detail: string, text: string): string {
  const where = `${list ? `${LIST_TITLES[list]}，` : ""}${column ? `「${column}」列：` : ""}`;
  return `${where}${detail}${text ? `：${clip(text)}` : ""}`;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine;
}
