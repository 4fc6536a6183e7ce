/**
 * Writes file.br and file.gz beside every text file of the build (at the strongest settings, once,
 * at build time), so the server sends compressed assets without compressing on each request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TEXT = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".map", ".txt"]);
const dist = join(import.meta.dirname, "..", "dist");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let raw = 0;
let br = 0;
for (const file of files(dist)) {
  if (!TEXT.has(extname(file))) continue;
  const bytes = readFileSync(file);
  // Small files gain nothing from compression and cost a header.
  if (bytes.length < 1024) continue;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  raw += bytes.length;
  br += brotli.length;
}
console.log(`precompressed ${(raw / 1024).toFixed(0)} kB of assets to ${(br / 1024).toFixed(0)} kB brotli`);
