import { unzipSync, type UnzipFileInfo } from "fflate";
import { Parser } from "htmlparser2";
import { FORMAT_LABELS, type Location } from "./blocks.ts";
import { MAX_DOCUMENT_BYTES } from "./decode.ts";
import { ParseError } from "./parse-error.ts";

/*
 * What the Word and Excel readers share: the zip package (Office Open XML), its relationships, and
 * a streaming XML reader. Everything here distrusts the file: sizes are checked before inflating,
 * nesting is bounded, and every failure is a located ParseError rather than a crash.
 */

/** One part (e.g. word/document.xml) may inflate to at most this many bytes; a 20 MB list stays well below. */
export const MAX_PART_BYTES = 192 * 1024 * 1024;
/** All parts read from one file together may inflate to at most this many bytes (a zip bomb stops here). */
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
/** A package lists at most this many entries; a Word or Excel file has a few dozen, a forged directory billions. */
export const MAX_ZIP_ENTRIES = 10_000;
/** XML elements nest at most this deep; Word's own nested tables stay far below, hostile files do not. */
export const MAX_XML_DEPTH = 512;
/**
 * Inflated XML is decoded and parsed this many bytes at a time: a large part is never one giant
 * string, and strings this small stay in V8's young generation (measured 3–5× faster than 1 MB).
 */
const XML_CHUNK_BYTES = 64 * 1024;

export type OfficeFormat = "docx" | "xlsx";

/** Namespace URIs, transitional then strict; readers map them to the prefixes they match on. */
export const NS = {
  w: ["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"],
  x: ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
  r: ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"],
  mc: ["http://schemas.openxmlformats.org/markup-compatibility/2006"],
  rel: ["http://schemas.openxmlformats.org/package/2006/relationships"],
} as const;

/** Problems with the file as a whole are placed at its start, as for a text file that cannot be decoded. */
const FILE_START: Location = { line: 1, at: "1" };

/** A ParseError about the whole file: `detail` says what is wrong, the format label says what the file is. */
export function badFile(
  format: OfficeFormat,
  detail: string,
  code: "bad-file" | "too-large" | "unsupported-format" = "bad-file",
): ParseError {
  return new ParseError(code, FILE_START, null, null, "", `${FORMAT_LABELS[format]}${detail}`);
}

/** An opened package: which parts it has, and a way to inflate the few a reader needs. */
export interface OfficeZip {
  readonly format: OfficeFormat;
  /** The entry name of a part, found case-insensitively as OPC part names are; null when absent. */
  find(part: string): string | null;
  /** Inflates the named parts (entry names from `find`) in one pass, counting them against the caps. */
  read(entries: readonly string[]): Map<string, Uint8Array>;
}

/**
 * Opens `bytes` as a zip package. Only the central directory is read here; nothing is inflated until
 * `read`, and then only parts whose declared size fits the caps. fflate inflates into a buffer of
 * the declared size, so a part that declares less than it holds cannot grow memory (its time still
 * grows with what it really holds), and one that declares more is caught by its real size.
 */
export function openZip(bytes: Uint8Array, format: OfficeFormat): OfficeZip {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw badFile(format, `文件过大（${bytes.length} 字节，上限 ${MAX_DOCUMENT_BYTES} 字节），不是一份履职事项清单`, "too-large");
  }
  if (isOleCompoundFile(bytes)) {
    throw badFile(
      format,
      "不能读取：这是旧版 Office 文件（.doc/.xls）或加密文件，请用 Word/Excel 另存为 .docx/.xlsx 后再上传",
      "unsupported-format",
    );
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw badFile(format, "不能读取：文件不是 ZIP 压缩包，不是 Office 文档");
  const byLowerName = new Map<string, string>();
  unzip(format, bytes, (info) => {
    if (byLowerName.size >= MAX_ZIP_ENTRIES) throw badFile(format, `已损坏：压缩包记录的文件超过 ${MAX_ZIP_ENTRIES} 个`);
    byLowerName.set(info.name.toLowerCase(), info.name);
    return false;
  });
  let inflated = 0;

  return {
    format,
    find: (part) => byLowerName.get(part.toLowerCase()) ?? null,
    read(names) {
      const wanted = new Set(names);
      const declared = new Map<string, number>();
      // Checked as each entry comes, so that a name listed twice is checked twice.
      const parts = unzip(format, bytes, (info) => {
        if (!wanted.has(info.name)) return false;
        checkDeclared(format, info, inflated);
        inflated += info.originalSize;
        declared.set(info.name, info.originalSize);
        return true;
      });
      const out = new Map<string, Uint8Array>();
      for (const name of names) {
        const data = parts[name];
        if (!data) throw badFile(format, `已损坏：缺少 ${name}`);
        if (data.length !== declared.get(name)) throw badFile(format, `已损坏：${name} 解压后的大小与压缩包记录不符`);
        out.set(name, data);
      }
      return out;
    },
  };
}

