import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCaller, createWorkPool, localContext, MIN_PASSWORD_LENGTH } from "@duty/api";
import { type AtlasDatabase, countUsers, type Db, openDatabase, seedIfEmpty } from "@duty/db";
import { type AccessSettings, accessSettings, databaseOptions, LISTS_DIR, readDocuments } from "./config.ts";
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
 * The first administrator, on a start that finds no account: made from ATLAS_ADMIN_USER and
 * ATLAS_ADMIN_PASSWORD when they are set; otherwise the lines that tell how to make one. The
 * dashboard is read-only until then (there is no built-in password).
 */
export async function firstAdmin(db: Db, settings: Pick<AccessSettings, "firstAdmin">, engine: AtlasDatabase["engine"]): Promise<string[]> {
  if ((await countUsers(db)) > 0) return [];
  if (settings.firstAdmin) {
    const { name, password } = settings.firstAdmin;
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`ATLAS_ADMIN_PASSWORD: 密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
    await createCaller(localContext(db, { userId: null, name: "首次启动（ATLAS_ADMIN_USER）", role: "admin", via: "cli" })).users.add({
      name,
      password,
      role: "admin",
    });
    return [`已创建第一个管理员「${name}」（ATLAS_ADMIN_USER）：在看板右上角登录。`];
  }
  const stop = engine === "pglite" ? "先停止服务器（内嵌数据库同时只能由一个进程打开），" : "";
  return [
    "还没有任何用户：看板只读（任何人可查看，无人可上传或发布）。",
    `创建第一个管理员：${stop}运行 pnpm -s atlas user add <名字> --admin（会打印初始密码），`,
    "或在首次启动时设置 ATLAS_ADMIN_USER=<名字> 和 ATLAS_ADMIN_PASSWORD=<至少 10 个字符的密码>。",
  ];
}

/**
 * What `pnpm start` and `atlas serve` do: migrate, import data/lists into an empty database, make
 * the first administrator when asked to, serve. PORT (default 3000), HOST (default 127.0.0.1) and
 * the access settings (config.ts) come from the environment. Logs one line with the URL when
 * ready (after how to make the first administrator, while there is none); stop() closes the
 * server, then the database.
 */
export async function start(options: StartOptions = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const port = options.port ?? portFromEnv(process.env.PORT);
  const host = options.host ?? (process.env.HOST || "127.0.0.1");
  const access = accessSettings();
  const atlas = await openAtlas();
  try {
    for (const line of await firstAdmin(atlas.db, access, atlas.engine)) log(line);
    // Reading uploads, lint and diff run here, each within its time and heap limit, never on the thread that answers requests.
    const work = createWorkPool();
    const server = createServer({
      db: atlas.db,
      adminToken: access.adminToken,
      publicRead: access.publicRead,
      secureCookies: access.secureCookies,
      work,
    });
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
