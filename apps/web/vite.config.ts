import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig } from "vite";

// The dev server forwards /trpc to a running server (apps/server) so the dashboard talks to one origin,
// exactly as it does when apps/server serves the built files.
const api = process.env.ATLAS_API_URL ?? "http://127.0.0.1:3000";

/**
 * V8's explicit compile hint on the chart library's chunk (recharts and what it uses): the browser
 * compiles all of it while it streams in, on a background thread, instead of each function on the
 * main thread the first time it runs, which made a page's first chart its longest task. Only there:
 * with the hint on every chunk the first chart came later on the 2-core bench machine (eager
 * compiling of code not yet needed) and the longest tasks fell no further (bench:national, A/B).
 */
function compileHints(): Plugin {
  return {
    name: "atlas-compile-hints",
    enforce: "post",
    // Last: after minification, which drops comments, and after Vite puts its preload map first.
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === "chunk" && chunk.moduleIds.some((id) => id.includes("/node_modules/recharts/"))) {
            chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
          }
        }
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), compileHints()],
  server: { proxy: { "/trpc": api } },
  build: {
    // scripts/bundle-size.ts walks the manifest to add up what the overview page loads.
    manifest: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
  },
});
