import { defineConfig } from "vitest/config";

export default defineConfig({
  // Readers of whole documents (PDF above all) take seconds on two shared cores; the bounds in the
  // tests themselves are against hangs, not speed goals (those live in the benchmarks).
  test: { include: ["src/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 },
});
