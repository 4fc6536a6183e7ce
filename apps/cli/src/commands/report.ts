import { writeFileSync } from "node:fs";
import { createCaller, localContext } from "@duty/api";
import { parseScope } from "@duty/domain";
import { compareReport, overviewReport, renderDocx } from "@duty/report";
import { openAtlas } from "@duty/server";
import { resolvePath } from "../io.ts";
import { readArgs, type Command } from "./command.ts";

const USAGE = "用法：atlas report [--region ID | --revision ID] [--out FILE]，或 atlas report --from ID --to ID [--out FILE]";

/** YYYY-MM-DD of the day the report is written, in local time. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/*
 * The Word report of a scope, or of two revisions, from the command line: the same document
 * @duty/report writes for the dashboard, with the same figures from the same routers, but without
 * the charts (drawing them needs a browser; the dashboard's 导出报告 adds them). For scripts and
 * scheduled reports.
 */
export const report: Command = {
  usage: "[--region ID | --revision ID | --from ID --to ID] [--out FILE]",
  summary:
    "生成 Word 报告（摘要、各清单、各类别、各部门的表格；图表请用仪表盘的「导出报告」）/ write the Word report of a scope or of two revisions",
  async run(args, io) {
    const parsed = readArgs(
      io,
      args,
      USAGE,
      {
        region: { type: "string" },
        revision: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        out: { type: "string" },
      },
      0,
    );
    if (!parsed) return 2;
    const { values } = parsed;
    const comparing = values.from !== undefined || values.to !== undefined;
    const scoped = values.region !== undefined || values.revision !== undefined;
    if (
      (values.region !== undefined && values.revision !== undefined) ||
      (comparing && (scoped || values.from === undefined || values.to === undefined))
    ) {
      io.err(`${USAGE}（范围只能给一个；对比需要 --from 与 --to）`);
      return 2;
    }
    const { scope, error } = parseScope(values);
    // --from and --to are revision ids, read as a scope's revision is.
    const revisionId = (flag: "from" | "to") => {
      const read = parseScope({ revision: values[flag] });
      return "revisionId" in read.scope ? read.scope.revisionId : `--${flag}：「${values[flag]}」不是有效的编号`;
    };
    const pair = comparing ? ([revisionId("from"), revisionId("to")] as const) : null;
    const problem = error ? `--${error}` : pair?.find((p) => typeof p === "string");
    if (problem) {
      io.err(problem);
      return 2;
    }
    const date = today();
    const atlas = await openAtlas();
    try {
      const api = createCaller(localContext(atlas.db));
      let bytes: Uint8Array;
      let name: string;
      if (pair) {
        const [from, to] = pair as readonly [number, number];
        const [before, after, diff] = await Promise.all([
          api.revisions.byId({ id: from }),
          api.revisions.byId({ id: to }),
          api.diff.compare({ from, to }),
        ]);
        bytes = await renderDocx(compareReport(diff, { before, after, exportedOn: date }));
        name = `${diff.sameTown ? after.town : `${before.town}与${after.town}`}-修订对比报告-${date}.docx`;
      } else {
        const figures = await api.report.overview(scope);
        bytes = await renderDocx(overviewReport(figures, { exportedOn: date }));
        name = `${figures.scope.name || "全国"}-履职事项清单分析报告-${date}.docx`;
      }
      const path = values.out ?? name;
      writeFileSync(resolvePath(io, path), bytes);
      io.out(`已写入 ${path}（${Math.ceil(bytes.length / 1024)} kB）。图表需在仪表盘中用「导出报告」生成。`);
      return 0;
    } finally {
      await atlas.close();
    }
  },
};
