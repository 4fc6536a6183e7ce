import { Readable } from "node:stream";
import { createGunzip, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dumpLines, MAX_DUMP_LINE_CHARS } from "./dump.ts";

async function* chunked(...chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

const all = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

describe("dumpLines", () => {
  it("splits lines wherever the chunks break, keeping empty lines and a last line without \\n", async () => {
    expect(await all(dumpLines(chunked("ab", "c\nd", "e\n\nf", "g")))).toEqual(["abc", "de", "", "fg"]);
    expect(await all(dumpLines(chunked("x\n")))).toEqual(["x"]);
  });

  it("refuses a line over the limit as soon as it is read past it, naming the line", async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<string> {
      yield "header\n";
      // One line that never ends: the splitter must stop without waiting for its \n.
      for (;;) {
        pulled++;
        yield "a".repeat(1000);
      }
    }
    await expect(all(dumpLines(endless(), { lineChars: 10_000 }))).rejects.toThrow("dump line 2: longer than 10000 characters");
    // 10 chunks fill the line to the limit; the 11th goes past it.
    expect(pulled).toBe(11);
  });

  it("refuses a text over the total limit, however short its lines", async () => {
    const lines = Array.from({ length: 100 }, () => "0123456789\n");
    await expect(all(dumpLines(chunked(...lines), { totalChars: 500 }))).rejects.toThrow("dump: more than 500 characters once un-gzipped");
  });

  it("stops a gzip bomb (one 300 MB line in a few hundred KB) after un-gzipping about 1 MB of it", async () => {
    // 300 MB of one character compresses about 1000:1; built from a 1 MB block so 300 MB never sits in memory.
    const block = gzipSync("a".repeat(1024 * 1024), { level: 9 });
    const bomb = Buffer.concat([gzipSync('{"format":"duty-atlas-dump"}\n'), ...Array.from({ length: 300 }, () => block)]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    let unzipped = 0;
    const text = Readable.from([bomb]).pipe(createGunzip()).setEncoding("utf8");
    text.on("data", (chunk: string) => (unzipped += chunk.length));
    await expect(all(dumpLines(text))).rejects.toThrow(`dump line 2: longer than ${MAX_DUMP_LINE_CHARS} characters`);
    text.destroy();
    // The limit plus what zlib had already un-gzipped ahead: a few chunks, not 300 MB.
    expect(unzipped).toBeLessThan(MAX_DUMP_LINE_CHARS + 1024 * 1024);
  });
});
