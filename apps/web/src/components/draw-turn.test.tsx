import { act, cleanup, render } from "@testing-library/react";
import { Suspense, useEffect } from "react";
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

  it("passes the turn on when a drawing leaves while holding it, and forgets one that leaves while waiting", async () => {
    const log: string[] = [];
    // A drawing whose code never arrives: granted the turn, its transition never commits.
    const NeverReady = (): never => {
      throw new Promise(() => {});
    };
    const page = (stuck: boolean, waiting: boolean) => (
      <Suspense fallback={null}>
        {stuck && (
          <DrawTurn>
            <NeverReady />
          </DrawTurn>
        )}
        {waiting && (
          <DrawTurn>
            <Drawn name="w" log={log} />
          </DrawTurn>
        )}
        <DrawTurn>
          <Drawn name="d" log={log} />
        </DrawTurn>
      </Suspense>
    );
    const view = render(page(true, true));
    await settle();
    // The stuck drawing holds the turn: nothing after it draws.
    expect(log).toEqual([]);
    expect(allDrawn()).toBe(false);
    // w leaves its place in the queue, then the stuck one leaves holding the turn: d draws.
    view.rerender(page(true, false));
    await settle();
    expect(log).toEqual([]);
    view.rerender(page(false, false));
    await settle();
    expect(log).toEqual(["d"]);
    expect(allDrawn()).toBe(true);
  });
});
