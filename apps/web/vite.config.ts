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

/**
 * src/early.ts as a script of its own, first in the built page's head: Vite would bundle every
 * script index.html names into one entry, which the browser must fetch, parse and run whole before
 * any of it starts the page's chunk loading. It is its own entry (build.rollupOptions.input), named
 * by its hash like every asset. Not in development: there React's refresh preamble must run before
 * any component module, and load times are not what the dev server is for.
 */
function earlyScript(): Plugin {
  let base = "/";
  return {
    name: "atlas-early-script",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const built = Object.values(ctx.bundle ?? {}).find((c) => c.type === "chunk" && c.isEntry && c.name === "early");
        if (!built) throw new Error("the early entry (src/early.ts) is missing from the build");
        const src = `${base}${built.fileName}`;
        return [{ tag: "script", attrs: { type: "module", crossorigin: true, src }, injectTo: "head-prepend" }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), compileHints(), earlyScript()],
  server: { proxy: { "/trpc": api } },
  build: {
    rollupOptions: { input: { index: "index.html", early: "src/early.ts" } },
    // scripts/bundle-size.ts walks the manifest to add up what the overview page loads.
    manifest: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
  },
});
