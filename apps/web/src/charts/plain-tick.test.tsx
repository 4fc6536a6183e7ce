import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PlainLabel, PlainTick } from "./plain-tick.tsx";

const draw = (props: Parameters<typeof PlainTick>[0]) => {
  const { container } = render(<svg aria-label="axis">{PlainTick(props)}</svg>);
  return container.querySelector("text")!;
};

describe("PlainTick", () => {
  it("puts the label where recharts placed it, its first line against y as recharts' Text does", () => {
    const under = draw({ x: 40, y: 300, payload: { value: 10 }, textAnchor: "middle", verticalAnchor: "start" });
    expect([under.getAttribute("x"), under.getAttribute("y"), under.getAttribute("dy")]).toEqual(["40", "300", "0.71em"]);
    expect(under.getAttribute("text-anchor")).toBe("middle");
    const left = draw({ x: 100, y: 20, payload: { value: "社会保障" }, textAnchor: "end", verticalAnchor: "middle" });
    expect([left.getAttribute("dy"), left.getAttribute("text-anchor"), left.textContent]).toEqual(["0.355em", "end", "社会保障"]);
    expect(draw({ x: 0, y: 0, payload: { value: 1 }, verticalAnchor: "end" }).getAttribute("dy")).toBe("0");
  });

  it("prints the axis's formatted value, with the tick's index", () => {
    const seen: unknown[] = [];
    const text = draw({
      x: 0,
      y: 0,
      index: 3,
      payload: { value: 12000 },
      tickFormatter: ((value: number, index: number) => {
        seen.push([value, index]);
        return `${value / 1000}k`;
      }) as never,
    });
    expect(text.textContent).toBe("12k");
    expect(seen).toEqual([[12000, 3]]);
  });
});

describe("PlainLabel", () => {
  const label = (props: Parameters<typeof PlainLabel>[0]) => {
    const { container } = render(<svg aria-label="axis">{PlainLabel(props)}</svg>);
    const text = container.querySelector("text")!;
    return [text.getAttribute("x"), text.getAttribute("y"), text.getAttribute("text-anchor"), text.getAttribute("dy"), text.textContent];
  };

  it("anchors the text as recharts' Label does at its position: after a point on the right, above it on top", () => {
    // Recharts' Text: a line anchored in its middle sits 0.355em below y, one anchored at its end on y.
    expect(label({ x: 500, y: 312, value: "（项）", position: "right" })).toEqual(["500", "312", "start", "0.355em", "（项）"]);
    expect(label({ x: 48, y: 16, value: "（项）", position: "top" })).toEqual(["48", "16", "middle", "0", "（项）"]);
  });
});
