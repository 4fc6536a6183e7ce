import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BarPath, taggedBar } from "./tagged-bar.tsx";

afterEach(cleanup);

const props = (value: number) => ({ x: 0, y: 0, width: 40, height: 10, payload: { category: "社会保障", basic: value } }) as never;

describe("taggedBar", () => {
  it("is a button Enter or Space drills down from, saying what it counts", () => {
    const onActivate = vi.fn();
    const Bar = taggedBar({ labelKey: "category", dataKey: "basic", seriesName: "基本履职事项", onActivate });
    const { container } = render(<svg aria-label="社会保障">{Bar(props(9))}</svg>);
    const bar = container.querySelector("g.bar")!;
    expect(bar.getAttribute("tabindex")).toBe("0");
    expect(bar.getAttribute("role")).toBe("button");
    expect(bar.getAttribute("aria-label")).toBe("社会保障 · 基本履职事项：9项，按回车查看这些事项");
    fireEvent.keyDown(bar, { key: "Enter" });
    fireEvent.keyDown(bar, { key: " " });
    fireEvent.keyDown(bar, { key: "a" });
    expect(onActivate.mock.calls).toEqual([[{ category: "社会保障", basic: 9 }], [{ category: "社会保障", basic: 9 }]]);
  });

  it("leaves empty segments and bars without a drill-down out of the tab order", () => {
    const { container } = render(
      <svg aria-label="社会保障">
        {taggedBar({ labelKey: "category", dataKey: "basic", seriesName: "基本履职事项", onActivate: () => {} })(props(0))}
        {taggedBar({ labelKey: "category", dataKey: "basic", seriesName: "基本履职事项" })(props(5))}
      </svg>,
    );
    expect(Array.from(container.querySelectorAll("g.bar")).map((g) => g.getAttribute("tabindex"))).toEqual([null, null]);
  });

  it("draws its labels after the bar, from the drawn bar's box, outside the bar's own group", () => {
    const Bar = taggedBar({
      labelKey: "category",
      dataKey: "basic",
      seriesName: "基本履职事项",
      series: "left",
      labels: (bar) => <text className="v">{`${bar.x},${bar.width}:${String((bar.payload as { basic: number }).basic)}`}</text>,
    });
    const { container } = render(<svg aria-label="社会保障">{Bar(props(7))}</svg>);
    const [bar, label] = Array.from(container.querySelector("svg")!.children);
    expect(bar!.getAttribute("data-series")).toBe("left");
    expect(bar!.getAttribute("data-value")).toBe("7");
    expect(label!.outerHTML).toBe('<text class="v">0,40:7</text>');
  });
});

describe("BarPath", () => {
  const d = (box: { x: number; y: number; width: number; height: number }) => {
    const { container } = render(<svg aria-label="bar">{BarPath({ ...box, fill: "#123456" })}</svg>);
    const path = container.querySelector("path");
    return path && [path.getAttribute("d"), path.getAttribute("fill")];
  };

  it("outlines the bar's box from its corner, leftwards when its width is negative", () => {
    expect(d({ x: 10, y: 20, width: 30, height: 8 })).toEqual(["M10,20h30v8h-30Z", "#123456"]);
    expect(d({ x: 100, y: 0, width: -25, height: 8 })).toEqual(["M100,0h-25v8h25Z", "#123456"]);
  });

  it("draws nothing for a bar with no length or no thickness, as recharts' Rectangle", () => {
    expect(d({ x: 10, y: 20, width: 0, height: 8 })).toBeNull();
    expect(d({ x: 10, y: 20, width: 30, height: 0 })).toBeNull();
  });
});
