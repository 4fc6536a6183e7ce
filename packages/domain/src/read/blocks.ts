/*
 * What every format reader produces: the document as a person reads it, in order — paragraphs
 * (titles, notices, notes) and table rows of cells. The list recogniser (../recognise/) works on
 * these alone, so a fix there helps every format.
 */

/** Where something sits in its file, for messages a person can follow to the place. */
export interface Location {
  /**
   * Reading-order number, 1-based: the line of a text file; in other formats a running number
   * over the blocks of the document, so findings sort in document order.
   */
  line: number;
  /**
   * The place as messages print it after the file name: "12" (a line), "基本履职!B5" (sheet and
   * cell), "表格 2 第 5 行", "第 3 页". For text formats it is the line number itself.
   */
  at: string;
}

export interface Cell {
  /** The cell's text; line breaks inside the cell are kept as "\n". */
  text: string;
  /**
   * True when the text was copied from the cell above because both lie in one vertically merged
   * cell (Excel merge, Word vMerge, HTML rowspan). The recogniser uses it to tell a merged 类别 or
   * a duty spread over several department rows from a row that repeats its neighbour's text.
   */
  fromAbove?: boolean;
  /** The cell's own place where the format has one (Excel "B5"), else the row's. */
  at?: string;
}

/** A paragraph or a line outside any table: a title, a heading, a notice, a note. */
export interface TextBlock {
  kind: "text";
  text: string;
  loc: Location;
  /**
   * A line of a text-like format (plain text, CSV, Markdown) that has no cells. Between two rows of
   * one table it may be a row broken in two, so the recogniser refuses it there rather than guess;
   * a Word or HTML paragraph is never loose: the file says it is not part of a table.
   */
  loose?: boolean;
  /** "sheet": the name of an Excel sheet, a weak hint for the list it holds. */
  role?: "sheet";
}

/** One row of a table. Horizontally merged cells keep their text in the first cell, the rest are "". */
export interface RowBlock {
  kind: "row";
  cells: Cell[];
  loc: Location;
  /** Which table of the document the row belongs to (0-based); a new table may start a new list. */
  table: number;
}

export type Block = TextBlock | RowBlock;

export type DocumentFormat = "text" | "csv" | "markdown" | "html" | "docx" | "xlsx" | "pdf";

/** Chinese names of the formats, for messages. */
export const FORMAT_LABELS: Record<DocumentFormat, string> = {
  text: "文本",
  csv: "CSV",
  markdown: "Markdown",
  html: "网页（HTML）",
  docx: "Word 文档（.docx）",
  xlsx: "Excel 工作簿（.xlsx）",
  pdf: "PDF",
};
