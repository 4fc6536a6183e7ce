import { defineConfig } from "vitest/config";

export default defineConfig({
  // Hang bounds, not speed goals: a command opens the embedded database afresh each time, and the
  // first test of a file migrates and seeds it; on two cores shared with other runs that took over a minute.
  test: { include: ["src/**/*.test.ts"], testTimeout: 180_000, hookTimeout: 180_000 },
});
