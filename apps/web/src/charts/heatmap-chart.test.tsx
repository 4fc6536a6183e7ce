import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HeatmapChart, type HeatmapData } from "./heatmap-chart.tsx";

const data: HeatmapData = {
  departments: [
    { id: 2, name: "玛纳斯县农业农村局", label: "农业农村局" },
    { id: 1, name: "玛纳斯县委组织部", label: "组织部" },
  ],
  categories: [
    { id: 1, name: "党的建设" },
    { id: 5, name: "乡村振兴" },
    { id: 9, name: "社会保障" },
  ],
  cells: [
    { departmentId: 2, categoryId: 5, value: 15 },
    { departmentId: 1, categoryId: 1, value: 8 },
  ],
  max: 15,
};

afterEach(cleanup);

describe("HeatmapChart", () => {
  it("draws one cell per department × category with the scale's colours", () => {
    const { container } = render(<HeatmapChart data={data} onSelect={() => {}} />);
    const cells = container.querySelectorAll("rect.cell");
    expect(cells).toHaveLength(6);
    const full = container.querySelector('rect[data-department="玛纳斯县农业农村局"][data-category="乡村振兴"]')!;
    expect(full.getAttribute("data-value")).toBe("15");
    expect(full.getAttribute("fill")).toBe("var(--heat-5)");
    const empty = container.querySelector('rect[data-department="玛纳斯县委组织部"][data-category="社会保障"]')!;
    expect(empty.getAttribute("fill")).toBe("var(--heat-0)");
    expect(empty.getAttribute("tabindex")).toBeNull();
    expect(container.querySelector('rect[data-value="8"]')!.getAttribute("fill")).toBe("var(--heat-3)");
    expect(Array.from(container.querySelectorAll("text")).map((t) => t.textContent)).toEqual(
      expect.arrayContaining(["党的建设", "农业农村局", "15", "8"]),
    );
  });

  it("drills down from a filled cell by click or keyboard, and ignores empty cells", () => {
    const onSelect = vi.fn();
    const { container } = render(<HeatmapChart data={data} onSelect={onSelect} />);
    fireEvent.click(container.querySelector('rect[data-value="15"]')!);
    fireEvent.keyDown(container.querySelector('rect[data-value="8"]')!, { key: "Enter" });
    fireEvent.click(container.querySelector('rect[data-department="玛纳斯县委组织部"][data-category="社会保障"]')!);
    expect(onSelect.mock.calls).toEqual([
      [2, 5],
      [1, 1],
    ]);
  });

  it("shows a tooltip naming department, category and count", () => {
    const { container, getByRole } = render(<HeatmapChart data={data} onSelect={() => {}} />);
    fireEvent.mouseEnter(container.querySelector('rect[data-value="15"]')!);
    expect(getByRole("tooltip").textContent).toBe("玛纳斯县农业农村局乡村振兴：15 项");
  });
});
