import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DutySides, type DutyDetail, groupSteps } from "./duty-steps.tsx";

afterEach(cleanup);

const step = (position: number, text: string, department: string | null = null, heading: string | null = null) => ({
  position,
  text,
  heading,
  department,
  departmentId: department ? position : null,
});

const duty: DutyDetail = {
  id: 1,
  townId: 3,
  town: "兰州湾镇",
  revisionId: 1,
  revisionLabel: "seed",
  list: "coordinated",
  seq: 83,
  categoryId: 16,
  category: "应急管理及消防",
  name: '<img src=x onerror="window.__x=1">',
  sourceLine: 275,
  departments: [],
  notes: [],
  departmentSteps: [
    step(1, "统筹自然灾害综合监测预警", "玛纳斯县应急管理局"),
    step(2, "<script>window.__y=1</script>汇总申报项目", "玛纳斯县应急管理局"),
    step(3, "统筹地质灾害监测", "玛纳斯县自然资源局"),
  ],
  townSteps: [step(1, "开展防灾减灾的宣传", null, "农药使用指导"), step(2, "建立风险隐患点清单", null, "农药使用指导")],
};

describe("groupSteps", () => {
  it("groups consecutive steps by department and heading", () => {
    expect(groupSteps(duty.departmentSteps).map((g) => [g.department, g.steps.length])).toEqual([
      ["玛纳斯县应急管理局", 2],
      ["玛纳斯县自然资源局", 1],
    ]);
    expect(groupSteps(duty.townSteps).map((g) => g.heading)).toEqual(["农药使用指导"]);
  });
});

describe("DutySides", () => {
  it("numbers each department's steps under its name and renders markup in cells as text", () => {
    const { container } = render(<DutySides duty={duty} />);
    expect(Array.from(container.querySelectorAll("h4")).map((h) => h.textContent)).toEqual([
      "玛纳斯县应急管理局",
      "玛纳斯县自然资源局",
      "农药使用指导",
    ]);
    expect(Array.from(container.querySelectorAll("ol")).map((ol) => ol.children.length)).toEqual([2, 1, 2]);
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toContain("<script>window.__y=1</script>汇总申报项目");
  });
});