function unzip(format: OfficeFormat, bytes: Uint8Array, filter: (info: UnzipFileInfo) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter });
  } catch (error) {
    if (error instanceof ParseError) throw error;
    throw badFile(format, "已损坏或不完整（无法解压）");
  }
}

/**
 * Deflate never makes data much larger (stored blocks cost 5 bytes per 64 KiB), so a part whose
 * compressed size exceeds that bound declares a false size, the usual disguise of a zip bomb.
 */
function checkDeclared(format: OfficeFormat, info: UnzipFileInfo, inflatedSoFar: number): void {
  if (info.compression !== 0 && info.compression !== 8) {
    throw badFile(format, `不能读取：${info.name} 使用了不支持的压缩方式（编号 ${info.compression}）`, "unsupported-format");
  }
  if (info.originalSize > MAX_PART_BYTES) {
    throw badFile(
      format,
      `不能读取：${info.name} 解压后有 ${info.originalSize} 字节，超过单个部件上限 ${MAX_PART_BYTES} 字节`,
      "too-large",
    );
  }
  if (inflatedSoFar + info.originalSize > MAX_UNZIPPED_BYTES) {
    throw badFile(format, `不能读取：解压后总大小超过上限 ${MAX_UNZIPPED_BYTES} 字节`, "too-large");
  }
  const deflateBound = info.originalSize + 5 * Math.ceil(info.originalSize / 16384) + 64;
  if (info.size > (info.compression === 0 ? info.originalSize : deflateBound)) {
    throw badFile(format, `已损坏：${info.name} 的压缩数据与记录的大小不符`);
  }
}

/** Old .doc/.xls files and password-protected .docx/.xlsx are OLE compound files, not zips. */
function isOleCompoundFile(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return magic.every((b, i) => bytes[i] === b);
}

const KINDS: readonly { format: OfficeFormat | null; part: string; name: string }[] = [
  { format: "docx", part: "word/document.xml", name: "Word 文档（.docx）" },
  { format: "xlsx", part: "xl/workbook.xml", name: "Excel 工作簿（.xlsx）" },
  { format: null, part: "ppt/presentation.xml", name: "PowerPoint 演示文稿（.pptx）" },
  { format: null, part: "content.xml", name: "OpenDocument 文件（.odt/.ods，WPS 或 LibreOffice 可另存为 .docx/.xlsx）" },
];

/**
 * The entry name of the package's main part (word/document.xml, xl/workbook.xml), found through
 * _rels/.rels as the package says, else at its usual place. A package of another kind (an .xlsx
 * given as .docx, an .odt, an unrelated zip) is refused, saying what it is.
 */
export function mainPart(zip: OfficeZip): string {
  const target = readRelationships(zip, "").find((r) => isRelType(r.type, "officeDocument"))?.part;
  const expected = KINDS.find((k) => k.format === zip.format)!;
  const others = KINDS.filter((k) => k !== expected);
  const entry = zip.find(target ?? expected.part);
  const other = entry ? others.find((k) => k.part === entry.toLowerCase()) : others.find((k) => zip.find(k.part));
  if (other) throw badFile(zip.format, `不能读取：文件实为${other.name}`);
  if (!entry) throw badFile(zip.format, `不能读取：压缩包中没有 ${target ?? expected.part}，不是 Office 文档`);
  return entry;
}

/** A relationship of a part to another: its type (compared by last path segment) and resolved entry name. */
export interface Relationship {
  id: string;
  type: string;
  /** Target as an entry name inside the package (no leading "/"), or null for an external link. */
  part: string | null;
}

/** The relationships of `source` ("" for the package itself), from its .rels part; none when it has no .rels. */
export function readRelationships(zip: OfficeZip, source: string): Relationship[] {
  const slash = source.lastIndexOf("/");
  const dir = source.slice(0, slash + 1);
  const relsName = zip.find(`${dir}_rels/${source.slice(slash + 1)}.rels`);
  if (!relsName) return [];
  const out: Relationship[] = [];
  streamXml(zip, relsName, zip.read([relsName]).get(relsName)!, { [NS.rel[0]]: "rel" }, "rel:Relationships", {
    open(name, attr) {
      if (name !== "rel:Relationship") return;
      const target = attr("Target") ?? "";
      const external = attr("TargetMode") === "External";
      out.push({ id: attr("Id") ?? "", type: attr("Type") ?? "", part: external ? null : resolvePart(dir, target) });
    },
  });
  return out;
}

/** True when a relationship type URI is of `kind` ("officeDocument", "worksheet", …) in either schema. */
export function isRelType(type: string, kind: string): boolean {
  return type.endsWith(`/${kind}`);
}

/** A relationship target, relative to `dir` or absolute from the package root, as an entry name. */
function resolvePart(dir: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // A stray "%" is a literal character in the part name.
  }
  const path = decoded.startsWith("/") ? decoded.slice(1) : dir + decoded;
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

/** Looks up an attribute of the element being opened, by prefix-mapped name ("w:val") or plain name ("r"). */
export type AttrLookup = (name: string) => string | undefined;

