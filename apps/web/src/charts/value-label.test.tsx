import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { endLabel, insideLabel, topLabel } from "./value-label.tsx";

afterEach(cleanup);

const style = { format: (v: unknown) => `${String(v)}项`, fill: "#000", fontSize: 12, className: "bar-value" };
const draw = (label: ReturnType<typeof endLabel>, props: Record<string, number>) => {
  const { container } = render(<svg aria-label="chart">{label(props as never)}</svg>);
  return container.querySelector("text");
};

describe("bar value labels", () => {
  it("prints a value 5 px past the end of a horizontal bar, on the left of one drawn leftwards", () => {
    const right = draw(endLabel(style), { x: 100, y: 20, width: 50, height: 10, value: 7 })!;
    expect([right.getAttribute("x"), right.getAttribute("y"), right.getAttribute("text-anchor"), right.textContent]).toEqual([
      "155",
      "25",
      "start",
      "7项",
    ]);
    const left = draw(endLabel(style), { x: 100, y: 20, width: -50, height: 10, value: -3 })!;
    expect([left.getAttribute("x"), left.getAttribute("text-anchor")]).toEqual(["45", "end"]);
  });

  it("prints a value centred 5 px above a vertical bar", () => {
    const top = draw(topLabel(style), { x: 10, y: 200, width: 40, height: 80, value: 109 })!;
    expect([top.getAttribute("x"), top.getAttribute("y"), top.getAttribute("text-anchor"), top.textContent]).toEqual([
      "30",
      "195",
      "middle",
      "109项",
    ]);
  });

  it("prints a segment's value inside it only where it fits", () => {
    // "12项": 0.6 em + 0.6 em + 1 em at 12 px = 26.4 px, plus 6 px of margin.
    expect(draw(insideLabel(style), { x: 0, y: 0, width: 33, height: 20, value: 12 })?.textContent).toBe("12项");
    expect(draw(insideLabel(style), { x: 0, y: 0, width: 32, height: 20, value: 12 })).toBeNull();
    expect(draw(insideLabel(style), { x: 0, y: 0, width: 100, height: 11, value: 12 })).toBeNull();
    expect(draw(insideLabel(style), { x: 0, y: 0, width: 100, height: 20, value: 0 })).toBeNull();
  });
});
