import { createContext, useContext } from "react";

/** What every exported image and file names: the scope shown and the documents behind it. */
export interface ExportContext {
  scope: string;
  source: string;
}

export const ExportContextValue = createContext<ExportContext>({ scope: "全部", source: "" });

export function useExportContext(): ExportContext {
  return useContext(ExportContextValue);
}
