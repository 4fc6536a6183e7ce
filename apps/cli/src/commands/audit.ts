import { createCaller, localContext } from "@duty/api";
import { openAtlas } from "@duty/server";
import { readArgs, type Command } from "./command.ts";

const USAGE = "用法：atlas audit [--limit N] [--json]";
const OUTCOMES = { ok: "成功", refused: "拒绝", failed: "失败" } as const;

export const audit: Command = {
  usage: "[--limit N] [--json]",
  summary: "审计记录：谁在何时从何处做了什么（导入、发布、撤回、删除、登录…），最新的在前 / the audit trail",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, { limit: { type: "string" }, json: { type: "boolean" } }, 0);
    if (!parsed) return 2;
    const { values } = parsed;
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      io.err(`--limit：「${values.limit}」不是正整数`);
      return 2;
    }
    const atlas = await openAtlas();
    try {
      const api = createCaller(localContext(atlas.db));
      const rows = [];
      let cursor: number | undefined;
      do {
        const want = limit === undefined ? 1000 : Math.min(1000, limit - rows.length);
        const page = await api.audit.list({ cursor, limit: want });
        rows.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && (limit === undefined || rows.length < limit));
      if (values.json) {
        io.out(JSON.stringify(rows, null, 2));
        return 0;
      }
      io.out(["时间", "用户", "方式", "操作", "结果", "乡镇", "修订", "来源地址", "说明"].join("\t"));
      for (const r of rows) {
        io.out([r.at, r.actor, r.via, r.action, OUTCOMES[r.outcome], r.town ?? "", r.revisionId ?? "", r.ip ?? "", r.detail].join("\t"));
      }
      return 0;
    } finally {
      await atlas.close();
    }
  },
};
