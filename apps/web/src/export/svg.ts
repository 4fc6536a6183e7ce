import { downloadBlob } from "./table.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

/** What an exported image names besides the chart itself. */
export interface ExportMeta {
  title: string;
  scope: string;
  source: string;
  legend: { label: string; colour: string }[];
}

// Elements that run code, load something, or can rewrite attributes after load (<set attributeName="onclick">).
const FORBIDDEN = new Set([
  "script",
  "foreignobject",
  "iframe",
  "object",
  "embed",
  "audio",
  "video",
  "canvas",
  "handler",
  "listener",
  "animate",
  "animatemotion",
  "animatetransform",
  "set",
  "style",
  "image",
]);
const DANGEROUS_VALUE = /^\s*(?:javascript|vbscript|data):|expression\s*\(|url\s*\(\s*(?!['"]?#)/iu;

/**
 * Leaves only inert vector markup: no scripts, no event handlers, no external or javascript: links.
 * Runs on a detached tree after styles are inlined, so removing <style> loses nothing.
 */
export function sanitiseSvg(root: Element): void {
  const elements = [root, ...Array.from(root.querySelectorAll("*"))];
  for (const el of elements) {
    if (FORBIDDEN.has(el.localName.toLowerCase())) {
      el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const isLink = name === "href" || name.endsWith(":href");
      if (name.startsWith("on") || DANGEROUS_VALUE.test(attr.value) || (isLink && !attr.value.trim().startsWith("#"))) {
        el.removeAttributeNode(attr);
      }
    }
  }
}

// The exported file has no stylesheet and no CSS variables: painted properties are copied as resolved.
const PAINT = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "visibility",
] as const;

/**
 * Writes each element's resolved paint where it differs from its parent's, so the file stays
 * small (inheritance fills in the rest) yet looks the same without the page's CSS.
 */
function inlineComputedStyles(source: SVGSVGElement, clone: SVGSVGElement): void {
  const from = [source, ...Array.from(source.querySelectorAll("*"))];
  const to = [clone, ...Array.from(clone.querySelectorAll("*"))];
  const styles = new Map<Element, CSSStyleDeclaration>(from.map((el) => [el, getComputedStyle(el)]));
  from.forEach((el, i) => {
    const target = to[i];
    if (!target) return;
    const style = styles.get(el)!;
    const parent = el === source ? undefined : el.parentElement ? styles.get(el.parentElement) : undefined;
    if (style.display === "none") target.setAttribute("display", "none");
    for (const property of PAINT) {
      const value = style.getPropertyValue(property);
      if (value && value !== parent?.getPropertyValue(property)) target.setAttribute(property, value);
    }
    // Opacity multiplies down the tree instead of inheriting: write every element's own.
    if (style.opacity !== "1") target.setAttribute("opacity", style.opacity);
    target.removeAttribute("style");
    target.removeAttribute("class");
  });
}

function resolveColour(colour: string): string {
  const probe = document.createElement("span");
  probe.style.color = colour;
  document.body.append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || colour;
}

function textWidth(text: string, size: number): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffff]/u.test(ch) ? size : size * 0.6;
  return width;
}

function svgEl(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * A standalone SVG document of the chart with its title, scope, source and legend drawn as
 * vector text, so it opens the same in Illustrator, Inkscape or a browser.
 */
export function buildChartSvg(chart: SVGSVGElement, meta: ExportMeta): string {
  const box = chart.getBoundingClientRect();
  const chartWidth = Math.ceil(box.width || Number(chart.getAttribute("width")) || 800);
  const chartHeight = Math.ceil(box.height || Number(chart.getAttribute("height")) || 400);
  const pad = 16;
  const font = getComputedStyle(chart).fontFamily || "sans-serif";
  const text = getComputedStyle(document.body).color || "#000";
  const width = chartWidth + pad * 2;

  const root = svgEl("svg", { xmlns: SVG_NS, "xmlns:xlink": XLINK_NS, "font-family": font });
  root.append(svgEl("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: resolveColour("var(--bg)") }));
  root.append(svgEl("text", { x: pad, y: pad + 20, "font-size": 20, "font-weight": 700, fill: text }, meta.title));
  root.append(svgEl("text", { x: pad, y: pad + 44, "font-size": 13, fill: text }, `范围：${meta.scope}　来源：${meta.source}`));

  const clone = chart.cloneNode(true) as SVGSVGElement;
  inlineComputedStyles(chart, clone);
  clone.setAttribute("x", String(pad));
  clone.setAttribute("y", String(pad + 60));
  clone.setAttribute("width", String(chartWidth));
  clone.setAttribute("height", String(chartHeight));
  root.append(clone);

  let x = pad;
  let y = pad + 60 + chartHeight + 12;
  for (const item of meta.legend) {
    const w = 14 + 6 + textWidth(item.label, 13) + 18;
    if (x + w > width - pad && x > pad) {
      x = pad;
      y += 22;
    }
    root.append(svgEl("rect", { x, y, width: 14, height: 14, rx: 2, fill: resolveColour(item.colour) }));
    root.append(svgEl("text", { x: x + 20, y: y + 12, "font-size": 13, fill: text }, item.label));
    x += w;
  }
  const height = y + (meta.legend.length ? 22 : 0) + pad;
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);

  sanitiseSvg(root);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
}

export function downloadSvg(chart: SVGSVGElement, meta: ExportMeta, filename: string): void {
  downloadBlob(new Blob([buildChartSvg(chart, meta)], { type: "image/svg+xml;charset=utf-8" }), `${filename}.svg`);
}
