import { type ReactNode, startTransition, useEffect, useRef, useState } from "react";

/*
 * Charts draw one at a time, each as an interruptible transition. A recharts chart costs 60–300 ms
 * of main thread to mount on a slow laptop (the first the most: its code runs for the first time);
 * when a page's answers arrived together, drawing five at once froze the overview for ~800 ms (one
 * long task, scripts/bench-national.ts). One chart at a time lets the browser paint each as soon as
 * it is drawn; as a transition, React renders it in slices of a few milliseconds, so clicks and
 * typing are answered in between.
 */
const waiting: (() => void)[] = [];
let drawing = false;

function grantNext(): void {
  const next = waiting.shift();
  drawing = next !== undefined;
  next?.();
}

/**
 * Renders `children` once it is their turn, and nothing before; a chart that is not ready yet (no
 * rows: `children` null) waits without a turn. Once drawn it stays drawn, updating as usual.
 */
export function ChartTurn({ children }: { children: ReactNode }) {
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
