import fc from "fast-check";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { readDocument } from "../parse/parse.ts";
import { seedText } from "./test-support/expected.ts";
import { seedAsDocx, seedAsXlsx } from "./test-support/office.ts";
import { seedAsPdf } from "./test-support/pdf.ts";
import { seedAsHtml, seedAsMarkdown } from "./test-support/web.ts";
import { ParseError } from "./parse-error.ts";

/*
 * Property: whatever is done to a real Word, Excel, PDF, HTML or Markdown file — cut short, bytes
 * flipped or inserted, parts of a zip swapped for another format's, content types lied about —
 * readDocument returns a revision or a located ParseError. It never throws, never reports an
 * internal crash, and no case takes more than a few seconds.
 * Reproduce a failure with FUZZ_SEED=<printed seed>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS = Math.max(1, Math.round(60 * Number(process.env.FUZZ_SCALE ?? 1)));
const CASE_MS = 20_000;

const files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  files.docx = await seedAsDocx(seedText);
  files.xlsx = await seedAsXlsx(seedText, { mergeCategories: true });
  files.pdf = await seedAsPdf(seedText);
  files.html = new TextEncoder().encode(seedAsHtml(seedText));
  files.md = new TextEncoder().encode(seedAsMarkdown(seedText));
  // A zip holding a Word part that is really a spreadsheet, and one whose content types name neither.
  files.mixed = zipSync({
    "[Content_Types].xml": new TextEncoder().encode("<Types/>"),
    "word/document.xml": new TextEncoder().encode('<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>'),
  });
}, 120_000);

type Damage =
  | { op: "cut"; at: number }
  | { op: "flip"; at: number; value: number }
  | { op: "insert"; at: number; bytes: number[] }
  | { op: "delete"; at: number; count: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ op: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
  }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4096 }) }),
);

function apply(bytes: Uint8Array, d: Damage): Uint8Array {
  const at = bytes.length === 0 ? 0 : d.at % bytes.length;
  switch (d.op) {
    case "cut":
      return bytes.subarray(0, at);
    case "flip": {
      const out = bytes.slice();
      out[at] = d.value;
      return out;
    }
    case "insert":
      return new Uint8Array([...bytes.subarray(0, at), ...d.bytes, ...bytes.subarray(at)]);
    case "delete":
      return new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + d.count)]);
  }
}

describe(`every reader on damaged real files (fast-check seed ${SEED})`, () => {
  it.each(["docx", "xlsx", "pdf", "html", "md", "mixed"])("%s", { timeout: RUNS * CASE_MS }, async (kind) => {
    const names = ["list.docx", "list.xlsx", "list.pdf", "list.html", "list.md", "list.txt"];
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { maxLength: 3 }), fc.constantFrom(...names), async (ops, fileName) => {
        const bytes = ops.reduce(apply, files[kind]!);
        const started = performance.now();
        const result = await readDocument(bytes, { fileName });
        const ms = performance.now() - started;
        expect(ms, `${kind} ${JSON.stringify(ops)} as ${fileName}`).toBeLessThan(CASE_MS);
        if (result.ok) return;
        expect(result.error).toBeInstanceOf(ParseError);
        // The catch-all turns exceptions into errors; reaching it is a reader crash, not a bad file.
        expect(result.error.message, `${kind} ${JSON.stringify(ops)} as ${fileName}`).not.toMatch(/解析器内部错误|文件结构异常/u);
        expect(result.error.describe(fileName)).not.toContain("\n");
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
