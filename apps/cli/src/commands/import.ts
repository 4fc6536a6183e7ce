import { statSync } from "node:fs";
import { basename } from "node:path";
import { createCaller } from "@duty/api";
import { LIST_KINDS, LIST_LABELS, type Region } from "@duty/domain";
import { openAtlas } from "@duty/server";
import { readArgs, type Command } from "./command.ts";
import { filesOf, importMany } from "./import-many.ts";
import { readDocument, TOWN_OPTION, townOf } from "./read-document.ts";
import type { Io } from "../io.ts";

const USAGE = "用法：atlas import <file|folder>… [--label L] [--town 省/市/县/镇]";

export const importCommand: Command = {
  usage: "<file|folder>… [--label L] [--town 省/市/县/镇]",
  summary: "把清单导入数据库，每份成为该乡镇的一个修订；可给多个文件或文件夹 / import list documents (files or folders) as revisions",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, { label: { type: "string" }, ...TOWN_OPTION }, { min: 1 });
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    const path = positionals[0]!;
    const region = townOf(io, values.town);
    if (region === null) return 2;
    const single = positionals.length === 1 && !statSync(path, { throwIfNoEntry: false })?.isDirectory();
    if (!single) return importFiles(io, positionals, region, values.label);
    // Parsed here first so a bad document is reported as path:line, like every other command, before the database opens.
    const doc = await readDocument(io, path, region);
    if (!doc) return 1;
    const atlas = await openAtlas();
    try {
      // The local user owns the database: the CLI acts as admin.
      const api = createCaller({ db: atlas.db, isAdmin: true });
      const result = await api.revisions.import({
        fileName: basename(path),
        contentBase64: Buffer.from(doc.bytes).toString("base64"),
        label: values.label,
        town: values.town,
      });
      const { counts } = result;
      io.out(
        `修订 ${result.revisionId}（${doc.revision.region.town}，${result.created ? "已导入" : "内容相同的修订已存在，未作改动"}）：` +
          `${LIST_KINDS.map((k) => `${LIST_LABELS[k]} ${counts[k]}`).join("，")}，部门关联 ${counts.links}，职责步骤 ${counts.steps}`,
      );
      for (const w of doc.warnings) io.out(`${path}:${w.at ?? w.line}: ${w.message}`);
      return 0;
    } finally {
      await atlas.close();
    }
  },
};

/** Many files or folders in one process (import-many.ts): a progress line on stderr, a summary on stdout, failures by file. */
async function importFiles(io: Io, paths: string[], region: Region | undefined, label: string | undefined): Promise<number> {
  const { files, missing } = filesOf(io, paths);
  for (const m of missing) io.err(`${m}: 文件不存在`);
  const atlas = await openAtlas();
  try {
    const tty = process.stderr.isTTY === true;
    let last = 0;
    const result = await importMany(atlas, files, {
      region,
      label,
      // On a terminal the bar redraws in place; in a log, a line at most every 2 seconds.
      progress: (line) => {
        if (tty) process.stderr.write(`\r${line}`);
        else if (performance.now() - last > 2000) {
          last = performance.now();
          io.err(line);
        }
      },
    });
    if (tty) process.stderr.write("\n");
    io.out(`共 ${files.length} 个文件：新导入 ${result.created} 个，已导入过而跳过 ${result.skipped} 个，失败 ${result.failed.length} 个`);
    for (const line of result.failed) io.err(line);
    return result.failed.length > 0 || missing.length > 0 ? 1 : 0;
  } finally {
    await atlas.close();
  }
}
