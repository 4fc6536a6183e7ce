import { readArgs, type Command } from "./command.ts";
import { readDocument, TOWN_OPTION, townOf } from "./read-document.ts";
import { summarise } from "./summary.ts";

export const parse: Command = {
  usage: "<file> [--town 省/市/县/镇] [--json]",
  summary: "解析一份清单文件并输出结构化结果 / parse a list document",
  async run(args, io) {
    const parsed = readArgs(
      io,
      args,
      "用法：atlas parse <file> [--town 省/市/县/镇] [--json]",
      { json: { type: "boolean" }, ...TOWN_OPTION },
      1,
    );
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    const region = townOf(io, values.town);
    if (region === null) return 2;
    const doc = await readDocument(io, positionals[0]!, region);
    if (!doc) return 1;
    if (values.json) {
      io.out(JSON.stringify({ file: positionals[0], format: doc.format, ...doc.revision, warnings: doc.warnings }, null, 2));
    } else {
      for (const line of summarise(doc.revision)) io.out(line);
      for (const w of doc.warnings) io.out(`${positionals[0]}:${w.at ?? w.line}: ${w.message}`);
    }
    return 0;
  },
};
