import { createReadStream, existsSync } from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { DatabaseNotEmpty, dumpLines, openDatabase, restoreDump } from "@duty/db";
import { databaseOptions } from "@duty/server";
import { resolvePath } from "../io.ts";
import { readArgs, type Command } from "./command.ts";

const USAGE = "用法：atlas restore-db <file> [--force]";

export const restoreDb: Command = {
  usage: "<file> [--force]",
  summary: "从 export-db 的备份恢复整个数据库；数据库须为空，--force 先清空 / restore a backup made by export-db",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, { force: { type: "boolean" } }, 1);
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    const path = positionals[0]!;
    const file = resolvePath(io, path);
    if (!existsSync(file)) {
      io.err(`${path}: 文件不存在`);
      return 1;
    }
    const atlas = await openDatabase(databaseOptions());
    try {
      const summary = await restoreDump(atlas.db, lines(file), { force: values.force === true });
      const tables = Object.keys(summary.tables).length;
      const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
      io.out(`已从 ${path} 恢复：${tables} 张表，共 ${rows} 行`);
      return 0;
    } catch (err) {
      if (err instanceof DatabaseNotEmpty) {
        io.err(
          `atlas restore-db: 数据库不是空的，恢复会替换其中的全部内容；确认请加 --force / ${err.message}; add --force to replace its contents`,
        );
        return 1;
      }
      // Everything else rolled back: say which file, and that nothing changed.
      io.err(`${path}: ${err instanceof Error ? err.message : String(err)}（数据库未改动 / the database is unchanged）`);
      return 1;
    } finally {
      await atlas.close();
    }
  },
};

/**
 * The file's lines, un-gzipped as they are read (dumpLines bounds a line and the whole text); a
 * damaged file fails the loop with zlib's error.
 */
function lines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on("error", (err) => gunzip.destroy(err));
  const text: Readable = source.pipe(gunzip).setEncoding("utf8");
  return dumpLines(text);
}
