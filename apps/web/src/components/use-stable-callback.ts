import { useCallback, useLayoutEffect, useRef } from "react";

/**
 * A function that keeps its identity across renders and always calls the newest `fn`: a memoised
 * chart given it is not redrawn because its parent made a new arrow function.
 */
export function useStableCallback<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}
