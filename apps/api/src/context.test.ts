import { describe, expect, it } from "vitest";
import { bearerMatches } from "./context.ts";

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

  it("makes nobody admin while no token is configured", () => {
    expect(bearerMatches("Bearer ", "")).toBe(false);
    expect(bearerMatches("Bearer anything", undefined)).toBe(false);
  });
});
