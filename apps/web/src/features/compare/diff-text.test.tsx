import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { charDiff } from "./char-diff.ts";
import { DiffText } from "./diff-text.tsx";

afterEach(cleanup);

describe("DiffText", () => {
  it("wraps only the edited characters, in <del> before and <ins> after", () => {
    const d = charDiff("提升全民科学素质和生产技能", "提升全民科学素质和劳动技能");
    const before = render(<DiffText segments={d.before} side="before" />).container;
    const after = render(<DiffText segments={d.after} side="after" />).container;
    expect(Array.from(before.querySelectorAll("del")).map((e) => e.textContent)).toEqual(["生产"]);
    expect(before.querySelectorAll("ins")).toHaveLength(0);
    expect(Array.from(after.querySelectorAll("ins")).map((e) => e.textContent)).toEqual(["劳动"]);
    expect(before.textContent).toBe("提升全民科学素质和生产技能");
    expect(after.textContent).toBe("提升全民科学素质和劳动技能");
  });

  it("renders markup in a duty name as text", () => {
    const d = charDiff("收养登记", '<img src=x onerror="window.__x=1">收养登记');
    const { container } = render(<DiffText segments={d.after} side="after" />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("ins")!.textContent).toBe('<img src=x onerror="window.__x=1">');
  });
});
