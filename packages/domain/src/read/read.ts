import type { Block, DocumentFormat } from "./blocks.ts";
import { decodeDocument, MAX_DOCUMENT_BYTES } from "./decode.ts";
import { readDelimited } from "./delimited.ts";
import { readDocx } from "./docx.ts";
import { readHtml } from "./html.ts";
import { readMarkdown } from "./markdown.ts";
import { ParseError } from "./parse-error.ts";
import { readPdf } from "./pdf.ts";
import { binaryFormat, textFormat } from "./sniff.ts";
import { readXlsx } from "./xlsx.ts";

export interface ReadOptions {
  /** The name the file came with: only sharpens a refusal (.wps vs .doc) and tells CSV from text. */
  fileName?: string | undefined;
}

export interface ReadBlocks {
  format: DocumentFormat;
  blocks: Block[];
}

/** Any supported file → the blocks a person sees, in order. PDF needs its library's asynchronous reader. */
export async function readBlocks(input: Uint8Array | string, options: ReadOptions = {}): Promise<ReadBlocks> {
  if (typeof input !== "string" && binaryFormat(input, options.fileName) === "pdf") return { format: "pdf", blocks: await readPdf(input) };
  return readBlocksSync(input, options);
}

/**
 * Every format but PDF, synchronously (for text already in memory: tests, fixtures, the browser).
 * A PDF here is refused with a ParseError telling the caller to use readBlocks.
 */
export function readBlocksSync(input: Uint8Array | string, options: ReadOptions = {}): ReadBlocks {
  let text: string;
  if (typeof input === "string") {
    // A string is at least as long in UTF-8 bytes as in UTF-16 units, so this never refuses what
    // decodeDocument would accept as bytes, and huge text is refused before any line is read.
    if (input.length > MAX_DOCUMENT_BYTES) {
      throw new ParseError(
        "too-large",
        1,
        null,
        null,
        "",
        `文件过大（${input.length} 个字符，上限 ${MAX_DOCUMENT_BYTES} 字节），不是一份履职事项清单`,
      );
    }
    text = input.replace(/^\uFEFF/u, "");
  } else {
    if (input.length > MAX_DOCUMENT_BYTES) {
      throw new ParseError(
        "too-large",
        1,
        null,
        null,
        "",
        `文件过大（${input.length} 字节，上限 ${MAX_DOCUMENT_BYTES} 字节），不是一份履职事项清单`,
      );
    }
    const binary = binaryFormat(input, options.fileName);
    if (binary === "docx") return { format: "docx", blocks: readDocx(input) };
    if (binary === "xlsx") return { format: "xlsx", blocks: readXlsx(input) };
    if (binary === "pdf") throw new ParseError("unsupported-format", 1, null, null, "", "PDF 需要异步读取（readDocument）");
    text = decodeDocument(input);
  }
  const format = textFormat(text, options.fileName);
  switch (format) {
    case "html":
      return { format, blocks: readHtml(text) };
    case "markdown":
      return { format, blocks: readMarkdown(text) };
    case "csv":
      return { format, blocks: readDelimited(text, ",") };
    case "text":
      return { format, blocks: readDelimited(text, "\t") };
  }
}
