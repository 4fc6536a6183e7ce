import { afterEach, describe, expect, it, vi } from "vitest";
import { openTestDatabase, testEngines } from "./testing.ts";

describe("test engines", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("adds PostgreSQL when DATABASE_URL is set, and under CI even when it is not", () => {
    expect(testEngines({})).toEqual(["pglite"]);
    expect(testEngines({ DATABASE_URL: "postgres://x" })).toEqual(["pglite", "postgres"]);
    expect(testEngines({ CI: "true" })).toEqual(["pglite", "postgres"]);
  });

  it("fails the PostgreSQL suite when DATABASE_URL is missing", async () => {
    vi.stubEnv("DATABASE_URL", "");
    await expect(openTestDatabase("postgres")).rejects.toThrow(/^DATABASE_URL is not set/u);
  });

  it("fails the PostgreSQL suite when the server cannot be reached", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://postgres@127.0.0.1:1/postgres");
    await expect(openTestDatabase("postgres")).rejects.toThrow(/cannot connect/u);
  });
});
