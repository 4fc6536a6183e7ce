/**
 * Load test on loopback: `clients` concurrent clients (default 50) for `seconds` (default 30) against
 * the statistics and search endpoints of a server holding `towns` generated towns (default 200).
 * Prints requests/s and p50/p99 latency; exits 1 on any error or non-2xx answer.
 *   pnpm -s load-test [--towns 200] [--clients 50] [--seconds 30] [--attacker]
 * --attacker: two 4,000-duty near-identical revisions are imported too, and after the run above a
 * second run of the same length adds ATTACKERS anonymous clients sending 200-procedure batches,
 * diff.compare and lint.byRevision of that pair; the well-behaved clients' p99 of both runs is
 * printed side by side. An attacker's answer may be 400 (batch refused), 422 (「处理超时」) or 503
 * (「系统繁忙」), never a 500 or no answer.
 * With DATABASE_URL: a fresh database on that server, dropped at the end; otherwise PGlite in a
 * temporary folder. The server runs as its own process (src/start.ts), as in production.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export interface LoadOptions {
  /** The server's base URL; must be a loopback address. */
  url: string;
  /** Requested in turn by every client, relative to url. */
  paths: readonly string[];
  clients: number;
  durationMs: number;
  /** Each client also goes round every path at least this often, however long that takes (default 0). */
  minRounds?: number;
  /** Statuses that count as answers rather than errors (default: 2xx only); the attackers expect refusals. */
  expected?: (status: number) => boolean;
}

export interface LoadResult {
  requests: number;
  /** Failed requests: no answer, or a status outside 2xx. */
  errors: number;
  statuses: Record<number, number>;
  /** Failures by kind ("HTTP 503", "read ECONNRESET", …), and the first one with its path. */
  errorKinds: Record<string, number>;
  firstError: string | null;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  perSecond: number;
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** What the dashboard asks most: the overview's requests at national scope (its top 10 departments, the share histogram, the scope's sources) and free-text search. */
export const LOAD_PATHS = [
  "trpc/stats.overview",
  "trpc/stats.byCategory",
  "trpc/stats.reclaimedVsRetained",
  `trpc/stats.departmentLoad?input=${input({ limit: 10 })}`,
  "trpc/stats.townShareHistogram",
  "trpc/regions.sources",
  // A common, a rarer and an absent word (the generator never writes 量子计算).
  `trpc/duties.search?input=${input({ q: "安全", limit: 50 })}`,
  `trpc/duties.search?input=${input({ q: "器官捐献", limit: 50 })}`,
  `trpc/duties.search?input=${input({ q: "量子计算", limit: 50 })}`,
  `trpc/duties.search?input=${input({ q: "应急管理", list: "coordinated", limit: 20 })}`,
  `trpc/duties.search?input=${input({ list: "reclaimed", limit: 50 })}`,
] as const;

/** Anonymous attackers running beside the well-behaved clients in --attacker mode. */
const ATTACKERS = 4;
/** Duties in each of the attackers' two near-identical revisions. */
const ATTACK_DUTIES = 4_000;

/** What the attackers send in turn: a batch far over the cap, the hostile diff, the hostile lint. */
export function attackPaths(from: number, to: number): string[] {
  const batch = Array.from({ length: 200 }, () => "stats.overview").join(",");
  const inputs = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [i, {}]));
  return [
    `trpc/${batch}?batch=1&input=${input(inputs)}`,
    `trpc/diff.compare?input=${input({ from, to })}`,
    `trpc/lint.byRevision?input=${input({ revisionId: from })}`,
  ];
}

