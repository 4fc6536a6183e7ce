import { defineConfig } from "vitest/config";

export default defineConfig({
  // The load test starts PGlite and imports a dozen towns before its first test.
  test: { include: ["src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
