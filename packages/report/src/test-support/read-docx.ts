import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";

/*
 * Reads a .docx back the way a reader's software does, for tests: mammoth (a docx → HTML
 * converter that knows nothing of how we wrote it) for headings, paragraphs, tables and images,
 * and the raw parts of the zip for what HTML cannot show (styles, fonts, header, footer).
 */

export interface ReadTable {
  /** The caption paragraph just before it (表 1　…), if any. */
  caption: string | null;
  /** Rows of cells; a cell's paragraphs joined by "\n". The header row first. */
  rows: string[][];
}

export interface ReadDocx {
  headings: { level: number; text: string }[];
  /** Every paragraph outside tables, in order (title page, contents and captions included). */
  paragraphs: string[];
  /** The body's paragraphs under each heading, by the heading's text (the contents' entries are not under any). */
  sections: Record<string, string[]>;
  tables: ReadTable[];
  /** Images in the body, each with its alt text. */
  images: { alt: string; bytes: number }[];
  /** The zip's XML parts by path (word/styles.xml, word/header1.xml, …). */
  parts: Record<string, string>;
  /** What mammoth could not read, other than styles it has no HTML for. */
  problems: string[];
}

const decode = (text: string) =>
  text
    .replace(/<[^>]+>/gu, "")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, "&")
    .replace(/\t/gu, "")
    .trim();

export async function readDocx(bytes: Uint8Array): Promise<ReadDocx> {
  const zip = unzipSync(bytes);
  const parts = Object.fromEntries(
    Object.entries(zip)
      .filter(([path]) => /\.(xml|rels)$/u.test(path))
      .map(([path, data]) => [path, strFromU8(data)]),
  );
  const { value: html, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const out: ReadDocx = { headings: [], paragraphs: [], sections: {}, tables: [], images: [], parts, problems: [] };
  let heading: string | null = null;
  out.problems = messages.filter((m) => !/^Unrecognised (paragraph|run) style/u.test(m.message)).map((m) => `${m.type}: ${m.message}`);
  const token = /<table>([\s\S]*?)<\/table>|<h([1-6])>([\s\S]*?)<\/h\2>|<p>([\s\S]*?)<\/p>|<li>([\s\S]*?)<\/li>/gu;
  for (const m of html.matchAll(token)) {
    if (m[1] !== undefined) {
      const rows = [...m[1].matchAll(/<tr>([\s\S]*?)<\/tr>/gu)].map((row) =>
        [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/gu)].map((cell) =>
          [...cell[1]!.matchAll(/<p>([\s\S]*?)<\/p>/gu)].map((p) => decode(p[1]!)).join("\n"),
        ),
      );
      const last = out.paragraphs.at(-1) ?? null;
      out.tables.push({ caption: last !== null && /^表 \d+/u.test(last) ? last : null, rows });
    } else if (m[2] !== undefined) {
      heading = decode(m[3]!);
      out.headings.push({ level: Number(m[2]), text: heading });
      out.sections[heading] = [];
    } else {
      const inner = m[4] ?? m[5]!;
      for (const img of inner.matchAll(/<img alt="([^"]*)" src="data:image\/png;base64,([^"]*)"/gu)) {
        out.images.push({ alt: decode(img[1]!), bytes: Buffer.from(img[2]!, "base64").length });
      }
      out.paragraphs.push(decode(inner));
      if (heading !== null) out.sections[heading]!.push(decode(inner));
    }
  }
  return out;
}
