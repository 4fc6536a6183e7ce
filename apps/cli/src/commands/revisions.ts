import { createCaller, localContext } from "@duty/api";
import { openAtlas } from "@duty/server";
import { readArgs, type Command } from "./command.ts";
import { regionIdOf } from "./town-option.ts";

const USAGE = "用法：atlas revisions [--town 名称或编号] [--status draft|published|withdrawn] [--json]";
const STATUS = { draft: "草案", published: "已发布", withdrawn: "已撤回" } as const;
type Status = keyof typeof STATUS;

export const revisions: Command = {
  usage: "[--town 名称或编号] [--status draft|published|withdrawn] [--json]",
  summary: "列出数据库中的修订：编号、乡镇、名称、状态、生效日期、各清单事项数 / list stored revisions",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, { town: { type: "string" }, status: { type: "string" }, json: { type: "boolean" } }, 0);
    if (!parsed) return 2;
    const { values } = parsed;
    const status =
      values.status === undefined
        ? undefined
        : (Object.entries(STATUS).find(([k, v]) => k === values.status || v === values.status)?.[0] as Status | undefined);
    if (values.status !== undefined && !status) {
      io.err(`${USAGE}（--status：「${values.status}」不是 draft、published 或 withdrawn）`);
      return 2;
    }
    const atlas = await openAtlas();
    try {
      const api = createCaller(localContext(atlas.db));
      const regionId = values.town === undefined ? undefined : await regionIdOf(io, api, "--town", values.town);
      if (regionId === null) return 1;
      const items = [];
      let cursor: number | undefined;
      do {
        const page = await api.revisions.list({ regionId, status: status ? [status] : undefined, cursor, limit: 500 });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      if (values.json) {
        io.out(
          JSON.stringify(
            items.map(({ id, townId, town, label, status: s, effectiveDate, importedAt, sourceFile, counts }) => ({
              id,
              townId,
              town,
              label,
              status: s,
              effectiveDate,
              importedAt,
              sourceFile,
              counts,
            })),
            null,
            2,
          ),
        );
        return 0;
      }
      io.out(["修订", "乡镇", "名称", "状态", "生效日期", "基本", "配合", "收回"].join("\t"));
      for (const r of items)
        io.out(
          [r.id, r.town, r.label, STATUS[r.status], r.effectiveDate, r.counts.basic, r.counts.coordinated, r.counts.reclaimed].join("\t"),
        );
      return 0;
    } finally {
      await atlas.close();
    }
  },
};
