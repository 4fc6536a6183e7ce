import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dev server forwards /trpc to a running server (apps/server) so the dashboard talks to one origin,
// exactly as it does when apps/server serves the built files.
const api = process.env.ATLAS_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/trpc": api } },
  build: {
    // scripts/bundle-size.ts walks the manifest to add up what the overview page loads.
    manifest: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
  },
});
