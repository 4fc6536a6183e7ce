import { describe, expect, it } from "vitest";
import { buildSearch } from "./url-state.ts";

describe("buildSearch", () => {
  it("keeps other parameters, drops empty ones, and can start afresh", () => {
    expect(buildSearch("?page=duties&list=basic", { list: null, category: "9" })).toBe("?page=duties&category=9");
    expect(buildSearch("?page=duties&list=basic", { page: "departments" }, true)).toBe("?page=departments");
  });
});
