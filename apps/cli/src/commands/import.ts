import { statSync } from "node:fs";
import { basename } from "node:path";
import { createCaller, localContext } from "@duty/api";
import { LIST_KINDS, LIST_LABELS, type Region } from "@duty/domain";
import { openAtlas } from "@duty/server";
import { readArgs, type Command } from "./command.ts";
import { filesOf, importMany } from "./import-many.ts";
import { readDocument, TOWN_OPTION, townOf } from "./read-document.ts";
import type { Io } from "../io.ts";

const USAGE = "用法：atlas import <file|folder>… [--draft] [--label L] [--date YYYY-MM-DD] [--town 省/市/县/镇]";

const STATUS = { draft: "草案", published: "已发布", withdrawn: "已撤回" } as const;

export const importCommand: Command = {
  usage: "<file|folder>… [--draft] [--label L] [--date YYYY-MM-DD] [--town 省/市/县/镇]",
  summary:
    "把清单导入数据库，每个文件成为所属乡镇的一个修订（默认已发布；--draft 存为草案）；文件夹用批量写入 / import list documents (files or folders) as revisions",
  async run(args, io) {
    const parsed = readArgs(
      io,
      args,
      USAGE,
      { draft: { type: "boolean" }, label: { type: "string" }, date: { type: "string" }, ...TOWN_OPTION },
      null,
    );
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    if (positionals.length === 0) {
      io.err(USAGE);
      return 2;
    }
    if (positionals.length > 1 && (values.label !== undefined || values.town !== undefined)) {
      io.err(`${USAGE}（--label 与 --town 只能用于一个文件）`);
      return 2;
    }
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/u.test(values.date)) {
      io.err(`--date：「${values.date}」不是 YYYY-MM-DD 形式的日期`);
      return 2;
    }
    const region = townOf(io, values.town);
    if (region === null) return 2;
    // A folder is a batch (thousands of towns): the bulk writer in one transaction per batch, with a progress line.
    if (positionals.some((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory())) {
      if (values.draft || values.date !== undefined) {
        io.err(`${USAGE}（--draft 与 --date 只能用于文件，不能用于文件夹）`);
        return 2;
      }
      return importFiles(io, positionals, region, values.label);
    }
    // Every file is read first, so a bad one is reported as path:line before anything is stored.
    const docs = [];
    for (const path of positionals) {
      const doc = await readDocument(io, path, region);
      if (!doc) return 1;
      docs.push({ path, doc });
    }
    const atlas = await openAtlas();
    try {
      // The local user owns the database: the command line acts as an administrator.
      const api = createCaller(localContext(atlas.db));
      for (const { path, doc } of docs) {
        const result = await api.revisions.import({
          fileName: basename(path),
          contentBase64: Buffer.from(doc.bytes).toString("base64"),
          label: values.label,
          town: values.town,
          effectiveDate: values.date,
          status: values.draft ? "draft" : "published",
        });
        const { counts } = result;
        const what = result.created
          ? `已导入，${STATUS[result.status]}，生效日期 ${result.effectiveDate}`
          : `内容相同的修订已存在（${STATUS[result.status]}），未作改动`;
        io.out(
          `修订 ${result.revisionId}（${result.town}，${what}）：` +
            `${LIST_KINDS.map((k) => `${LIST_LABELS[k]} ${counts[k]}`).join("，")}，部门关联 ${counts.links}，职责步骤 ${counts.steps}`,
        );
        for (const w of doc.warnings) io.out(`${path}:${w.at ?? w.line}: ${w.message}`);
      }
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
