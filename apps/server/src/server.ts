import { createReadStream, existsSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { appRouter, createContext, MAX_IMPORT_BYTES, UNAVAILABLE_MESSAGE } from "@duty/api";
import { type Db, dataVersion, isDatabaseUnavailable } from "@duty/db";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { AnswerCache, answerOf, captureResponse, pickEncoding, sendAnswer } from "./answer-cache.ts";
import { WEB_DIST } from "./config.ts";

export interface ServerOptions {
  db: Db;
  /** ATLAS_ADMIN_TOKEN; without it every mutation is refused. */
  adminToken?: string | undefined;
  /** Folder of the built dashboard; default apps/web/dist when it exists, null for the API alone. */
  webDist?: string | null | undefined;
  /** Where unexpected (500) errors are reported; default stderr. */
  logError?: ((line: string) => void) | undefined;
  /** Bytes of API answers kept in memory (0: none); default 64 MB. */
  answerCacheBytes?: number | undefined;
}

const DEFAULT_ANSWER_CACHE_BYTES = 64 * 1024 * 1024;

/** The HTTP server: tRPC under /trpc/, the dashboard everywhere else. Does not listen. */
export function createServer(options: ServerOptions): http.Server {
  const logError = options.logError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    // Bodies over this are refused with 413 while they stream in, before any parsing.
    maxBodySize: MAX_IMPORT_BYTES,
    createContext: ({ req }) => createContext({ db: options.db, authorization: req.headers.authorization, adminToken: options.adminToken }),
    onError: ({ error, path }) => {
      // Only unexpected failures: a bad input or a 404 is the client's business. Never the request's headers.
      if (error.code === "INTERNAL_SERVER_ERROR") logError(`/trpc/${path ?? "?"}: ${error.message}`);
      // An outage is logged with the driver's reason (refused, shutting down…), which the client is not shown.
      if (error.code === "SERVICE_UNAVAILABLE") logError(`/trpc/${path ?? "?"}: database unavailable: ${error.cause?.message ?? "?"}`);
    },
  });
  const webDist = options.webDist === undefined ? (existsSync(WEB_DIST) ? WEB_DIST : null) : options.webDist;
  const cacheBytes = options.answerCacheBytes ?? DEFAULT_ANSWER_CACHE_BYTES;
  const cache = cacheBytes > 0 ? new AnswerCache(cacheBytes) : null;

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
    res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  return http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (pathname.startsWith("/trpc/")) {
      if (req.method !== "GET") return trpc(req, res);
      query(req, res).catch((err: unknown) => {
        logError(`/trpc${pathname.slice(5)}: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("内部错误 / internal error\n");
      });
      return;
    }
    if (webDist && (req.method === "GET" || req.method === "HEAD")) return serveStatic(webDist, pathname, req, res);
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`${pathname}: not found (the API is under /trpc/)\n`);
  });
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

function serveStatic(root: string, pathname: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  let file: string | null = null;
  try {
    const candidate = resolve(root, `.${decodeURIComponent(pathname)}`);
    // resolve() folds ../ away; anything that lands outside the build folder is not served.
    if (candidate === root || candidate.startsWith(root + sep)) file = candidate;
  } catch {
    // A malformed %-escape names no file.
  }
  if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!file || !existsSync(file)) {
    // Client-side routes (/departments/12) have no file: the app's index.html handles them. A missing asset stays a 404.
    if (extname(pathname) !== "") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`${pathname}: not found\n`);
      return;
    }
    file = join(root, "index.html");
  }
  // The build writes file.br and file.gz beside each text asset (apps/web/scripts/precompress.ts): sent as they are.
  const encoding = pickEncoding(req.headers["accept-encoding"] as string | undefined);
  const suffix = encoding === "br" ? ".br" : encoding === "gzip" ? ".gz" : null;
  const encoded = suffix && existsSync(file + suffix) ? file + suffix : null;
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    // Vite puts a content hash in every name under assets/; index.html must always be fetched fresh.
    "cache-control": file.startsWith(join(root, "assets") + sep) ? "public, max-age=31536000, immutable" : "no-cache",
    vary: "accept-encoding",
    ...(encoded && encoding ? { "content-encoding": encoding } : {}),
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(encoded ?? file).pipe(res);
}
