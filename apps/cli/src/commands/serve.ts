import { runUntilSignal } from "@duty/server";
import { readArgs, type Command } from "./command.ts";

const USAGE = "用法：atlas serve [--port N] [--host H]";

export const serve: Command = {
  usage: "[--port N] [--host H]",
  summary: "启动 API 与看板（空数据库时先导入 data/lists）/ serve the API and dashboard",
  async run(args, io) {
    const parsed = readArgs(io, args, USAGE, { port: { type: "string" }, host: { type: "string" } }, 0);
    if (!parsed) return 2;
    const { port, host } = parsed.values;
    if (port !== undefined && !/^\d{1,5}$/u.test(port)) {
      io.err(`--port: "${port}" 不是端口号`);
      return 2;
    }
    // Flags win over PORT and HOST; runs until Ctrl-C or SIGTERM.
    await runUntilSignal({ port: port === undefined ? undefined : Number(port), host, log: io.out });
    return 0;
  },
};
