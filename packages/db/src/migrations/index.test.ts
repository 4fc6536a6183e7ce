import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrations } from "./index.ts";

describe("migrations", () => {
  it("registers every migration file of this folder under its name", () => {
    const files = readdirSync(new URL(".", import.meta.url))
      .filter((f) => /^\d{4}-\d{2}-\d{2}-\d{3}-.+\.ts$/u.test(f) && !f.endsWith(".test.ts"))
      .map((f) => f.slice(0, -3));
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });
});
