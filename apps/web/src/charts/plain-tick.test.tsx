import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PlainTick } from "./plain-tick.tsx";

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
