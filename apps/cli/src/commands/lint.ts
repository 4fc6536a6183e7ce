import { lintRevision, type Severity } from "@duty/domain";
import { readArgs, type Command } from "./command.ts";
import { readDocument, TOWN_OPTION, townOf } from "./read-document.ts";
import { summarise } from "./summary.ts";

const SEVERITY: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export const lint: Command = {
  usage: "<file> [--town 省/市/县/镇] [--json]",
  summary: "检查清单：统计与发布前应处理的问题 / summary and findings before publishing",
  async run(args, io) {
    const parsed = readArgs(
      io,
      args,
      "用法：atlas lint <file> [--town 省/市/县/镇] [--json]",
      { json: { type: "boolean" }, ...TOWN_OPTION },
      1,
    );
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    const file = positionals[0]!;
    const region = townOf(io, values.town);
    if (region === null) return 2;
    const doc = await readDocument(io, file, region);
    if (!doc) return 1;
    const findings = lintRevision(doc.revision, doc.warnings);
    if (values.json) {
      const { region, lists, categories, departments } = doc.revision;
      const counts = { basic: lists.basic.length, coordinated: lists.coordinated.length, reclaimed: lists.reclaimed.length };
      io.out(
        JSON.stringify(
          { file, format: doc.format, region, counts, categories: categories.length, departments: departments.length, findings },
          null,
          2,
        ),
      );
      return 0;
    }
    for (const line of summarise(doc.revision)) io.out(line);
    io.out("");
    io.out(findings.length === 0 ? "未发现问题。" : `发现 ${findings.length} 个问题：`);
    for (const f of findings) io.out(`${file}:${f.at ?? f.line}: [${SEVERITY[f.severity]}] ${f.message}`);
    return 0;
  },
};
