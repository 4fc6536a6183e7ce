/*
 * A report as content, before any file format: a title page, then headings, paragraphs, figures
 * and tables in reading order. The builders of the overview and comparison reports produce this
 * from API answers; docx.ts writes it. Figures and tables are numbered (图 1, 表 1) when written.
 */

/** A chart rendered to PNG: the bytes and their size in pixels (already at the export's pixel ratio). */
export interface ReportImage {
  png: Uint8Array;
  width: number;
  height: number;
}

/** A fraction (0.557) printed and stored as a percentage (55.7%). */
export interface ShareCell {
  share: number;
}

export type ReportCell = string | number | ShareCell | null;

export interface ReportColumn {
  label: string;
  /** Relative width; the table fills the text width. */
  width?: number;
}

export type ReportBlock =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "figure"; title: string; note?: string | undefined; image: ReportImage }
  | {
      kind: "table";
      title: string;
      note?: string | undefined;
      columns: ReportColumn[];
      rows: ReportCell[][];
      /** A last row in bold (合计), figures from the API like the rest. */
      total?: ReportCell[] | undefined;
    };

export interface ReportDocument {
  title: string;
  /** The title page's facts: 范围, 版本, 导出日期, 来源 … */
  facts: { label: string; value: string }[];
  /** Running header on every page after the title page (scope and export date). */
  header: string;
  blocks: ReportBlock[];
  /** Document properties. */
  subject: string;
  keywords: string;
}

export function isShare(cell: ReportCell): cell is ShareCell {
  return typeof cell === "object" && cell !== null;
}
