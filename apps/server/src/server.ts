import { createReadStream, existsSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import {
  appRouter,
  createContext,
  MAX_BATCH_SIZE,
  MAX_IMPORT_BYTES,
  MAX_REQUEST_BYTES,
  RETRY_AFTER_SECONDS,
  UNAVAILABLE_MESSAGE,
  type Work,
} from "@duty/api";
import { type Db, dataVersion, isDatabaseUnavailable } from "@duty/db";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { AnswerCache, answerOf, captureResponse, pickEncoding, sendAnswer, sendCaptured } from "./answer-cache.ts";
import { WEB_DIST } from "./config.ts";

export interface ServerOptions {
  db: Db;
  /** ATLAS_ADMIN_TOKEN: an administrator's key for scripts; without it only accounts and their API keys can change anything. */
  adminToken?: string | undefined;
  /** Anonymous visitors read (as 查看); default true. */
  publicRead?: boolean | undefined;
  /** Mark the session cookie Secure (the server is reached over HTTPS). */
  secureCookies?: boolean | undefined;
  /** Folder of the built dashboard; default apps/web/dist when it exists, null for the API alone. */
  webDist?: string | null | undefined;
  /** Where reading, lint and diff run: the worker pool start() makes; default this thread (tests that need no limits). */
  work?: Work | undefined;
  /** Where unexpected (500) errors are reported; default stderr. */
  logError?: ((line: string) => void) | undefined;
  /** Bytes of API answers kept in memory (0: none); default 64 MB. */
  answerCacheBytes?: number | undefined;
}

const DEFAULT_ANSWER_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Queries that answer the same to every reader: the statistics, places, duties and reports, and the
 * comparisons (a diff reads two stored revisions, drafts included, which no one may edit; any publish,
 * withdrawal or deletion bumps the data version). Comparing two towns costs ~0.3 s of differ and a
 * region's 37 towns 1.6 s per visit uncached (scripts/timeline.ts).
 */
const CACHED_PROCEDURES = ["stats.", "regions.", "duties.", "departments.", "report.", "diff."];

/**
 * Sent with every response, API and files alike. The dashboard loads only its own built scripts and
 * styles (Vite emits no inline script); charts exported as PNG go through data: and blob: images.
 * No page may frame it (clickjacking), no type is guessed from content, no address leaks to other sites.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; "),
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

/** The 404 body: the same for every path, so nothing a client sent is echoed into a page. */
export const NOT_FOUND_TEXT = "未找到 / not found (the API is under /trpc/)\n";

/** The HTTP server: tRPC under /trpc/, the dashboard everywhere else. Does not listen. */
export function createServer(options: ServerOptions): http.Server {
  const logError = options.logError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    // Bodies over this (a 20 MB document as base64) are refused with 413 while they stream in, before any parsing.
    maxBodySize: MAX_REQUEST_BYTES,
    // One request carries at most this many procedures, so two requests cannot take every pooled connection.
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ req, res }) =>
      createContext({
        db: options.db,
        authorization: req.headers.authorization,
        cookie: req.headers.cookie,
        csrf: header(req.headers["x-atlas-csrf"]),
        origin: req.headers.origin,
        host: req.headers.host,
        // The socket's peer: a proxy in front would make every client one address (documented in docs/security.md).
        ip: req.socket.remoteAddress ?? null,
        adminToken: options.adminToken,
        publicRead: options.publicRead,
        secureCookies: options.secureCookies,
        setCookie: (cookie) => res.appendHeader("set-cookie", cookie),
        work: options.work,
      }),
    // A 503 (database down or saturated, workers busy) tells clients and proxies when to come back.
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } } : {},
    onError: ({ error, path }) => {
      // Only unexpected failures: a bad input or a 404 is the client's business. Never the request's headers.
      if (error.code === "INTERNAL_SERVER_ERROR") logError(`/trpc/${path ?? "?"}: ${error.message}`);
      // An outage is logged with the driver's reason (refused, shutting down…), which the client is not shown.
      if (error.code === "SERVICE_UNAVAILABLE") {
        const what = error.message === UNAVAILABLE_MESSAGE ? "database unavailable" : "busy";
        logError(`/trpc/${path ?? "?"}: ${what}: ${error.cause?.message ?? "?"}`);
      }
    },
  });
  const webDist = options.webDist === undefined ? (existsSync(WEB_DIST) ? WEB_DIST : null) : options.webDist;
  const cacheBytes = options.answerCacheBytes ?? DEFAULT_ANSWER_CACHE_BYTES;
  const cache = cacheBytes > 0 ? new AnswerCache(cacheBytes) : null;
  const publicRead = options.publicRead ?? true;

  /**
   * Whether a GET may be answered from the cache: only when anyone may read (a cached answer skips
   * the sign-in check) and only procedures whose answer is a function of their input and the data
   * alone, never of who asks (auth.me, users, audit and the revision lists with drafts are not).
   */
  function cacheable(pathname: string): boolean {
    if (!cache || !publicRead) return false;
    return pathname
      .slice("/trpc/".length)
      .split(",")
      .every((path) => CACHED_PROCEDURES.some((prefix) => path.startsWith(prefix)));
  }

  /** A query (GET): from the cache under the current data version, else computed, kept and sent compressed. */
  async function query(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let version: number;
    try {
      version = await dataVersion(options.db);
    } catch (err) {
      // The database is away: answered here in tRPC's error shape, since asking the handler would
      // wait for a second failed connection. Anything else is the handler's to report.
      if (!isDatabaseUnavailable(err)) {
        await trpc(req, res);
        return;
      }
      unavailable(req, res, err);
      return;
    }
    const key = `${version} ${req.url}`;
    const hit = cache?.get(key);
    if (hit) return sendAnswer(req, res, hit, cache);
    const out = await captureResponse(trpc, req, res);
    const answer = answerOf(out.status, out.contentType, out.body, version);
    // Only answers: an error (a 503 during an outage, a 404) may be different on the next try.
    if (out.status === 200) cache?.set(key, answer);
    sendAnswer(req, res, answer, out.status === 200 ? cache : null);
  }

  /** 503 with the message a failed procedure gets (trpc.ts), one error per procedure of a batch. */
  function unavailable(req: http.IncomingMessage, res: http.ServerResponse, cause: unknown): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    const paths = url.pathname.slice("/trpc/".length).split(",");
    logError(`/trpc/${paths.join(",")}: database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    const error = (path: string) => ({
      error: { message: UNAVAILABLE_MESSAGE, code: -32603, data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, path } },
    });
    const body = url.searchParams.get("batch") === "1" ? paths.map(error) : error(paths[0]!);
    res.writeHead(503, { "content-type": "application/json", "retry-after": String(RETRY_AFTER_SECONDS) }).end(JSON.stringify(body));
  }

  return http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (pathname.startsWith("/trpc/")) {
      if (Number(req.headers["content-length"] ?? 0) > MAX_REQUEST_BYTES) {
        tooLarge(req, res);
        return;
      }
      const answer =
        req.method === "GET" && cacheable(pathname)
          ? query(req, res)
          : captureResponse(trpc, req, res).then((out) => sendCaptured(req, res, out));
      answer.catch((err: unknown) => {
        logError(`/trpc${pathname.slice(5)}: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("内部错误 / internal error\n");
      });
      return;
    }
    if (webDist && (req.method === "GET" || req.method === "HEAD")) return serveStatic(webDist, pathname, req, res);
    notFound(res);
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Listens and resolves once ready, with the URL to print and a way to stop. */
export async function listen(server: http.Server, port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      ready();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        server.closeIdleConnections();
      }),
  };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * 413 for a body declared over MAX_REQUEST_BYTES (a MAX_IMPORT_BYTES file as base64), sent once the body is read: answering and closing
 * on unread bytes makes the kernel reset the connection, and the client may lose the 413 itself.
 * Past twice the limit the connection is cut instead. (tRPC's own maxBodySize still stops a body
 * that declares no length.)
 */
function tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  let read = 0;
  req.on("data", (chunk: Buffer) => {
    read += chunk.length;
    if (read > 2 * MAX_REQUEST_BYTES) req.destroy();
  });
  req.on("end", () => {
    const message = `请求体过大：文件上限为 ${MAX_IMPORT_BYTES / 1024 / 1024} MB / the request body is too large: files may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
    res
      .writeHead(413, { "content-type": "application/json" })
      .end(JSON.stringify({ error: { message, code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } }));
  });
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(NOT_FOUND_TEXT);
}

/**
 * Serves what the dashboard needs and nothing else: files under assets/ (Vite's hashed output) and
 * the app shell index.html for every path without an extension (client-side routes such as
 * /departments/12). The build manifest (.vite/), source maps outside assets/ and anything else
 * the build folder may hold are 404.
 */
function serveStatic(root: string, pathname: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const shell = join(root, "index.html");
  const assets = join(root, "assets");
  let file: string | null = null;
  if (pathname.startsWith("/assets/")) {
    try {
      const candidate = resolve(root, `.${decodeURIComponent(pathname)}`);
      // resolve() folds ../ away; anything that lands outside assets/ is not served.
      if (candidate.startsWith(assets + sep) && existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
    } catch {
      // A malformed %-escape names no file.
    }
  } else if (extname(pathname) === "" && !pathname.split("/").some((part) => part.startsWith("."))) {
    file = existsSync(shell) ? shell : null;
  }
  if (!file) {
    notFound(res);
    return;
  }
  // The build writes file.br and file.gz beside each text asset (apps/web/scripts/precompress.ts): sent as they are.
  const encoding = pickEncoding(req.headers["accept-encoding"] as string | undefined);
  const suffix = encoding === "br" ? ".br" : encoding === "gzip" ? ".gz" : null;
  const encoded = suffix && existsSync(file + suffix) ? file + suffix : null;
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    // Vite puts a content hash in every name under assets/; index.html must always be fetched fresh.
    "cache-control": file === shell ? "no-cache" : "public, max-age=31536000, immutable",
    vary: "accept-encoding",
    ...(encoded && encoding ? { "content-encoding": encoding } : {}),
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(encoded ?? file).pipe(res);
}
