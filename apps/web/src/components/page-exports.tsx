import { type ReactNode, createContext, useContext, useEffect, useRef } from "react";
import type { DataTable, ExportedTable } from "../export/table.ts";

/**
 * The tables of every chart and table card on the page, so one click exports them all as one
 * workbook (a sheet each). Cards register themselves; the registry is read at click time, in the
 * order the cards stand on the page.
 */
interface Entry extends ExportedTable {
  id: string;
}

const Registry = createContext<Map<string, Entry> | null>(null);

export function PageExports({ children }: { children: ReactNode }) {
  const entries = useRef(new Map<string, Entry>());
  return <Registry.Provider value={entries.current}>{children}</Registry.Provider>;
}

/** Registers a card's table under its id (the card's data-chart) for as long as it is shown. */
export function useRegisterTable(id: string, title: string, table: DataTable, note?: string): void {
  const registry = useContext(Registry);
  useEffect(() => {
    registry?.set(id, { id, title, table, note });
    return () => void registry?.delete(id);
  }, [registry, id, title, table, note]);
}

/** Reads the page's tables, top to bottom as the cards stand. */
export function usePageTables(): () => ExportedTable[] {
  const registry = useContext(Registry);
  return () => {
    const order = Array.from(document.querySelectorAll("[data-chart]")).map((el) => el.getAttribute("data-chart"));
    return [...(registry?.values() ?? [])].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  };
}
