import { createCaller, localContext, MIN_PASSWORD_LENGTH, parseRole, ROLE_LABELS } from "@duty/api";
import { openAtlas } from "@duty/server";
import type { Io } from "../io.ts";
import { readArgs, type Command } from "./command.ts";
import { regionIdOf } from "./town-option.ts";

const SUBCOMMANDS = {
  add: "<名字> [--admin | --role 查看|编辑|管理员] [--region 名称或编号]… [--password-stdin]",
  list: "[--json]",
  "set-role": "<名字> <查看|编辑|管理员> [--region 名称或编号]…",
  disable: "<名字>",
  password: "<名字> [--password-stdin]",
  key: "<名字> [--label 用途]",
} as const;
type Sub = keyof typeof SUBCOMMANDS;

const usageOf = (sub: Sub) => `用法：atlas user ${sub} ${SUBCOMMANDS[sub]}`;

/** A password from standard input (its first line), or null after printing why it will not do. */
async function passwordFromStdin(io: Io): Promise<string | null> {
  const password = (await io.stdin()).split(/\r?\n/u)[0] ?? "";
  if (password.length < MIN_PASSWORD_LENGTH) {
    io.err(`--password-stdin：密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
    return null;
  }
  return password;
}

export const user: Command = {
  usage: "add|list|set-role|disable|password|key …",
  summary: "管理账号：添加、列出、改角色与地区、停用、重设密码、生成脚本用的 API 密钥 / manage accounts",
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!sub || !(sub in SUBCOMMANDS)) {
      io.err(
        `用法：atlas user <子命令>\n${Object.entries(SUBCOMMANDS)
          .map(([k, u]) => `  atlas user ${k} ${u}`)
          .join("\n")}`,
      );
      return 2;
    }
    const name = sub as Sub;
    const options = {
      add: {
        admin: { type: "boolean" },
        role: { type: "string" },
        region: { type: "string", multiple: true },
        "password-stdin": { type: "boolean" },
      },
      list: { json: { type: "boolean" } },
      "set-role": { region: { type: "string", multiple: true } },
      disable: {},
      password: { "password-stdin": { type: "boolean" } },
      key: { label: { type: "string" } },
    } as const;
    const operands = { add: 1, list: 0, "set-role": 2, disable: 1, password: 1, key: 1 }[name];
    const parsed = readArgs(io, rest, usageOf(name), options[name], operands);
    if (!parsed) return 2;
    const values = parsed.values as {
      admin?: boolean;
      role?: string;
      region?: string[];
      "password-stdin"?: boolean;
      json?: boolean;
      label?: string;
    };
    const [account, roleText] = parsed.positionals as [string, string | undefined];

    let role = values.admin ? "admin" : undefined;
    const roleGiven = name === "set-role" ? roleText : values.role;
    if (roleGiven !== undefined) {
      const parsedRole = parseRole(roleGiven);
      if (!parsedRole || (values.admin && parsedRole !== "admin")) {
        io.err(`${usageOf(name)}（角色「${roleGiven}」不是 查看、编辑 或 管理员）`);
        return 2;
      }
      role = parsedRole;
    }
    const password = values["password-stdin"] ? await passwordFromStdin(io) : undefined;
    if (password === null) return 2;

    const atlas = await openAtlas();
    try {
      // Whoever can run commands on the server's machine owns the database: the command line is an administrator.
      const api = createCaller(localContext(atlas.db));
      const regions: number[] = [];
      for (const text of values.region ?? []) {
        const id = await regionIdOf(io, api, "--region", text);
        if (id === null) return 1;
        regions.push(id);
      }
      const regionsGiven = values.region !== undefined ? regions : undefined;
      switch (name) {
        case "add": {
          const added = await api.users.add({
            name: account,
            role: (role ?? "viewer") as "viewer" | "editor" | "admin",
            regions: regionsGiven,
            password,
          });
          io.out(`已添加用户「${added.name}」（${ROLE_LABELS[added.role]}）`);
          if (added.generatedPassword) io.out(`初始密码（只显示这一次）：${added.generatedPassword}`);
          return 0;
        }
        case "list": {
          const users = await api.users.list();
          if (values.json) {
            io.out(JSON.stringify(users, null, 2));
            return 0;
          }
          io.out(["用户", "角色", "地区", "状态", "API 密钥", "创建时间"].join("\t"));
          for (const u of users) {
            io.out(
              [
                u.name,
                ROLE_LABELS[u.role],
                u.regions.map((r) => r.name).join("、") || "—",
                u.disabled ? "已停用" : "正常",
                u.apiKeys,
                u.createdAt,
              ].join("\t"),
            );
          }
          return 0;
        }
        case "set-role": {
          const changed = await api.users.setRole({ name: account, role: role as "viewer" | "editor" | "admin", regions: regionsGiven });
          io.out(`用户「${changed.name}」的角色改为「${ROLE_LABELS[changed.role]}」`);
          return 0;
        }
        case "disable":
          await api.users.disable({ name: account });
          io.out(`用户「${account}」已停用：登录会话已结束，API 密钥已作废`);
          return 0;
        case "password": {
          const done = await api.users.setPassword({ name: account, password });
          io.out(`用户「${account}」的密码已更改，原有登录会话已结束`);
          if (done.generatedPassword) io.out(`新密码（只显示这一次）：${done.generatedPassword}`);
          return 0;
        }
        case "key": {
          const { key } = await api.users.createKey({ name: account, label: values.label ?? "脚本" });
          io.out(`用户「${account}」的 API 密钥（只显示这一次；请求头 Authorization: Bearer <密钥>）：`);
          io.out(key);
          return 0;
        }
      }
    } finally {
      await atlas.close();
    }
  },
};
