import { createSession, deleteSession, listUsers, recentLoginFailures, recordAudit, userForLogin } from "@duty/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { clearedSessionCookie, SESSION_HOURS, sessionCookie } from "../auth/cookies.ts";
import { dummyHash, MAX_PASSWORD_LENGTH, verifyPassword } from "../auth/passwords.ts";
import { newToken, tokenHash } from "../auth/tokens.ts";
import type { Context } from "../context.ts";
import { MAX_IMPORT_BYTES } from "../documents.ts";
import { auditFailure, csrfRefusal, openProcedure, router } from "../trpc.ts";

/*
 * Sign-in by password into a session cookie. Failed attempts are audit rows, and the rate limit
 * counts them there, so it holds across restarts and across server processes sharing PostgreSQL.
 */

/** Failed logins that lock an account name for the rest of the window, and that lock an address (more: offices share one). */
export const LOGIN_LIMITS = { perName: 5, perAddress: 20, windowMinutes: 15 };

const loginInput = z.object({ name: z.string().trim().min(1).max(100), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }).strict();

/** Who the request is (for the page's header and its write controls) and the CSRF token its changes must carry. */
async function whoAmI(ctx: Context) {
  const actor = ctx.actor;
  let regions: { id: number; level: string; name: string }[] = [];
  if (actor?.userId != null) {
    const id = actor.userId;
    regions = (await listUsers(ctx.db)).find((u) => u.id === id)?.regions ?? [];
  }
  return {
    user: actor && { name: actor.name, role: actor.role, via: actor.via, regions },
    csrfToken: actor?.via === "session" ? ctx.request.sessionCsrf : null,
    publicRead: ctx.publicRead,
    /** The largest document an upload may be, so the page refuses a bigger file before sending it. */
    maxUploadBytes: MAX_IMPORT_BYTES,
  };
}

export const authRouter = router({
  me: openProcedure.query(({ ctx }) => whoAmI(ctx)),

  login: openProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const cross = csrfRefusal({ ...ctx, actor: null });
    if (cross) {
      await auditFailure({ ...ctx, actor: null }, "login", cross, undefined);
      throw cross;
    }
    const failures = await recentLoginFailures(ctx.db, { name: input.name, ip: ctx.ip, minutes: LOGIN_LIMITS.windowMinutes });
    if (failures.byName >= LOGIN_LIMITS.perName || failures.byIp >= LOGIN_LIMITS.perAddress) {
      const wait = failures.oldest
        ? Math.max(1, Math.ceil((failures.oldest.getTime() + LOGIN_LIMITS.windowMinutes * 60_000 - Date.now()) / 60_000))
        : LOGIN_LIMITS.windowMinutes;
      const error = new TRPCError({ code: "TOO_MANY_REQUESTS", message: `登录失败次数过多，请 ${wait} 分钟后再试` });
      await recordAudit(ctx.db, {
        userId: null,
        actor: input.name,
        via: "session",
        action: "login",
        outcome: "refused",
        detail: error.message,
        ip: ctx.ip,
      });
      throw error;
    }
    const user = await userForLogin(ctx.db, input.name);
    // An unknown name costs the same scrypt as a wrong password, so timing does not tell which names exist.
    const matches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !matches || user.disabled || user.passwordHash === null) {
      await recordAudit(ctx.db, {
        userId: user?.id ?? null,
        actor: input.name,
        via: "session",
        action: "login",
        outcome: "failed",
        detail: user?.disabled && matches ? "账号已停用" : "用户名或密码错误",
        ip: ctx.ip,
      });
      throw new TRPCError({ code: "UNAUTHORIZED", message: user?.disabled && matches ? "此账号已停用" : "用户名或密码错误" });
    }
    const token = newToken();
    const csrfToken = newToken();
    await ctx.db.transaction().execute(async (trx) => {
      await createSession(trx, {
        id: tokenHash(token),
        userId: user.id,
        csrfToken,
        expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
        ip: ctx.ip,
      });
      await recordAudit(trx, { userId: user.id, actor: user.name, via: "session", action: "login", outcome: "ok", ip: ctx.ip });
    });
    ctx.setCookie?.(sessionCookie(token, ctx.secureCookies));
    const me = await whoAmI({
      ...ctx,
      actor: { userId: user.id, name: user.name, role: user.role, via: "session" },
      request: { ...ctx.request, sessionCsrf: csrfToken },
    });
    return me;
  }),

  logout: openProcedure.mutation(async ({ ctx }) => {
    const refusal = csrfRefusal(ctx);
    if (refusal) throw refusal;
    if (ctx.request.sessionId) await deleteSession(ctx.db, ctx.request.sessionId);
    if (ctx.actor?.via === "session") {
      await recordAudit(ctx.db, {
        userId: ctx.actor.userId,
        actor: ctx.actor.name,
        via: "session",
        action: "logout",
        outcome: "ok",
        ip: ctx.ip,
      });
    }
    ctx.setCookie?.(clearedSessionCookie(ctx.secureCookies));
    return { ok: true };
  }),
});
