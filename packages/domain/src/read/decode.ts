import { ParseError } from "./parse-error.ts";

/** Real lists are ~120 kB; anything this large is not one, and reading it would only burn memory. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/**
 * Government files come as UTF-8, UTF-8 with BOM, or GB18030/GBK. UTF-8 is tried strictly
 * first: GB18030 accepts almost any byte string, so it is the fallback, never the guess.
 */
export function decodeDocument(bytes: Uint8Array): string {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new ParseError(
      "too-large",
      1,
      null,
      null,
      "",
      `文件过大（${bytes.length} 字节，上限 ${MAX_DOCUMENT_BYTES} 字节），不是一份履职事项清单`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0 && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ParseError("bad-encoding", lineAt(bytes, nul), null, null, "", "文件含有二进制数据（NUL 字节），不是文本清单");
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict("utf-8", bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict("utf-16le", bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict("utf-16be", bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return strict("gb18030", bytes);
  }
}

function strict(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    // Whichever encoding reads further is the file's; its first bad byte is where the damage is.
    const line = encoding === "gb18030" ? Math.max(badLine("utf-8", bytes), badLine("gb18030", bytes)) : badLine(encoding, bytes);
    throw new ParseError("bad-encoding", line, null, null, "", `无法按 ${encoding === "gb18030" ? "UTF-8 或 GB18030" : encoding} 解码`);
  }
}

/** Line of the first undecodable byte. Lenient decoding keeps every CR/LF, so lines count as in the parser. */
function badLine(encoding: string, bytes: Uint8Array): number {
  const text = new TextDecoder(encoding).decode(bytes);
  const at = text.indexOf("\uFFFD");
  return at < 0 ? 1 : (text.slice(0, at).match(/\r\n|\n|\r/gu)?.length ?? 0) + 1;
}

/** Line of a byte offset, counting \r\n, \n and \r as line ends like the parser does. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}
