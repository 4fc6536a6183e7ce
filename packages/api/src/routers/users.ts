import {
  createApiKey,
  createUser,
  disableUser,
  listUsers,
  recordAudit,
  type Role,
  setPassword,
  setUserRole,
  UserExists,
  userForLogin,
} from "@duty/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { generatePassword, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../auth/passwords.ts";
import { ROLE_LABELS } from "../auth/roles.ts";
import { newToken, tokenHash } from "../auth/tokens.ts";
import type { Actor, Context } from "../context.ts";
import { smallId } from "../inputs.ts";
import { notFound } from "../scope-guard.ts";
import { adminReadProcedure, router, writeProcedure } from "../trpc.ts";
import { auditWho } from "./revisions.ts";

/*
 * Accounts, managed by administrators (in the browser, or `atlas user …` on the server's machine).
 * Passwords are hashed here and never returned, except a generated one, once, to whoever made it.
 */

const userName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s/\\:]+$/u, "a name without spaces, slashes or colons");
const role = z.enum(["viewer", "editor", "admin"]);
const password = z.string().min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`).max(MAX_PASSWORD_LENGTH);
const regionIds = z.array(smallId).max(100);

async function userId(ctx: Context, name: string): Promise<number> {
  const user = await userForLogin(ctx.db, name);
  if (!user) throw notFound(`name: no user ${name}`);
  return user.id;
}

function describe(roleName: Role, regions: readonly number[] | undefined): string {
  return `${ROLE_LABELS[roleName]}${regions && regions.length > 0 ? `，地区 ${regions.join("、")}` : ""}`;
}

/** An editor without regions could change nothing: say so instead of making a useless account. */
function checkRegions(roleName: Role, regions: readonly number[] | undefined, required: boolean): void {
  if (roleName === "editor" && required && (!regions || regions.length === 0)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "regions: 编辑需要至少一个地区（可修改该地区内的乡镇）" });
  }
}

async function audit(
  ctx: Context & { actor: Actor },
  action: "user-add" | "user-set-role" | "user-disable" | "user-password" | "api-key",
  detail: string,
) {
  await recordAudit(ctx.db, { ...auditWho(ctx), action, outcome: "ok", detail });
}

export const usersRouter = router({
  list: adminReadProcedure.query(({ ctx }) => listUsers(ctx.db)),

  /** A new account; without a password one is generated and returned once. */
  add: writeProcedure("user-add", "admin")
    .input(z.object({ name: userName, role, regions: regionIds.optional(), password: password.optional() }).strict())
    .mutation(async ({ ctx, input }) => {
      checkRegions(input.role, input.regions, true);
      const chosen = input.password ?? generatePassword();
      try {
        const id = await createUser(ctx.db, {
          name: input.name,
          passwordHash: await hashPassword(chosen),
          role: input.role,
          regionIds: input.regions,
        });
        await audit(ctx, "user-add", `${input.name}：${describe(input.role, input.regions)}`);
        return { id, name: input.name, role: input.role, generatedPassword: input.password === undefined ? chosen : null };
      } catch (err) {
        if (err instanceof UserExists) throw new TRPCError({ code: "CONFLICT", message: `name: ${err.message}` });
        throw err;
      }
    }),

  /** A new role; for an editor, the regions whose towns they may change (replacing the old ones when given). */
  setRole: writeProcedure("user-set-role", "admin")
    .input(z.object({ name: userName, role, regions: regionIds.optional() }).strict())
    .mutation(async ({ ctx, input }) => {
      const id = await userId(ctx, input.name);
      const current = (await listUsers(ctx.db)).find((u) => u.id === id)!;
      checkRegions(input.role, input.regions ?? current.regions.map((r) => r.id), true);
      await setUserRole(ctx.db, id, input.role, input.regions);
      await audit(ctx, "user-set-role", `${input.name}：${describe(input.role, input.regions)}`);
      return { name: input.name, role: input.role };
    }),

  /** Stops the account at once: its sessions end and its API keys stop working. */
  disable: writeProcedure("user-disable", "admin")
    .input(z.object({ name: userName }).strict())
    .mutation(async ({ ctx, input }) => {
      if (ctx.actor.userId !== null && ctx.actor.name === input.name) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "name: 不能停用自己的账号" });
      }
      await disableUser(ctx.db, await userId(ctx, input.name));
      await audit(ctx, "user-disable", input.name);
      return { name: input.name, disabled: true };
    }),

  /** A new password (generated and returned once when none is given); the account's sessions end. */
  setPassword: writeProcedure("user-password", "admin")
    .input(z.object({ name: userName, password: password.optional() }).strict())
    .mutation(async ({ ctx, input }) => {
      const chosen = input.password ?? generatePassword();
      await setPassword(ctx.db, await userId(ctx, input.name), await hashPassword(chosen));
      await audit(ctx, "user-password", input.name);
      return { name: input.name, generatedPassword: input.password === undefined ? chosen : null };
    }),

  /** An API key for scripts, acting as the user with the user's role: `Authorization: Bearer <key>`. Shown once. */
  createKey: writeProcedure("api-key", "admin")
    .input(z.object({ name: userName, label: z.string().trim().min(1).max(100) }).strict())
    .mutation(async ({ ctx, input }) => {
      const key = `atlas_${newToken()}`;
      const id = await createApiKey(ctx.db, { userId: await userId(ctx, input.name), keyHash: tokenHash(key), label: input.label });
      await audit(ctx, "api-key", `${input.name}：${input.label}`);
      return { id, name: input.name, key };
    }),
});
