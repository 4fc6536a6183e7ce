import { LIST_TITLES, type ListKind } from "../types.ts";

export type ParseErrorCode =
  | "not-a-duty-list"
  | "bad-encoding"
  | "too-large"
  | "row-before-header"
  | "column-count"
  | "bad-header"
  | "bad-seq"
  | "seq-order"
  | "empty-cell"
  | "no-separator"
  | "no-town"
  | "bad-cell"
  | "duplicate-list";

/** A document that cannot be read as a duty list, located to the line. */
export class ParseError extends Error {
  override readonly name = "ParseError";
  constructor(
    readonly code: ParseErrorCode,
    /** 1-based line in the document. */
    readonly line: number,
    readonly list: ListKind | null,
    readonly column: string | null,
    /** The offending text, cut to a readable length. */
    readonly text: string,
    readonly detail: string,
  ) {
    super(`第 ${line} 行：${body(list, column, detail, text)}`);
  }

  /** One line naming file, line and problem, for CLI and API messages. */
  describe(file: string): string {
    return `${file}:${this.line}: ${body(this.list, this.column, this.detail, this.text)}`;
  }

  toJSON() {
    return {
      code: this.code,
      line: this.line,
      list: this.list,
      column: this.column,
      text: this.text,
      message: this.message,
    };
  }
}

function body(list: ListKind | null, column: string | null, detail: string, text: string): string {
  const where = `${list ? `${LIST_TITLES[list]}，` : ""}${column ? `「${column}」列：` : ""}`;
  return `${where}${detail}${text ? `：${clip(text)}` : ""}`;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine;
}
