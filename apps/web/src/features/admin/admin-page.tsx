import type { RouterOutputs } from "@duty/api";
import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { QueryStatus } from "../../components/query-status.tsx";
import { regionPath } from "../../scope-info.ts";
import { ROLE_LABELS, type Role, isAdmin, useMe } from "../../session.ts";
import { queryClient, trpc } from "../../trpc.ts";

const OUTCOMES = { ok: "成功", refused: "拒绝", failed: "失败" } as const;
const ACTIONS: Record<string, string> = {
  login: "登录",
  logout: "退出",
  import: "导入",
  publish: "发布",
  withdraw: "撤回",
  delete: "删除",
  "user-add": "添加用户",
  "user-set-role": "修改角色",
  "user-disable": "停用用户",
  "user-password": "重设密码",
  "api-key": "生成 API 密钥",
};
const VIA: Record<string, string> = {
  session: "浏览器",
  "api-key": "API 密钥",
  token: "ATLAS_ADMIN_TOKEN",
  cli: "命令行",
  anonymous: "未登录",
};

/** 用户与审计 (administrators): accounts with their roles and regions, and the audit trail. */
export default function AdminPage() {
  const me = useMe();
  if (!me) return <p className="status">加载中…</p>;
  if (!isAdmin(me)) return <p className="status">此页只对管理员开放。</p>;
  return (
    <>
      <h2 className="page-title">用户与审计</h2>
      <Users />
      <Audit />
    </>
  );
}

function Users() {
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = { onSuccess: () => queryClient.invalidateQueries() };
  const add = useMutation(trpc.users.add.mutationOptions(refresh));
  const disable = useMutation(trpc.users.disable.mutationOptions(refresh));
  const [name, setName] = useState("");
  const [role, setRoleValue] = useState<Role>("viewer");
  const [region, setRegion] = useState("");
  // Regions are found on the server by name (the whole tree is tens of thousands nationally); without a name, the top level.
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const handle = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(handle);
  }, [text]);
  const found = useQuery(trpc.regions.search.queryOptions(role === "editor" && q ? { q, limit: 20 } : skipToken));
  const top = useQuery(trpc.regions.children.queryOptions(role === "editor" && !q ? {} : skipToken));
  const regions = (q ? found.data : top.data) ?? [];
  const error = add.error ?? disable.error;
  return (
    <section className="upload-section" aria-label="用户">
      <h3>用户</h3>
      <QueryStatus query={users} what="用户" />
      {users.data && (
        <table className="data static" data-testid="users">
          <thead>
            <tr>
              <th>用户</th>
              <th>角色</th>
              <th>可修改的地区</th>
              <th>状态</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u: RouterOutputs["users"]["list"][number]) => (
              <tr key={u.id} data-user={u.name}>
                <td>{u.name}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.role === "editor" ? u.regions.map((r) => r.name).join("、") || "—" : u.role === "admin" ? "全部" : "—"}</td>
                <td>{u.disabled ? "已停用" : "正常"}</td>
                <td>
                  {!u.disabled && (
                    <button type="button" className="button danger" onClick={() => disable.mutate({ name: u.name })}>
                      停用
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="filters upload-section"
        aria-label="添加用户"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ name, role, ...(role === "editor" && region ? { regions: [Number(region)] } : {}) });
        }}
      >
        <label>
          用户名
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        <label>
          角色
          <select name="role" value={role} onChange={(e) => setRoleValue(e.target.value as Role)}>
            {(["viewer", "editor", "admin"] as const).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        {role === "editor" && (
          <>
            <label>
              查找地区
              <input
                name="region-search"
                type="search"
                value={text}
                placeholder="县、市或省的名称"
                maxLength={50}
                onChange={(e) => setText(e.target.value)}
              />
            </label>
            <label>
              可修改的地区
              <select name="region" value={region} onChange={(e) => setRegion(e.target.value)} required>
                <option value="">选择地区…</option>
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {regionPath(r)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <button type="submit" className="button primary" disabled={add.isPending}>
          添加（生成初始密码）
        </button>
      </form>
      {add.data?.generatedPassword && (
        <p className="notice" data-testid="generated-password">
          已添加「{add.data.name}」，初始密码（只显示这一次，请转交本人）：<code>{add.data.generatedPassword}</code>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}

function Audit() {
  const audit = useQuery({ ...trpc.audit.list.queryOptions({ limit: 200 }), staleTime: 0 });
  return (
    <section className="upload-section" aria-label="审计记录">
      <h3>审计记录（最近 200 条；全部用 atlas audit 导出）</h3>
      <QueryStatus query={audit} what="审计记录" />
      {audit.data && (
        <table className="data static" data-testid="audit">
          <thead>
            <tr>
              <th>时间</th>
              <th>用户</th>
              <th>方式</th>
              <th>操作</th>
              <th>结果</th>
              <th>乡镇</th>
              <th>修订</th>
              <th>来源地址</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.items.map((r) => (
              <tr key={r.id} data-action={r.action} data-outcome={r.outcome} data-actor={r.actor}>
                <td className="nowrap">{new Date(r.at).toLocaleString("zh-CN", { hour12: false })}</td>
                <td>{r.actor}</td>
                <td>{VIA[r.via] ?? r.via}</td>
                <td>{ACTIONS[r.action] ?? r.action}</td>
                <td>{OUTCOMES[r.outcome]}</td>
                <td>{r.town ?? ""}</td>
                <td className="num">{r.revisionId ?? ""}</td>
                <td>{r.ip ?? ""}</td>
                <td>{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
