import { createCaller, localContext } from "@duty/api";
import { openAtlas } from "@duty/server";
import { readArgs, type Command } from "./command.ts";
import { revisionIdOf } from "./revision-id.ts";

/** `atlas publish N` and `atlas withdraw N`: the change, and what it did to the town's statistics. */
export function statusCommand(action: "publish" | "withdraw"): Command {
  const verb = action === "publish" ? "发布" : "撤回";
  const usage = "<revision>";
  return {
    usage,
    summary:
      action === "publish"
        ? "发布一个草案（或已撤回的修订）：它成为所属乡镇统计使用的版本（生效日期最新时）/ publish a draft"
        : "撤回一个已发布的修订：统计改用该乡镇其他已发布的最新版本；撤回的修订仍可用于对比 / withdraw a published revision",
    async run(args, io) {
      const parsed = readArgs(io, args, `用法：atlas ${action} ${usage}`, {}, 1);
      if (!parsed) return 2;
      const id = revisionIdOf(io, parsed.positionals[0]!);
      if (id === null) return 2;
      const atlas = await openAtlas();
      try {
        const api = createCaller(localContext(atlas.db));
        const done = await api.revisions[action]({ id });
        io.out(`修订 ${done.id}（${done.town}，${done.label}）已${verb}：${done.message}`);
        return 0;
      } finally {
        await atlas.close();
      }
    },
  };
}
