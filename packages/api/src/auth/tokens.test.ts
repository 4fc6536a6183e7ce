import { timingSafeEqual } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { bearerMatches } from "./context.ts";

// Watched, not replaced: the comparison still runs, and the test sees what was compared.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

describe("bearerMatches", () => {
  it("accepts exactly the configured token", () => {
    expect(bearerMatches("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(bearerMatches("bearer s3cret-token", "s3cret-token")).toBe(true);
  });

  it("refuses a wrong, longer, shorter or missing token", () => {
    for (const header of ["Bearer s3cret-tokem", "Bearer s3cret-token2", "Bearer s3cret", "s3cret-token", "Basic s3cret-token", "", undefined]) {
      expect(bearerMatches(header, "s3cret-token"), String(header)).toBe(false);
    }
  });

  it("compares in constant time: two equal-length digests, whatever the guess's length or content", () => {
    const compared = vi.mocked(timingSafeEqual);
    compared.mockClear();
    const guesses = ["s", "s3cret-tokem", "s3cret-token", "x".repeat(4096)];
    expect(guesses.map((g) => bearerMatches(`Bearer ${g}`, "s3cret-token"))).toEqual([false, false, true, false]);
    // Every guess reached the constant-time comparison: no early return on length or a first differing byte.
    expect(compared).toHaveBeenCalledTimes(guesses.length);
    for (const [a, b] of compared.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });

  it("makes nobody admin while no token is configured", () => {
    expect(bearerMatches("Bearer ", "")).toBe(false);
    expect(bearerMatches("Bearer anything", undefined)).toBe(false);
  });
});
