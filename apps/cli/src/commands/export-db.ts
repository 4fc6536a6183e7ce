import { once } from "node:events";
import { createWriteStream, renameSync, rmSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { exportDump, openDatabase } from "@duty/db";
import { databaseOptions } from "@duty/server";
import { resolvePath } from "../io.ts";
import { readArgs, type Command } from "./command.ts";

const USAGE = "用法：atlas export-db <file>";

export const exportDb: Command = {
  usage: "<file>",
  summary: "把整个数据库备份为一个可移植的文件（gzip 压缩的 JSON 行，两种引擎通用）/ back up the whole database",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, {}, 1);
    if (!parsed) return 2;
    const { positionals } = parsed;
    const path = positionals[0]!;
    const file = resolvePath(io, path);
    // Written beside the target and renamed at the end: an interrupted export never leaves a
    // file that looks like a complete backup.
    const partial = `${file}.partial`;
    // Not openAtlas: a backup of an empty database is empty, not the seed.
    const atlas = await openDatabase(databaseOptions());
    try {
      const gzip = createGzip();
      const written = pipeline(gzip, createWriteStream(partial));
      // Observed here so a failing disk is reported by the next write, not as an unhandled rejection.
      written.catch(() => {});
      const summary = await exportDump(atlas.db, async (line) => {
        if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, "drain"), written]);
      });
      gzip.end();
      await written;
      renameSync(partial, file);
      const tables = Object.keys(summary.tables).length;
      const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
      io.out(`已备份到 ${path}：${tables} 张表，共 ${rows} 行（${Math.ceil(statSync(file).size / 1024)} kB）`);
      return 0;
    } catch (err) {
      rmSync(partial, { force: true });
      throw err;
    } finally {
      await atlas.close();
    }
  },
};
