import { describe, expect, it } from "vitest";
import { parseScope, type Scope, scopeText } from "./scope.ts";

describe("parseScope", () => {
  it("reads a revision or a region, the revision winning", () => {
    expect(parseScope({ revision: "3" })).toEqual({ scope: { revisionId: 3 }, error: null });
    expect(parseScope({ region: "12" })).toEqual({ scope: { regionId: 12 }, error: null });
    expect(parseScope({ revision: "3", region: "12" }).scope).toEqual({ revisionId: 3 });
    expect(parseScope({}).scope).toEqual({});
  });

  it("names the field of a value that is not an id, and falls back to what is left", () => {
    expect(parseScope({ revision: "x" })).toEqual({ scope: {}, error: "revision：「x」不是有效的编号" });
    expect(parseScope({ region: "-1", revision: "2" })).toEqual({ scope: { revisionId: 2 }, error: "region：「-1」不是有效的编号" });
    expect(parseScope({ region: "0" }).error).toBe("region：「0」不是有效的编号");
    expect(parseScope({ region: "1e3" }).error).not.toBeNull();
  });

  it("writes back what it reads", () => {
    const scopes: Scope[] = [{ revisionId: 7 }, { regionId: 9 }, {}];
    for (const scope of scopes) {
      expect(parseScope(scopeText(scope)).scope).toEqual(scope);
    }
  });
});
