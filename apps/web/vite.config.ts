import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig } from "vite";

// The dev server forwards /trpc to a running server (apps/server) so the dashboard talks to one origin,
// exactly as it does when apps/server serves the built files.
const api = process.env.ATLAS_API_URL ?? "http://127.0.0.1:3000";

/**
 * V8's explicit compile hint: the browser compiles every function of a marked script while it
 * streams in, on a background thread, instead of lazily on the main thread the first time each runs.
 * Everything the dashboard's pages draw with is called at once anyway; compiling it lazily made the
 * first chart of a page its longest task (scripts/long-tasks.ts). The export libraries (exceljs,
 * docx), loaded on a click, are left to compile lazily.
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
          if (chunk.type === "chunk" && !/exceljs|docx|export|report/u.test(chunk.name)) {
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
