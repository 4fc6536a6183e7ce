/**
 * How long reading a document takes, in every format: the seed as text, HTML, Markdown, CSV,
 * Excel's Unicode text, Word, Excel and PDF (each written by its format's library), read to a
 * Revision by readDocument. With --large, also ~20 MB Word and Excel files and a ~200-page PDF
 * (the seed's rows repeated; writing them takes minutes): they are more duties than a document may
 * hold, so what is timed is reading them up to the refusal, which must stay bounded.
 *
 * Run: pnpm -s bench:parse [--runs 50] [--large]   (the machine is shared: read the median)
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { seedAsDocx, seedAsXlsx } from "../read/test-support/office.ts";
import { seedAsPdf } from "../read/test-support/pdf.ts";
import { seedAsCsv, seedAsHtml, seedAsMarkdown, seedAsUnicodeText } from "../read/test-support/web.ts";
import { readDocument } from "./parse.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "50" }, large: { type: "boolean", default: false } } });
const RUNS = Number(values.runs);
const seed = readFileSync(new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url), "utf8");
const utf8 = (text: string) => new TextEncoder().encode(text);

async function measure(label: string, fileName: string, bytes: Uint8Array, runs: number): Promise<void> {
  // Warm-up: the first read loads a format's library (pdf.js takes seconds) and lets the JIT settle.
  const first = await readDocument(bytes, { fileName });
  const outcome = first.ok
    ? `${first.revision.lists.basic.length}/${first.revision.lists.coordinated.length}/${first.revision.lists.reclaimed.length}`
    : `refused: ${first.error.describe(fileName)}`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await readDocument(bytes, { fileName });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(
    `${label.padEnd(22)} ${(bytes.length / 1024).toFixed(0).padStart(7)} KiB  median ${at(0.5).padStart(8)} ms  p90 ${at(0.9).padStart(8)} ms  (${runs} runs; ${outcome})`,
  );
}

/** Each list's rows repeated `times` over under its title, each copy's text made unique so zip cannot fold them. */
function repeated(text: string, times: number): string {
  const sections: { title: string; rows: string[] }[] = [];
  for (const line of text.split(/\r?\n/u)) {
    if (!line.includes("\t")) {
      if (line.trim()) sections.push({ title: line, rows: [] });
    } else sections.at(-1)?.rows.push(line);
  }
  return sections
    .map((s) => {
      const [header, ...rows] = s.rows;
      const copies = Array.from({ length: times }, (_, k) =>
        rows.map((row) =>
          row
            .split("\t")
            .map((cell, c) => (c === 0 ? cell : `${cell}（${k + 1}）`))
            .join("\t"),
        ),
      );
      return [s.title, header, ...copies.flat()].join("\n");
    })
    .join("\n");
}

console.log(`reading the seed (109/100/37 duties) in every format, readDocument end to end:`);
await measure("text (tab-separated)", "seed.txt", utf8(seed), RUNS);
await measure("HTML", "seed.html", utf8(seedAsHtml(seed)), RUNS);
await measure("Markdown", "seed.md", utf8(seedAsMarkdown(seed)), RUNS);
await measure("CSV (GB18030)", "seed.csv", seedAsCsv(seed, { encoding: "gb18030" }), RUNS);
await measure("Unicode text (UTF-16)", "seed.txt", seedAsUnicodeText(seed), RUNS);
await measure("Word (.docx)", "seed.docx", await seedAsDocx(seed), RUNS);
await measure("Excel (.xlsx)", "seed.xlsx", await seedAsXlsx(seed, { mergeCategories: true }), RUNS);
await measure("PDF", "seed.pdf", await seedAsPdf(seed), Math.max(3, Math.round(RUNS / 10)));

if (values.large) {
  console.log(`\nlarge files (more duties than a document may hold: read up to the refusal):`);
  const big = repeated(seed, 600);
  await measure("Excel, ~20 MB", "big.xlsx", await seedAsXlsx(big, { oneSheet: true, mergeCategories: true }), 3);
  await measure("Word, ~20 MB", "big.docx", await seedAsDocx(big), 3);
  await measure("PDF, ~200 pages", "big.pdf", await seedAsPdf(repeated(seed, 6)), 3);
}
