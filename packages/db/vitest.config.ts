import { defineConfig } from "vitest/config";

export default defineConfig({
  // PGlite's first start in a worker takes seconds; importing the seed adds more. Hang bounds, not
  // speed goals: on two cores shared with other runs an import killed twice and run again took over a minute.
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 180_000, hookTimeout: 180_000 },
});
