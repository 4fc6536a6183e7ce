import { describe, expect, it } from "vitest";
import { buildChartSvg, sanitiseSvg } from "./svg.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

function parse(markup: string): Element {
  return new DOMParser().parseFromString(markup, "image/svg+xml").documentElement;
}

describe("sanitiseSvg", () => {
  it("removes scripts, handlers, foreign content and non-local links but keeps Chinese text", () => {
    const root = parse(`<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
      <script>alert(2)</script>
      <g onclick="alert(3)" ONMOUSEOVER="alert(4)"><text x="1" y="2">党的建设</text></g>
      <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(5)"/></div></foreignObject>
      <a href="javascript:alert(6)"><rect width="1" height="1" fill="url(#ok)"/></a>
      <a xlink:href="https://evil.example/"><text>外链</text></a>
      <use href="#local"/>
      <set attributeName="onmouseover" to="alert(7)"/>
      <rect style="fill: url(https://evil.example/x)" clip-path="url(#recharts1-clip)"/>
    </svg>`);
    sanitiseSvg(root);
    const out = new XMLSerializer().serializeToString(root);
    expect(out).toContain("党的建设");
    expect(out).toContain("外链");
    expect(out).not.toMatch(/<script|<foreignObject|<set|<img/iu);
    expect(out).not.toMatch(/\son[a-z]+=/iu);
    expect(out).not.toMatch(/javascript:|evil\.example/iu);
    expect(out).toContain('href="#local"');
    expect(out).toContain('clip-path="url(#recharts1-clip)"');
    expect(out).toContain('fill="url(#ok)"');
  });
});

describe("buildChartSvg", () => {
  it("writes a standalone SVG with title, scope, source and legend as text", () => {
    const chart = document.createElementNS(SVG_NS, "svg");
    chart.setAttribute("width", "400");
    chart.setAttribute("height", "200");
    chart.innerHTML = `<rect width="10" height="20" fill="var(--list-basic)" onclick="x()"/><text>社会保障</text><script>bad()</script>`;
    document.body.append(chart);
    const svg = buildChartSvg(chart, {
      title: "各类别事项数",
      scope: "兰州湾镇",
      source: "xinjiang-changji-manas-lanzhouwan.txt",
      legend: [{ label: "基本履职事项", colour: "var(--list-basic)" }],
    });
    chart.remove();
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const doc = parse(svg.slice(svg.indexOf("\n") + 1));
    expect(doc.localName).toBe("svg");
    const texts = Array.from(doc.querySelectorAll("text")).map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["各类别事项数", "社会保障", "基本履职事项"]));
    expect(texts.some((t) => t?.includes("兰州湾镇") && t.includes("xinjiang-changji-manas-lanzhouwan.txt"))).toBe(true);
    expect(svg).not.toMatch(/<script|\sonclick=/iu);
    // The nested chart keeps its size; the outer one adds header and legend around it.
    expect(Number(doc.getAttribute("height"))).toBeGreaterThan(200);
  });
});
