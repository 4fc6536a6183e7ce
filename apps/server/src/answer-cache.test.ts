import { describe, expect, it } from "vitest";
import { AnswerCache, answerOf, pickEncoding } from "./answer-cache.ts";

const answer = (text: string, version = 1) => answerOf(200, "application/json", Buffer.from(text), version);

describe("AnswerCache", () => {
  it("holds at most its bytes, dropping the least recently used first", () => {
    const cache = new AnswerCache(30);
    cache.set("a", answer("x".repeat(10)));
    cache.set("b", answer("y".repeat(10)));
    cache.set("c", answer("z".repeat(10)));
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("d", answer("w".repeat(10)));
    expect(cache.get("b")).toBeUndefined();
    expect(["a", "c", "d"].map((k) => cache.get(k) !== undefined)).toEqual([true, true, true]);
    expect(cache.size).toEqual({ entries: 3, bytes: 30 });
    // An answer larger than the whole cache is not kept, and pushes nothing out.
    cache.set("e", answer("v".repeat(31)));
    expect(cache.size.entries).toBe(3);
  });

  it("names the version and the bytes in the ETag", () => {
    expect(answer("{}", 7).etag).toMatch(/^"v7-/u);
    expect(answer("{}", 7).etag).toBe(answer("{}", 7).etag);
    expect(answer("{}", 7).etag).not.toBe(answer("[]", 7).etag);
  });
});

describe("pickEncoding", () => {
  it("prefers brotli, then gzip, and reads q-values and spaces", () => {
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip;q=1.0, identity")).toBe("gzip");
    expect(pickEncoding(undefined)).toBeNull();
  });
});
