import { type ReactNode, startTransition, useEffect, useLayoutEffect, useRef, useState } from "react";

/*
 * Heavy drawings (every chart, a comparison's table of changes) draw one at a time, each as a
 * transition. A recharts chart costs 60–300 ms of main thread to mount on a slow laptop (the first
 * the most: its code runs for the first time); when a page's answers arrived together, drawing five
 * at once froze the overview for ~800 ms (one long task, scripts/bench-national.ts). One at a time,
 * in the order they became ready, lets the browser paint each as soon as it is drawn and answer
 * clicks and typing in between; the part of the work React can slice, it slices.
 */
const waiting: (() => void)[] = [];
let drawing = false;

/** Whether every drawing that was ready has been drawn: none waits for its turn, none is being drawn. */
export function allDrawn(): boolean {
  return !drawing && waiting.length === 0;
}

function grantNext(): void {
  const next = waiting.shift();
  drawing = next !== undefined;
  next?.();
}

/**
 * Renders `children` once it is their turn, and nothing before; a drawing that is not ready yet (no
 * rows: `children` null) waits without a turn. Once drawn it stays drawn, updating as usual. `name`
 * marks the task that draws it (performance.mark "drawn <name>") for scripts/long-tasks.ts.
 */
export function DrawTurn({ name, children }: { name?: string; children: ReactNode }) {
  const ready = children !== null && children !== undefined && children !== false;
  const [turn, setTurn] = useState(false);
  // Whether this chart holds the turn and must pass it on: when drawn, or when it goes first.
  const holding = useRef(false);

  useEffect(() => {
    if (!ready || turn) return;
    let gone = false;
    const grant = () => {
      if (gone) return grantNext();
      holding.current = true;
      startTransition(() => setTurn(true));
    };
    waiting.push(grant);
    if (!drawing) grantNext();
    return () => {
      gone = true;
      const queued = waiting.indexOf(grant);
      if (queued >= 0) waiting.splice(queued, 1);
    };
  }, [ready, turn]);

  // In the task that commits the drawing, where recharts' own synchronous re-render follows.
  useLayoutEffect(() => {
    if (turn && name) performance.mark(`drawn ${name}`);
  }, [turn, name]);

  // After the chart's mount has committed: the next chart's turn.
  useEffect(() => {
    if (turn && holding.current) {
      holding.current = false;
      grantNext();
    }
  }, [turn]);
  // Leaving while holding the turn (granted, not yet drawn) passes it on.
  useEffect(
    () => () => {
      if (holding.current) {
        holding.current = false;
        grantNext();
      }
    },
    [],
  );

  return turn ? children : null;
}
