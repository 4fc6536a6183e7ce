import { createHash } from "node:crypto";
import type http from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/*
 * API answers are a pure function of (procedure, input, data version): every writer raises the data
 * version in its own transaction (packages/db write/data-version.ts). So a GET of /trpc/ is cached
 * under its URL (procedure and input) and the version read just before, and once any import,
 * deletion or repair commits, no request reads the old entries again; they age out of the LRU. The
 * ETag names the version and the bytes, so a browser's revalidation is a 304 without a body.
 */

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
  etag: string;
  /** Compressed forms, made on first request for each. */
  encoded: Map<"br" | "gzip", Buffer>;
}

/** A least-recently-used map bounded by the bytes it holds (bodies and their compressed forms). */
export class AnswerCache {
  private readonly entries = new Map<string, Answer>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): Answer | undefined {
    const answer = this.entries.get(key);
    if (!answer) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Map keeps insertion order: moving the entry to the end makes the first entry the least recent.
    this.entries.delete(key);
    this.entries.set(key, answer);
    return answer;
  }

  set(key: string, answer: Answer): void {
    const old = this.entries.get(key);
    if (old) this.forget(key, old);
    const size = sizeOf(answer);
    if (size > this.maxBytes) return;
    this.entries.set(key, answer);
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest, entry);
    }
  }

  /** Counts a compressed form made after the answer was stored. */
  grew(by: number): void {
    this.bytes += by;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private forget(key: string, answer: Answer): void {
    this.entries.delete(key);
    this.bytes -= sizeOf(answer);
  }
}

function sizeOf(answer: Answer): number {
  let n = answer.body.length;
  for (const b of answer.encoded.values()) n += b.length;
  return n;
}

/** Below this an answer is sent as it is: compressing a few hundred bytes saves nothing. */
const COMPRESS_FROM = 1024;

/** The encoding to send: brotli when the client takes it, else gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  const accepted = new Set((acceptEncoding ?? "").split(",").map((e) => e.split(";")[0]!.trim().toLowerCase()));
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return null;
}

export function compress(body: Buffer, encoding: "br" | "gzip"): Buffer {
  // Quality 5 of 11: most of brotli's gain at a fraction of its time, for answers made on request.
  return encoding === "br" ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(body, { level: 6 });
}

export function answerOf(status: number, contentType: string, body: Buffer, version: number): Answer {
  const digest = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  return { status, contentType, body, etag: `"v${version}-${digest}"`, encoded: new Map() };
}

/** Whether If-None-Match names this ETag (a list, or *). */
export function notModified(req: http.IncomingMessage, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (!header) return false;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//u, ""))
    .some((t) => t === etag || t === "*");
}

/** Sends an answer: 304 when the client holds it, compressed when it is worth it and accepted. */
export function sendAnswer(req: http.IncomingMessage, res: http.ServerResponse, answer: Answer, cache: AnswerCache | null): void {
  if (answer.status === 200) {
    res.setHeader("etag", answer.etag);
    // The client may keep it but must ask again each time: the next import changes the answer.
    res.setHeader("cache-control", "no-cache");
  }
  res.setHeader("vary", "accept-encoding");
  if (answer.status === 200 && notModified(req, answer.etag)) {
    res.writeHead(304).end();
    return;
  }
  const encoding = answer.body.length >= COMPRESS_FROM ? pickEncoding(req.headers["accept-encoding"] as string | undefined) : null;
  let body = answer.body;
  if (encoding) {
    let encoded = answer.encoded.get(encoding);
    if (!encoded) {
      encoded = compress(answer.body, encoding);
      answer.encoded.set(encoding, encoded);
      cache?.grew(encoded.length);
    }
    body = encoded;
    res.setHeader("content-encoding", encoding);
  }
  res.writeHead(answer.status, { "content-type": answer.contentType, "content-length": body.length });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** What a handler wrote: status, content type, its other headers (cookies, Retry-After) and body. */
export interface Captured {
  status: number;
  contentType: string;
  headers: [string, number | string | string[]][];
  body: Buffer;
}

/**
 * An answer that is not cached (the signed-in user's, a write's): sent with the handler's headers,
 * compressed when it is worth it and accepted, never given an ETag (it may differ per person).
 */
export function sendCaptured(req: http.IncomingMessage, res: http.ServerResponse, out: Captured): void {
  for (const [name, value] of out.headers) res.setHeader(name, value);
  res.setHeader("vary", "accept-encoding");
  const encoding = out.body.length >= COMPRESS_FROM ? pickEncoding(req.headers["accept-encoding"] as string | undefined) : null;
  const body = encoding ? compress(out.body, encoding) : out.body;
  if (encoding) res.setHeader("content-encoding", encoding);
  res.writeHead(out.status, { "content-type": out.contentType, "content-length": body.length });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Runs a Node request handler with the response's body held back: what it writes is returned
 * instead of sent, with its status and content type (the tRPC adapter sets headers, then writes and
 * ends; it never calls writeHead).
 */
export function captureResponse(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => unknown,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<Captured> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    // Headers set before (the security headers) stay; the handler's own are returned and taken off.
    const before = new Set(res.getHeaderNames());
    const write = res.write;
    const end = res.end;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
      );
    };
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      keep(chunk, encoding);
      const cb = typeof encoding === "function" ? encoding : callback;
      if (typeof cb === "function") queueMicrotask(() => (cb as () => void)());
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown, encoding?: unknown) => {
      keep(chunk, encoding);
      res.write = write;
      res.end = end;
      const contentType = String(res.getHeader("content-type") ?? "application/json");
      const headers: Captured["headers"] = [];
      for (const name of res.getHeaderNames()) {
        if (before.has(name)) continue;
        const value = res.getHeader(name);
        if (value !== undefined && name !== "content-type" && name !== "content-length") headers.push([name, value]);
        res.removeHeader(name);
      }
      done({ status: res.statusCode, contentType, headers, body: Buffer.concat(chunks) });
      return res;
    }) as typeof res.end;
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      res.write = write;
      res.end = end;
      fail(err);
    });
  });
}
