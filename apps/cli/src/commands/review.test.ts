import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { testEngines } from "@duty/db/test";
import { SYNTHETIC_REVISION_FILE } from "@duty/domain/test-fixtures";
import { describe, expect, it } from "vitest";
import { run } from "../main.ts";
import { captureIo, REPO_ROOT, SEED, useFreshDatabase } from "../test-io.ts";

/*
 * The review workflow from the command line: drafts, publishing, withdrawing, the list of
 * revisions, accounts and the audit trail. Counts: the seed 109/100/37 (awk over its rows), the
 * synthetic revision 108/101/37 (one basic duty moved to the reclaimed list, one reclaimed to the
 * coordinated, one coordinated and one reclaimed removed, one of each added: fixtures/README.md).
 */

describe.each(testEngines())("atlas drafts, publish, withdraw, revisions, user, audit (%s)", (engine) => {
  const dir = useFreshDatabase(engine, "atlas-cli-review-");

  const atlas = async (argv: string[], stdin = "") => {
    const io = captureIo(REPO_ROOT, stdin);
    const code = await run(argv, io);
    return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
  };
  const overview = async () => {
    const o = JSON.parse((await atlas(["stats", "--json"])).out).overview;
    return [o.basic, o.coordinated, o.reclaimed];
  };
  let draftId: string;

  it("imports several files as drafts, which change no statistic", async () => {
    expect(await overview()).toEqual([109, 100, 37]);
    const other = join(dir, "beiwucha.txt");
    writeFileSync(other, readFileSync(join(REPO_ROOT, SEED), "utf8").replaceAll("兰州湾镇", "北五岔镇"));
    const { code, out } = await atlas(["import", SYNTHETIC_REVISION_FILE, other, "--draft", "--date", "2099-06-30"]);
    expect(code).toBe(0);
    const lines = out.split("\n").filter((l) => l.startsWith("修订 "));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^修订 \d+（兰州湾镇，已导入，草案，生效日期 2099-06-30）：基本履职事项 108，配合履职事项 101，上级部门收回事项 37，/u,
    );
    expect(lines[1]).toMatch(/^修订 \d+（北五岔镇，已导入，草案，生效日期 2099-06-30）：基本履职事项 109，/u);
    draftId = /^修订 (\d+)/u.exec(lines[0]!)![1]!;
    expect(await overview()).toEqual([109, 100, 37]);
  });

  it("lists revisions with town, label, status, effective date and counts", async () => {
    const table = (await atlas(["revisions", "--town", "兰州湾镇"])).out.split("\n");
    expect(table[0]).toBe("修订\t乡镇\t名称\t状态\t生效日期\t基本\t配合\t收回");
    expect(table).toContain(`${draftId}\t兰州湾镇\t兰州湾镇 2099年版\t草案\t2099-06-30\t108\t101\t37`);
    expect(table.filter((l) => /\t已发布\t/u.test(l))).toEqual([
      expect.stringMatching(/^\d+\t兰州湾镇\t兰州湾镇 \d{4}年版\t已发布\t\d{4}-\d{2}-\d{2}\t109\t100\t37$/u),
    ]);
    const json = JSON.parse((await atlas(["revisions", "--status", "draft", "--json"])).out);
    expect(json.map((r: { town: string; status: string }) => `${r.town} ${r.status}`).sort()).toEqual(["兰州湾镇 draft", "北五岔镇 draft"]);
    expect((await atlas(["revisions", "--town", "没有这个镇"])).err).toBe("--town：没有名为「没有这个镇」的地区");
  });

  it("publishes the draft, saying what changes, and withdraws it again", async () => {
    const published = await atlas(["publish", draftId]);
    expect(published).toMatchObject({ code: 0 });
    expect(published.out).toBe(
      `修订 ${draftId}（兰州湾镇，兰州湾镇 2099年版）已发布：发布后，兰州湾镇的统计将改用此版本：基本 108（−1），配合 101（+1），收回 37（±0）`,
    );
    expect(await overview()).toEqual([108, 101, 37]);
    const withdrawn = await atlas(["withdraw", draftId]);
    expect(withdrawn.out).toMatch(
      new RegExp(
        `^修订 ${draftId}（兰州湾镇，兰州湾镇 2099年版）已撤回：撤回后，兰州湾镇的统计将改用修订 \\d+「兰州湾镇 \\d{4}年版」：基本 109（\\+1），配合 100（−1），收回 37（±0）$`,
        "u",
      ),
    );
    expect(await overview()).toEqual([109, 100, 37]);
    expect(await atlas(["withdraw", draftId])).toMatchObject({
      code: 1,
      err: `atlas withdraw: 修订 ${draftId} 的状态是「已撤回」，不能撤回`,
    });
    expect((await atlas(["publish", "x"])).code).toBe(2);
  });

  it("manages accounts: a generated password shown once, roles by Chinese name, regions by name, disabling", async () => {
    const added = await atlas(["user", "add", "planner", "--role", "编辑", "--region", "玛纳斯县"]);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^已添加用户「planner」（编辑）\n初始密码（只显示这一次）：[A-Za-z0-9]{20}$/u);
    const admin = await atlas(["user", "add", "boss", "--admin", "--password-stdin"], "a-long-enough-password\n");
    expect(admin.out).toBe("已添加用户「boss」（管理员）");
    expect((await atlas(["user", "add", "x", "--password-stdin"], "short\n")).err).toBe("--password-stdin：密码至少 10 个字符");
    expect((await atlas(["user", "add", "y", "--role", "superuser"])).code).toBe(2);
    expect((await atlas(["user", "set-role", "planner", "查看"])).out).toBe("用户「planner」的角色改为「查看」");
    expect((await atlas(["user", "disable", "planner"])).out).toBe("用户「planner」已停用：登录会话已结束，API 密钥已作废");
    const list = (await atlas(["user", "list"])).out.split("\n");
    expect(list.slice(1).map((l) => l.split("\t").slice(0, 4).join(" "))).toEqual(["boss 管理员 — 正常", "planner 查看 玛纳斯县 已停用"]);
    expect((await atlas(["user", "list", "--json"])).out).not.toContain("scrypt");
    const key = await atlas(["user", "key", "boss", "--label", "nightly"]);
    expect(key.out.split("\n")[1]).toMatch(/^atlas_[\w-]{43}$/u);
  });

  it("prints the audit trail, newest first, as a table or JSON", async () => {
    const json = JSON.parse((await atlas(["audit", "--json"])).out) as {
      action: string;
      outcome: string;
      actor: string;
      revisionId: number | null;
    }[];
    const actions = json.map((r) => `${r.action} ${r.outcome}`);
    expect(actions.slice(0, 6)).toEqual([
      "api-key ok",
      "user-disable ok",
      "user-set-role ok",
      "user-add ok",
      "user-add ok",
      "withdraw failed",
    ]);
    expect(json.filter((r) => r.revisionId === Number(draftId)).map((r) => `${r.action} ${r.outcome}`)).toEqual([
      "withdraw failed",
      "withdraw ok",
      "publish ok",
      "import ok",
    ]);
    expect(json.every((r) => r.actor.startsWith("命令行（"))).toBe(true);
    const table = (await atlas(["audit", "--limit", "2"])).out.split("\n");
    expect(table).toHaveLength(3);
    expect(table[0]).toBe("时间\t用户\t方式\t操作\t结果\t乡镇\t修订\t来源地址\t说明");
  });
});
