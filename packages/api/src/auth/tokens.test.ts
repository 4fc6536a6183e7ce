import { timingSafeEqual } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { secretsEqual, tokenHash } from "./tokens.ts";

// Watched, not replaced: the comparison still runs, and the test sees what was compared.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

describe("secretsEqual", () => {
  it("accepts exactly the same secret", () => {
    expect(secretsEqual("s3cret-token", "s3cret-token")).toBe(true);
    for (const guess of ["s3cret-tokem", "s3cret-token2", "s3cret", "", "S3CRET-TOKEN"])
      expect(secretsEqual(guess, "s3cret-token"), guess).toBe(false);
  });

  it("compares in constant time: two equal-length digests, whatever the guess's length or content", () => {
    const compared = vi.mocked(timingSafeEqual);
    compared.mockClear();
    const guesses = ["s", "s3cret-tokem", "s3cret-token", "x".repeat(4096)];
    expect(guesses.map((g) => secretsEqual(g, "s3cret-token"))).toEqual([false, false, true, false]);
    // Every guess reached the constant-time comparison: no early return on length or a first differing byte.
    expect(compared).toHaveBeenCalledTimes(guesses.length);
    for (const [a, b] of compared.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });
});

describe("tokenHash", () => {
  it("is the SHA-256 of the token in hex, never the token", () => {
    // printf abc | sha256sum
    expect(tokenHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
