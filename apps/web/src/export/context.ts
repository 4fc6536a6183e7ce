import { createContext, useContext } from "react";

/**
 * What every exported image, file and report names besides its numbers: a chart or table is
 * meaningless once it leaves the dashboard unless it says which place and which revisions it counts.
 */
export interface ExportContext {
  /** The scope in words: 兰州湾镇 · 2025年6月30日版, 玛纳斯县（2 个乡镇，各取最新版本）. */
  scope: string;
  /** The place alone, for file names: 兰州湾镇, 玛纳斯县, 全国. */
  place: string;
  /** The revisions read, by readable label (not file name). */
  revisions: string;
  /** The documents they were imported from, by file name, for whoever needs to trace a figure. */
  files: string;
}

export const ExportContextValue = createContext<ExportContext>({ scope: "全部乡镇", place: "全国", revisions: "", files: "" });

export function useExportContext(): ExportContext {
  return useContext(ExportContextValue);
}

/** Today as YYYY-MM-DD in the reader's time zone: the export date files and reports carry. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
