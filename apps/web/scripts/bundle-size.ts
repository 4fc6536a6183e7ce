import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
}

export interface BundleSize {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

/** Budget for the JavaScript the overview needs before its first chart draws. */
export const OVERVIEW_BUDGET_GZIP = 300 * 1024;

/**
 * The JS a browser downloads to show the overview: the entry chunk, the overview page chunk,
 * and every chunk they import statically. Lazy exports (exceljs, html-to-image) and other
 * pages are not counted: nothing loads them until asked.
 */
export function overviewBundleSize(dist: string): BundleSize {
  const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${dist}/.vite/manifest.json: no chunk ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit("index.html");
  visit("src/features/overview/overview-page.tsx");
  const files = [...seen]
    .map((key) => manifest[key]!.file)
    .filter((file) => file.endsWith(".js"))
    .map((file) => {
      const bytes = readFileSync(join(dist, file));
      return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(fileURLToPath(import.meta.url), "../../dist");
  const size = overviewBundleSize(dist);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  for (const f of size.files) console.log(`${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)} │ gzip ${kb(f.gzip).padStart(9)}`);
  console.log(`overview total: ${kb(size.bytes)} │ gzip ${kb(size.gzip)} (budget ${kb(OVERVIEW_BUDGET_GZIP)})`);
  if (size.gzip >= OVERVIEW_BUDGET_GZIP) process.exitCode = 1;
}
