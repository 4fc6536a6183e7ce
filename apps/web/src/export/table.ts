/** One cell of an exported table: numbers stay numbers so CSV and XLSX can keep their type. */
export type Cell = string | number | null;

/** Exactly what a chart drew (or what a filtered table shows), ready for CSV and XLSX. */
export interface DataTable {
  columns: string[];
  rows: Cell[][];
}

/** Browsers save a Blob through a temporary link; the link never reaches the page. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** File names keep Chinese text but lose characters Windows or a shell would choke on. */
export function safeFilename(...parts: string[]): string {
  return parts
    .filter(Boolean)
    .join("-")
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, "_")
    .replace(/\s+/gu, "_")
    .slice(0, 120);
}
