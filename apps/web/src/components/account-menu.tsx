import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ROLE_LABELS, useMe } from "../session.ts";
import { queryClient, setCsrfToken, trpc } from "../trpc.ts";

/** Sign-in form or the signed-in account with 退出, at the right of the header. */
export function AccountMenu() {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  // Whatever was cached was read as someone else: read everything again.
  const refresh = async () => {
    await queryClient.resetQueries();
  };
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (data) => {
        setCsrfToken(data.csrfToken);
        setPassword("");
        setOpen(false);
        await refresh();
      },
    }),
  );
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        setCsrfToken(null);
        await refresh();
      },
    }),
  );

  if (me?.user) {
    return (
      <div className="account" data-testid="account">
        <span className="account-name">
          {me.user.name}（{ROLE_LABELS[me.user.role]}）
        </span>
        <button type="button" className="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          退出
        </button>
      </div>
    );
  }
  return (
    <div className="account" data-testid="account">
      {!open && (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          登录
        </button>
      )}
      {open && (
        <form
          className="login-form"
          aria-label="登录"
          onSubmit={(e) => {
            e.preventDefault();
            login.mutate({ name, password });
          }}
        >
          <input name="name" placeholder="用户名" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
          <input
            name="password"
            type="password"
            placeholder="密码"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <button type="submit" className="button primary" disabled={login.isPending}>
            登录
          </button>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            取消
          </button>
          {login.isError && (
            <span className="error" role="alert">
              {login.error.message}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
