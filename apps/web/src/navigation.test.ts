import { scopeText } from "@duty/domain";
import { describe, expect, it } from "vitest";
import { scopeFromParams } from "./navigation.ts";
import { buildSearch } from "./url-state.ts";

describe("scope in the URL", () => {
  it("reads a revision, else a region, else everything, and ignores garbage", () => {
    expect(scopeFromParams(new URLSearchParams("revision=3&region=2"))).toEqual({ revisionId: 3 });
    expect(scopeFromParams(new URLSearchParams("region=2"))).toEqual({ regionId: 2 });
    expect(scopeFromParams(new URLSearchParams("revision=-1&region=abc"))).toEqual({});
    expect(scopeFromParams(new URLSearchParams("revision=0"))).toEqual({});
  });

  it("writes one scope and clears the other", () => {
    expect(buildSearch("?page=duties&region=2&q=低保", scopeText({ revisionId: 5 }))).toBe(
      `?page=duties&q=${encodeURIComponent("低保")}&revision=5`,
    );
    expect(buildSearch("?revision=5", scopeText({}))).toBe("");
  });
});
