import { unzipSync } from "fflate";
import type { DocumentFormat } from "./blocks.ts";
import { ParseError } from "./parse-error.ts";

/*
 * The format is read from the bytes, not the file name: government sites serve HTML as .doc,
 * offices rename .xlsx files, and a download keeps whatever name the link had. The extension only
 * names a refusal more precisely (a .wps and a .doc are the same kind of container).
 */

const START: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], "这是一张图片（PNG），没有可读取的文字；请提供 Word/Excel 原件或文字版 PDF"],
  [[0xff, 0xd8, 0xff], "这是一张图片（JPEG），没有可读取的文字；请提供 Word/Excel 原件或文字版 PDF"],
  [[0x47, 0x49, 0x46, 0x38], "这是一张图片（GIF），没有可读取的文字；请提供 Word/Excel 原件或文字版 PDF"],
  [[0x49, 0x49, 0x2a, 0x00], "这是一张图片（TIFF），没有可读取的文字；请提供 Word/Excel 原件或文字版 PDF"],
  [[0x4d, 0x4d, 0x00, 0x2a], "这是一张图片（TIFF），没有可读取的文字；请提供 Word/Excel 原件或文字版 PDF"],
  [[0x42, 0x4d], "这是一张图片（BMP），没有可读取的文字；请提供 Word/Excel 原件或文字版 PDF"],
  [[0x52, 0x61, 0x72, 0x21], "这是一个 RAR 压缩包，请先解压，再导入其中的清单文件"],
  [[0x37, 0x7a, 0xbc, 0xaf], "这是一个 7z 压缩包，请先解压，再导入其中的清单文件"],
  [[0x1f, 0x8b], "这是一个 gzip 压缩文件，请先解压，再导入其中的清单文件"],
];

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const refuse = (detail: string) => new ParseError("unsupported-format", { line: 1, at: "1" }, null, null, "", detail);

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return magic.every((b, i) => bytes[at + i] === b);
}

/** Whether the UTF-16LE name of an OLE stream occurs in the container's directory. */
function hasStream(bytes: Uint8Array, name: string): boolean {
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[i * 2] = name.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function extension(fileName: string | undefined): string {
  return /\.([a-z0-9]{1,5})$/iu.exec(fileName ?? "")?.[1]?.toLowerCase() ?? "";
}

/** An old binary Office file (or an encrypted new one, which Office wraps in the same container): always refused. */
function oleRefusal(bytes: Uint8Array, ext: string): ParseError {
  if (hasStream(bytes, "EncryptedPackage"))
    return refuse("这是加密（设有密码）的 Office 文档，请在 Word/Excel 中取消密码后另存为 .docx/.xlsx 再导入");
  if (hasStream(bytes, "WordDocument")) {
    return ext === "wps"
      ? refuse("这是 WPS 文字旧格式文档（.wps），请在 WPS 中另存为 .docx 后导入")
      : refuse("这是旧版 Word 文档（.doc），请另存为 .docx 后导入");
  }
  if (hasStream(bytes, "Workbook") || hasStream(bytes, "Book")) {
    return ext === "et"
      ? refuse("这是 WPS 表格旧格式文件（.et），请在 WPS 中另存为 .xlsx 后导入")
      : refuse("这是旧版 Excel 工作簿（.xls），请另存为 .xlsx 后导入");
  }
  if (hasStream(bytes, "PowerPoint Document")) return refuse("这是 PowerPoint 演示文稿，不是清单文件");
  return refuse("这是旧版 Office 格式文件，请另存为 .docx 或 .xlsx 后导入");
}

/** The entries of a zip file, without inflating any of them. */
function zipEntries(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter(file) {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    throw new ParseError("bad-file", { line: 1, at: "1" }, null, null, "", "文件已损坏或不完整（无法解压），请重新下载或另存后再导入");
  }
  return names;
}

/**
 * Which reader a file needs, from its first bytes (and, for zip containers, the names inside).
 * Text-based formats are told apart later, once decoded (textFormat). Refuses with one line saying
 * what the file is and what to do: old Office files, encrypted ones, images, archives.
 */
export function binaryFormat(bytes: Uint8Array, fileName?: string): "pdf" | "docx" | "xlsx" | "text" {
  const ext = extension(fileName);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  if (startsWith(bytes, OLE)) throw oleRefusal(bytes, ext);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const names = zipEntries(bytes);
    if (names.includes("word/document.xml") || names.some((n) => /^word\/document\d*\.xml$/u.test(n))) return "docx";
    if (names.includes("xl/workbook.xml")) return "xlsx";
    if (names.some((n) => n.startsWith("ppt/"))) throw refuse("这是 PowerPoint 演示文稿，不是清单文件");
    if (names.includes("mimetype") && names.includes("content.xml")) {
      throw refuse("这是 OpenDocument（WPS/LibreOffice）格式文件，请另存为 .docx 或 .xlsx 后导入");
    }
    if (names.includes("Contents/Section0.xml") || names.includes("Contents/content.hpf")) {
      throw refuse("这是韩文 HWPX 文档，请另存为 .docx 后导入");
    }
    throw refuse("这是一个 zip 压缩包，不是 Word/Excel 文档；请先解压，再导入其中的清单文件");
  }
  if (/^\{\\rtf/u.test(head)) throw refuse("这是 RTF 文档，请在 Word 中另存为 .docx 后导入");
  for (const [magic, detail] of START) if (startsWith(bytes, magic)) throw refuse(detail);
  return "text";
}

/** Which text reader decoded text needs: HTML, Markdown, CSV or the tab-separated text layout. */
export function textFormat(text: string, fileName?: string): Exclude<DocumentFormat, "pdf" | "docx" | "xlsx"> {
  const head = text.slice(0, 65_536);
  if (/^\s*MIME-Version:/iu.test(head) && /multipart\/related/iu.test(head)) {
    throw refuse("这是 Word/浏览器保存的“单个文件网页”（.mht），请在 Word 中另存为 .docx 后导入");
  }
  if (/<w:wordDocument\b/u.test(head)) throw refuse("这是 Word 2003 XML 文档，请在 Word 中另存为 .docx 后导入");
  // A saved page or a pasted table starts with markup; tab-separated text may hold markup in its
  // cells (the seed's <p>), even a stray <table>, and stays text.
  if (
    /^\s*<(!doctype|html|head|body|meta|table|thead|tbody|tr|div|p|h[1-6]|span|section|article|center|style|title|\?xml)[\s>]/iu.test(head)
  )
    return "html";
  if (/<(table|tr|td)[\s>]/iu.test(head) && !/^[^\n]*\t/mu.test(head)) return "html";
  // [ \t], not \s: with the m flag, \s* would run across line ends from every line (quadratic on blank lines).
  if (/^[ \t]*\|.*\|[ \t]*$/mu.test(head) && /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/mu.test(head))
    return "markdown";
  const ext = extension(fileName);
  if (ext === "csv") return "csv";
  if (ext === "md" || ext === "markdown") return "markdown";
  if (!head.includes("\t") && /^[ "]*序[ \u3000]*号[ "]*,/mu.test(head)) return "csv";
  return "text";
}
