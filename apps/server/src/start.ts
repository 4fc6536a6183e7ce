import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createWorkPool } from "@duty/api";
import { type AtlasDatabase, openDatabase, seedIfEmpty } from "@duty/db";
import { databaseOptions, LISTS_DIR, readDocuments } from "./config.ts";
import { createServer, listen } from "./server.ts";

/**
 * The longest one statement of a request may run on PostgreSQL (statement_timeout). The heaviest
 * statistic on the national benchmark answers in well under a second; a statement still running
 * after this is stuck or hostile, and its request gets 503 「系统繁忙」.
 */
export const STATEMENT_TIMEOUT_MS = 15_000;

/** Opens the configured database (DATABASE_URL, else PGlite in ATLAS_DATA_DIR), migrates it and, when empty, imports data/lists. */
export async function openAtlas(): Promise<AtlasDatabase & { seeded: number }> {
  const opened = await openDatabase({ ...databaseOptions(), statementTimeoutMs: STATEMENT_TIMEOUT_MS });
  try {
    return { ...opened, seeded: (await seedIfEmpty(opened.db, () => readDocuments(LISTS_DIR))).length };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

export interface StartOptions {
  port?: number | undefined;
  host?: string | undefined;
  log?: ((line: string) => void) | undefined;
}

/**
 * What `pnpm start` and `atlas serve` do: migrate, import data/lists into an empty database, serve.
 * PORT (default 3000), HOST (default 127.0.0.1), ATLAS_ADMIN_TOKEN come from the environment.
 * Logs one line with the URL when ready; stop() closes the server, then the database.
 */
export async function start(options: StartOptions = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const port = options.port ?? portFromEnv(process.env.PORT);
  const host = options.host ?? (process.env.HOST || "127.0.0.1");
  const atlas = await openAtlas();
  try {
    // Reading uploads, lint and diff run here, each within its time and heap limit, never on the thread that answers requests.
    const work = createWorkPool();
    const server = createServer({ db: atlas.db, adminToken: process.env.ATLAS_ADMIN_TOKEN || undefined, work });
    const { url, close } = await listen(server, port, host).catch(async (err: unknown) => {
      await work.close();
      throw err;
    });
    const imported = atlas.seeded ? `, imported ${atlas.seeded} document(s) from data/lists` : "";
    log(`Duty Atlas ready at ${url} (${atlas.engine}: ${atlas.location}${imported})`);
    return {
      url,
      stop: async () => {
        await close();
        await work.close();
        await atlas.close();
      },
    };
  } catch (err) {
    await atlas.close();
    throw err;
  }
}

function portFromEnv(value: string | undefined): number {
  if (!value) return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: "${value}" is not a port number (0–65535)`);
  return port;
}

/** Runs until SIGINT/SIGTERM, then closes the database so PGlite's folder is left consistent and unlocked. */
export async function runUntilSignal(options: StartOptions = {}): Promise<void> {
  const { stop } = await start(options);
  await new Promise<void>((done) => {
    const shutdown = () => {
      process.off("SIGINT", shutdown);
      process.off("SIGTERM", shutdown);
      stop().then(done, (err: unknown) => {
        process.stderr.write(`shutdown: ${err instanceof Error ? err.message : String(err)}\n`);
        done();
      });
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
  });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runUntilSignal().catch((err: unknown) => {
    process.stderr.write(`atlas start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
