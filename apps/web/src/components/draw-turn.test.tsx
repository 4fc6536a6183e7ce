import { act, cleanup, render } from "@testing-library/react";
import { useEffect } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { DrawTurn, allDrawn } from "./draw-turn.tsx";

afterEach(cleanup);

/** A chart that notes when it has been drawn (committed). */
function Drawn({ name, log }: { name: string; log: string[] }) {
  useEffect(() => {
    log.push(name);
  }, [name, log]);
  return <span data-chart={name}>{name}</span>;
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 20)));

describe("DrawTurn", () => {
  it("draws charts one after another in the order they became ready, skipping one without rows", async () => {
    const log: string[] = [];
    const page = (second: boolean) => (
      <>
        <DrawTurn>
          <Drawn name="a" log={log} />
        </DrawTurn>
        <DrawTurn>{second && <Drawn name="b" log={log} />}</DrawTurn>
        <DrawTurn>
          <Drawn name="c" log={log} />
        </DrawTurn>
      </>
    );
    const view = render(page(false));
    await settle();
    // b has no rows yet: it neither draws nor holds up c, nor keeps the page from counting as drawn (print).
    expect(log).toEqual(["a", "c"]);
    expect(allDrawn()).toBe(true);
    view.rerender(page(true));
    await settle();
    expect(log).toEqual(["a", "c", "b"]);
    expect(Array.from(view.container.querySelectorAll("[data-chart]")).map((e) => e.textContent)).toEqual(["a", "b", "c"]);
  });
});