/** No client waits longer than this for one answer; a request that does counts as an error. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Runs `clients` request loops until `durationMs` is over; each loop waits for its answer before asking again. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const base = new URL(options.url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname))
    throw new Error(`${options.url}: the load test only runs against loopback`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  let firstError: string | null = null;
  const fail = (path: string, why: string) => {
    errors++;
    errorKinds[why] = (errorKinds[why] ?? 0) + 1;
    firstError ??= `${path}: ${why}`;
  };
  const get = (path: string) =>
    new Promise<number>((done, failed) => {
      const req = http.get(new URL(path, base), { agent }, (res) => {
        res.resume();
        res.once("end", () => done(res.statusCode ?? 0));
        res.once("error", failed);
      });
      req.once("error", failed);
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    });

  const began = performance.now();
  const deadline = began + options.durationMs;
  const client = async (offset: number) => {
    const least = offset + (options.minRounds ?? 0) * options.paths.length;
    for (let i = offset; i < least || performance.now() < deadline; i++) {
      const path = options.paths[i % options.paths.length]!;
      const sent = performance.now();
      try {
        const status = await get(path);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (!(options.expected ?? ((x: number) => x >= 200 && x <= 299))(status)) fail(path, `HTTP ${status}`);
      } catch (err) {
        fail(path, err instanceof Error ? err.message : String(err));
      }
      latencies.push(performance.now() - sent);
    }
  };
  // Clients start at different paths so every endpoint is busy from the first second.
  await Promise.all(Array.from({ length: options.clients }, (_, k) => client(k)));
  const elapsed = performance.now() - began;
  agent.destroy();

  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    requests: sorted.length,
    errors,
    statuses,
    errorKinds,
    firstError,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted.at(-1) ?? 0,
    perSecond: sorted.length / (elapsed / 1000),
  };
}

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { towns: { type: "string" }, clients: { type: "string" }, seconds: { type: "string" }, attacker: { type: "boolean" } },
  });
  const count = (text: string | undefined, fallback: number, max: number, flag: string) => {
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${flag}: "${text}" is not a whole number from 1 to ${max}`);
    return n;
  };
  const towns = count(values.towns, 200, 5000, "towns");
  const clients = count(values.clients, 50, 500, "clients");
  const seconds = count(values.seconds, 30, 600, "seconds");

  // Loaded here, not at the top: the smoke test imports runLoad without the generator or a database.
  const { documentOf, generateTowns } = await import("@duty/bench");
  const { analyzeAfterLoad, bulkImport, importDocument, openDatabase } = await import("@duty/db");
  const { nearTwins } = await import("@duty/domain/test-fixtures/near-twins");
  const { createTestDatabaseUrl } = await import("@duty/db/test");

  const dir = mkdtempSync(join(tmpdir(), "atlas-load-"));
  const database = process.env.DATABASE_URL ? await createTestDatabaseUrl() : null;
  const env = { ...process.env, DATABASE_URL: database?.url ?? "", ATLAS_DATA_DIR: join(dir, "data") };
  let server: ChildProcess | undefined;
  try {
    const opened = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.ATLAS_DATA_DIR });
    const engine = opened.engine;
    const importing = performance.now();
    const hostile: number[] = [];
    try {
      // Through the bulk writer, as `atlas import DIR` loads a country; the documents' reading has its own benchmark.
      let batch: ReturnType<typeof documentOf>[] = [];
      let n = 0;
      for (const town of generateTowns(1, towns)) {
        batch.push(documentOf(town, 1));
        n++;
        if (batch.length === 250 || n === towns) {
          await bulkImport(opened, batch);
          batch = [];
          process.stderr.write(`imported ${n}/${towns} towns\n`);
        }
      }
      await analyzeAfterLoad(opened);
      if (values.attacker) {
        const { before, after } = nearTwins(ATTACK_DUTIES);
        for (const [name, text] of [
          ["near-twins-before.txt", before],
          ["near-twins-after.txt", after],
        ] as const) {
          hostile.push((await importDocument(opened.db, Buffer.from(text), name)).revisionId);
        }
      }
    } finally {
      await opened.close();
    }
    console.log(`${engine}: imported ${towns} generated towns in ${((performance.now() - importing) / 1000).toFixed(1)} s`);

    // node with tsx's loader rather than the tsx command, so SIGTERM reaches the server itself.
    server = spawn(process.execPath, ["--import", "tsx", "src/start.ts"], {
      cwd: SERVER_DIR,
      env: { ...env, PORT: "0", HOST: "127.0.0.1", ATLAS_ADMIN_TOKEN: "" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((ready, failed) => {
      let out = "";
      server!.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /ready at (http:\S+)/u.exec(out);
        if (m) ready(m[1]!);
      });
      server!.once("exit", (code) => failed(new Error(`src/start.ts exited with code ${code}: ${out}`)));
    });

    // One round first: caches warm, and a broken endpoint fails here rather than 50 times a second.
    for (const path of LOAD_PATHS) {
      const res = await fetch(new URL(path, url));
      if (!res.ok) throw new Error(`warm-up: ${path}: HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    console.log(`${clients} clients for ${seconds} s against ${url} (${LOAD_PATHS.length} statistics and search requests in turn)…`);
    const result = await runLoad({ url, paths: LOAD_PATHS, clients, durationMs: seconds * 1000 });
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    const report = (r: LoadResult) =>
      [
        `requests   ${r.requests} (${r.perSecond.toFixed(1)}/s)`,
        `latency    p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, max ${ms(r.maxMs)}`,
        `statuses   ${Object.entries(r.statuses)
          .map(([status, n]) => `${status}×${n}`)
          .join(", ")}`,
        `errors     ${r.errors}${Object.entries(r.errorKinds)
          .map(([why, n]) => `, ${why} ×${n}`)
          .join("")}`,
      ].join("\n");
    console.log(report(result));
    if (!values.attacker) return result.errors === 0 ? 0 : 1;

    console.log(
      `\nagain, with ${ATTACKERS} attackers (200-procedure batches, diff and lint of two ${ATTACK_DUTIES}-duty near-identical revisions)…`,
    );
    const [underAttack, attack] = await Promise.all([
      runLoad({ url, paths: LOAD_PATHS, clients, durationMs: seconds * 1000 }),
      runLoad({
        url,
        paths: attackPaths(hostile[0]!, hostile[1]!),
        clients: ATTACKERS,
        durationMs: seconds * 1000,
        // Refused (batch cap), stopped at its budget (「处理超时」), busy (「系统繁忙」), or answered.
        expected: (status) => [200, 400, 422, 503].includes(status),
      }),
    ]);
    console.log(`well-behaved clients:\n${report(underAttack)}\nattackers:\n${report(attack)}`);
    console.log(
      `\nwell-behaved p99: ${ms(result.p99Ms)} alone, ${ms(underAttack.p99Ms)} beside the attackers (p50 ${ms(result.p50Ms)} → ${ms(underAttack.p50Ms)})`,
    );
    return result.errors + underAttack.errors + attack.errors === 0 ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) {
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      await exited;
    }
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`load-test: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
