import { basename } from "node:path";
import { createCaller, inlineWork } from "@duty/api";
import { LIST_KINDS, LIST_LABELS } from "@duty/domain";
import { openAtlas } from "@duty/server";
import { readArgs, type Command } from "./command.ts";
import { readDocument, TOWN_OPTION, townOf } from "./read-document.ts";

const USAGE = "用法：atlas import <file> [--label L] [--town 省/市/县/镇]";

export const importCommand: Command = {
  usage: "<file> [--label L] [--town 省/市/县/镇]",
  summary: "把一份清单导入数据库，成为该乡镇的一个修订 / import a list document as a revision",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, { label: { type: "string" }, ...TOWN_OPTION }, 1);
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    const path = positionals[0]!;
    const region = townOf(io, values.town);
    if (region === null) return 2;
    // Parsed here first so a bad document is reported as path:line, like every other command, before the database opens.
    const doc = await readDocument(io, path, region);
    if (!doc) return 1;
    const atlas = await openAtlas();
    try {
      // The local user owns the database: the CLI acts as admin.
      const api = createCaller({ db: atlas.db, isAdmin: true, work: inlineWork });
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
