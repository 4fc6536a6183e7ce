import { defineConfig } from "vitest/config";

export default defineConfig({
  // The seeded database of the figures test takes seconds to start on PGlite.
  test: { include: ["src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
