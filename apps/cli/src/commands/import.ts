import { basename } from "node:path";
import { createCaller, localContext } from "@duty/api";
import { LIST_KINDS, LIST_LABELS } from "@duty/domain";
import { openAtlas } from "@duty/server";
import { readArgs, type Command } from "./command.ts";
import { readDocument, TOWN_OPTION, townOf } from "./read-document.ts";

const USAGE = "用法：atlas import <file>… [--draft] [--label L] [--date YYYY-MM-DD] [--town 省/市/县/镇]";

const STATUS = { draft: "草案", published: "已发布", withdrawn: "已撤回" } as const;

export const importCommand: Command = {
  usage: "<file>… [--draft] [--label L] [--date YYYY-MM-DD] [--town 省/市/县/镇]",
  summary: "把清单导入数据库，每个文件成为所属乡镇的一个修订（默认已发布；--draft 存为草案）/ import list documents as revisions",
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
        const what = result.created ? `已导入，${STATUS[result.status]}，生效日期 ${result.effectiveDate}` : `内容相同的修订已存在（${STATUS[result.status]}），未作改动`;
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
