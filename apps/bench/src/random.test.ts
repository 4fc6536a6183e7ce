import { LIST_KINDS } from "@duty/domain";
import { describe, expect, it } from "vitest";
import { spreadOf } from "./county-template.ts";
import { apportion, deriveSeed, Rng } from "./random.ts";

describe("Rng", () => {
  it("repeats its stream for a seed and differs between seeds", () => {
    const stream = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 100 }, () => rng.next());
    };
    expect(stream(1)).toEqual(stream(1));
    expect(stream(2)).not.toEqual(stream(1));
  });

  it("draws uniformly in [0, 1) and integers in their closed range", () => {
    const rng = new Rng(7);
    const xs = Array.from({ length: 20_000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
    const ints = new Set(Array.from({ length: 2_000 }, () => rng.int(3, 6)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6]);
  });

  it("picks by weight and never a zero-weight item", () => {
    const rng = new Rng(11);
    const picks = Array.from({ length: 10_000 }, () => rng.weighted(["a", "b", "c"], (x) => ({ a: 3, b: 1, c: 0 })[x]!));
    expect(picks.filter((p) => p === "c")).toEqual([]);
    expect(picks.filter((p) => p === "a").length / picks.length).toBeCloseTo(0.75, 1);
    expect(() => rng.weighted(["a"], () => 0)).toThrow(RangeError);
  });

  it("draws standard normals", () => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });
});

describe("deriveSeed", () => {
  it("gives unrelated seeds for neighbouring keys", () => {
    const seeds = new Set(Array.from({ length: 1_000 }, (_, i) => deriveSeed(1, 2, i)));
    expect(seeds.size).toBe(1_000);
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    expect(deriveSeed(1, 2, 3)).not.toBe(deriveSeed(1, 3, 2));
  });
});

describe("apportion", () => {
  it("splits a total exactly and in proportion, with a floor when the total allows", () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(apportion(7, [0, 0, 1])).toEqual([0, 0, 7]);
    expect(apportion(7, [0, 0, 1], 1)).toEqual([1, 1, 5]);
    // Equal remainders go to the earlier parts.
    expect(apportion(2, [1, 1, 1], 1)).toEqual([1, 1, 0]);
    expect(apportion(100, [5, 3, 2]).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe("spreadOf", () => {
  it("covers the quantiles evenly, so a few dozen counties already average out", () => {
    // 36 independent standard normals miss 0 by more than 0.33 one time in twenty; the sequence by far less.
    const misses: number[] = [];
    for (let seed = 1; seed <= 100; seed++) {
      for (const list of LIST_KINDS) {
        const zs = Array.from({ length: 36 }, (_, c) => spreadOf(seed, list, c));
        const mean = zs.reduce((a, b) => a + b, 0) / zs.length;
        const sd = Math.sqrt(zs.reduce((a, b) => a + (b - mean) ** 2, 0) / zs.length);
        misses.push(Math.abs(mean));
        expect(sd, `${seed} ${list}`).toBeGreaterThan(0.8);
        expect(sd, `${seed} ${list}`).toBeLessThan(1.2);
      }
    }
    misses.sort((a, b) => a - b);
    expect(misses[Math.floor(misses.length * 0.95)]).toBeLessThan(0.16);
    expect(misses.at(-1)).toBeLessThan(0.25);
  });

  it("gives each list its own sequence", () => {
    const of = (list: (typeof LIST_KINDS)[number]) => Array.from({ length: 10 }, (_, c) => spreadOf(1, list, c));
    expect(of("basic")).not.toEqual(of("reclaimed"));
    expect(spreadOf(2, "basic", 0)).not.toBe(spreadOf(1, "basic", 0));
  });
});
