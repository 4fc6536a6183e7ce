import { PAGE_CODE, pageOf } from "./pages.ts";

/*
 * The first script the built page runs (vite.config.ts puts it first in the head), small and with
 * nothing to evaluate: it asks for the code of the page the address shows. The page's chunk, and
 * recharts for a page with charts (400 kB, compiled on a background thread as it arrives), then
 * load beside the app's own bundle instead of after it has been evaluated, when main.tsx asks
 * (prefetch.ts).
 */
PAGE_CODE[pageOf(new URLSearchParams(window.location.search))]().catch(() => undefined);
