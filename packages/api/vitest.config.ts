import { defineConfig } from "vitest/config";

export default defineConfig({
  // PGlite's first start in a worker takes seconds; importing the seed adds more.
  test: { include: ["src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