/** Callbacks of `streamXml`; element names arrive as `prefix:local` with the caller's prefixes. */
export interface XmlHandlers {
  open(name: string, attr: AttrLookup): void;
  close?(name: string): void;
  text?(text: string): void;
}

interface NamespaceFrame {
  depth: number;
  prefixes: Map<string, string>;
}

/**
 * Streams one XML part through htmlparser2 (SAX-style, no DOM): element names are reported with the
 * prefixes of `namespaces` (URI → prefix) whatever prefixes the file declares, so `<x:row>` written
 * by one tool and `<row>` by another both arrive as the caller's name. Elements in namespaces the
 * caller did not name arrive as `?:local`; an undeclared prefix is kept as written. The root must be
 * `root`; a part that ends with elements still open, or nests deeper than MAX_XML_DEPTH, is broken.
 */
export function streamXml(
  zip: Pick<OfficeZip, "format">,
  part: string,
  bytes: Uint8Array,
  namespaces: Readonly<Record<string, string>>,
  root: string,
  handlers: XmlHandlers,
): void {
  const broken = (what: string) => badFile(zip.format, `已损坏：${part} ${what}`);
  const frames: NamespaceFrame[] = [];
  const names: string[] = [];
  let elementNames = new Map<string, string>();
  let attributeNames = new Map<string, string>();
  let attribs: Record<string, string> = {};
  let justOpened = "";
  let rootSeen = false;

  const uriOf = (prefix: string): string | undefined => {
    for (let i = frames.length - 1; i >= 0; i--) {
      const uri = frames[i]!.prefixes.get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  };
  const elementName = (raw: string): string => {
    let name = elementNames.get(raw);
    if (name === undefined) {
      const colon = raw.indexOf(":");
      const uri = uriOf(colon < 0 ? "" : raw.slice(0, colon));
      const prefix = uri === undefined ? undefined : (namespaces[uri] ?? "?");
      name = prefix === undefined ? raw : `${prefix}:${raw.slice(colon + 1)}`;
      elementNames.set(raw, name);
    }
    return name;
  };
  // The caller asks for "w:val"; the file may spell it "w:val", "ns0:val" or (undeclared) "w:val".
  const attr: AttrLookup = (name) => {
    let raw = attributeNames.get(name);
    if (raw === undefined) {
      const colon = name.indexOf(":");
      raw = name;
      if (colon > 0) {
        const wanted = name.slice(0, colon);
        for (let i = frames.length - 1; i >= 0 && raw === name; i--) {
          for (const [prefix, uri] of frames[i]!.prefixes) {
            if (prefix !== "" && namespaces[uri] === wanted) {
              raw = `${prefix}${name.slice(colon)}`;
              break;
            }
          }
        }
      }
      attributeNames.set(name, raw);
    }
    return attribs[raw];
  };

  const parser = new Parser(
    {
      onopentag(raw, attributes) {
        if (names.length >= MAX_XML_DEPTH) throw broken(`嵌套层次过深（超过 ${MAX_XML_DEPTH} 层）`);
        let declared: Map<string, string> | null = null;
        for (const key in attributes) {
          if (key !== "xmlns" && !key.startsWith("xmlns:")) continue;
          declared ??= new Map();
          declared.set(key.slice(6), attributes[key]!);
        }
        if (declared) {
          frames.push({ depth: names.length, prefixes: declared });
          elementNames = new Map();
          attributeNames = new Map();
        }
        const name = elementName(raw);
        if (names.length === 0) {
          if (rootSeen || name !== root) throw broken(`内容不符（根元素应为 <${root}>，实为 <${raw}>）`);
          rootSeen = true;
        }
        names.push(name);
        attribs = attributes;
        justOpened = raw;
        handlers.open(name, attr);
      },
      onclosetag(raw, implied) {
        // htmlparser2 reports both a self-closed element and one the file never closed as implied;
        // only the self-closed one closes right after it opened.
        if (implied && justOpened !== raw) throw broken("不完整（XML 元素未闭合）");
        justOpened = "";
        const name = names.pop()!;
        handlers.close?.(name);
        if (frames.length > 0 && frames[frames.length - 1]!.depth === names.length) {
          frames.pop();
          elementNames = new Map();
          attributeNames = new Map();
        }
      },
      ontext(text) {
        justOpened = "";
        if (names.length > 0) handlers.text?.(text);
      },
    },
    { xmlMode: true },
  );
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const decoder = new TextDecoder(utf16 ? (bytes[0] === 0xff ? "utf-16le" : "utf-16be") : "utf-8", { fatal: true });
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw broken(`不是有效的 ${utf16 ? "UTF-16" : "UTF-8"} 文本`);
    }
  };
  for (let at = 0; at < bytes.length; at += XML_CHUNK_BYTES) parser.write(decode(bytes.subarray(at, at + XML_CHUNK_BYTES)));
  parser.end(decode());
  if (!rootSeen) throw broken(`内容不符（没有 <${root}> 元素）`);
}
