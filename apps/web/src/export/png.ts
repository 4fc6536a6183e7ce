import { downloadBlob } from "./table.ts";

/** Marks controls (export buttons, links) that belong on screen but not in an exported image. */
export const NO_EXPORT_CLASS = "no-export";

/**
 * Renders a chart card (title, scope, source, chart and its HTML legend) to PNG at `pixelRatio`×
 * its on-screen size, so a 2× image stays sharp on a projector or in a printed report.
 */
export async function renderPng(node: HTMLElement, pixelRatio: number): Promise<Blob> {
  const { toBlob } = await import("html-to-image");
  const blob = await toBlob(node, {
    pixelRatio,
    backgroundColor: getComputedStyle(document.body).backgroundColor,
    // Fonts are system fonts; embedding would refetch every stylesheet for nothing.
    skipFonts: true,
    filter: (el) => !(el instanceof Element && el.classList.contains(NO_EXPORT_CLASS)),
  });
  if (!blob) throw new Error("PNG export produced no image");
  return blob;
}

export async function downloadPng(node: HTMLElement, pixelRatio: number, filename: string): Promise<void> {
  downloadBlob(await renderPng(node, pixelRatio), `${filename}@${pixelRatio}x.png`);
}
