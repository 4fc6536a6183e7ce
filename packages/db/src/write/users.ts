import { type Kysely, sql } from "kysely";
import type { Database, Role } from "../schema.ts";

/*
 * Accounts, sessions and API keys. Hashing happens above (packages/api): these functions store and
 * compare only hashes, never a password, a session token or a key.
 */

/** A second account with a name already taken. */
export class UserExists extends Error {
  override readonly name = "UserExists";
  constructor(readonly userName: string) {
    super(`用户「${userName}」已存在`);
  }
}

export interface NewUser {
  name: string;
  passwordHash: string | null;
  role: Role;
  regionIds?: readonly number[] | undefined;
}

export async function createUser(db: Kysely<Database>, user: NewUser): Promise<number> {
  const run = async (trx: Kysely<Database>) => {
    const existing = await trx.selectFrom("users").select("id").where("name", "=", user.name).executeTakeFirst();
    if (existing) throw new UserExists(user.name);
    const { id } = await trx
      .insertInto("users")
      .values({ name: user.name, password_hash: user.passwordHash, role: user.role })
      .returning("id")
      .executeTakeFirstOrThrow();
    await assignRegions(trx, id, user.regionIds ?? []);
    return id;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function assignRegions(trx: Kysely<Database>, userId: number, regionIds: readonly number[]): Promise<void> {
  await trx.deleteFrom("user_regions").where("user_id", "=", userId).execute();
  const distinct = [...new Set(regionIds)];
  if (distinct.length > 0)
    await trx
      .insertInto("user_regions")
      .values(distinct.map((region_id) => ({ user_id: userId, region_id })))
      .execute();
}

/** A new role; the regions are replaced when given. */
export async function setUserRole(db: Kysely<Database>, userId: number, role: Role, regionIds?: readonly number[]): Promise<void> {
  const run = async (trx: Kysely<Database>) => {
    await trx.updateTable("users").set({ role }).where("id", "=", userId).execute();
    if (regionIds) await assignRegions(trx, userId, regionIds);
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}

/** Stops an account at once: no sign-in, its sessions ended and its API keys revoked. */
export async function disableUser(db: Kysely<Database>, userId: number): Promise<void> {
  const run = async (trx: Kysely<Database>) => {
    await trx.updateTable("users").set({ disabled: true }).where("id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: sql<Date>`now()` })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute();
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}

/** A new password; every session of the account ends, so a stolen cookie stops working too. */
export async function setPassword(db: Kysely<Database>, userId: number, passwordHash: string): Promise<void> {
  const run = async (trx: Kysely<Database>) => {
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}

export async function createSession(
  db: Kysely<Database>,
  session: { id: string; userId: number; csrfToken: string; expiresAt: Date; ip: string | null },
): Promise<void> {
  // Expired sessions go when new ones come: the table stays the size of the signed-in users.
  await db.deleteFrom("sessions").where("expires_at", "<=", sql<Date>`now()`).execute();
  await db
    .insertInto("sessions")
    .values({ id: session.id, user_id: session.userId, csrf_token: session.csrfToken, expires_at: session.expiresAt, ip: session.ip })
    .execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function createApiKey(db: Kysely<Database>, key: { userId: number; keyHash: string; label: string }): Promise<number> {
  const { id } = await db
    .insertInto("api_keys")
    .values({ user_id: key.userId, key_hash: key.keyHash, label: key.label })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
