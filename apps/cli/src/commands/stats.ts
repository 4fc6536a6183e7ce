import { createCaller, localContext } from "@duty/api";
import { parseScope } from "@duty/domain";
import { openAtlas } from "@duty/server";
import { readArgs, type Command } from "./command.ts";

const USAGE = "用法：atlas stats [--region ID | --revision ID] [--json]";

const TOP_DEPARTMENTS = 50;

export const stats: Command = {
  usage: "[--region ID | --revision ID] [--json]",
  summary: "数据库中的统计：各清单数量、类别、部门负担 / statistics of the imported lists",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, { region: { type: "string" }, revision: { type: "string" }, json: { type: "boolean" } }, 0);
    if (!parsed) return 2;
    const { values } = parsed;
    if (values.region !== undefined && values.revision !== undefined) {
      io.err(`${USAGE}（--region 与 --revision 只能给一个）`);
      return 2;
    }
    const { scope, error } = parseScope(values);
    if (error) {
      io.err(`--${error}`);
      return 2;
    }
    const atlas = await openAtlas();
    try {
      const api = createCaller(localContext(atlas.db));
      const overview = await api.stats.overview(scope);
      const byCategory = await api.stats.byCategory(scope);
      // The heaviest departments, a page of them: nationally there are thousands.
      const load = await api.stats.departmentLoad({ ...scope, limit: TOP_DEPARTMENTS });
      if (values.json) {
        io.out(JSON.stringify({ scope, overview, byCategory, departmentLoad: load }, null, 2));
        return 0;
      }
      const o = overview;
      const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
      io.out(
        `${"revisionId" in scope ? `修订 ${scope.revisionId}` : "regionId" in scope ? `地区 ${scope.regionId} 内各乡镇的最新修订` : "各乡镇的最新修订"}：` +
          `乡镇 ${o.towns}，共 ${o.total} 项（基本履职事项 ${o.basic}，配合履职事项 ${o.coordinated}，上级部门收回事项 ${o.reclaimed}）`,
      );
      io.out(
        `配合 + 收回占比 ${percent(o.delegatedShare)}（全国 ${percent(o.nationalDelegatedShare)}）；事项类别 ${o.categories} 个，上级部门 ${o.departments} 个，牵头关联 ${o.leadLinks}，承接关联 ${o.receiverLinks}`,
      );
      io.out("");
      io.out(["事项类别", "基本", "配合", "收回"].join("\t"));
      for (const r of byCategory) io.out([r.category, r.basic, r.coordinated, r.reclaimed].join("\t"));
      io.out("");
      io.out(`负担最重的 ${load.items.length} 个上级部门（共 ${load.total} 个）：`);
      io.out(["上级部门", "牵头配合", "承接收回", "乡镇侧步骤", "部门侧步骤"].join("\t"));
      for (const r of load.items) io.out([r.name, r.coordinatedLed, r.reclaimedReceived, r.townSteps, r.departmentSteps].join("\t"));
      return 0;
    } finally {
      await atlas.close();
    }
  },
};
