import { describe, expect, it } from "vitest";
import { parseLists } from "./duty-search.ts";

describe("parseLists", () => {
  it("accepts known lists in document order and drops the rest", () => {
    expect(parseLists("coordinated,basic")).toEqual(["basic", "coordinated"]);
    expect(parseLists("reclaimed,<script>")).toEqual(["reclaimed"]);
    expect(parseLists(null)).toEqual([]);
  });
});
