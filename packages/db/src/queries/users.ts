import type { Region } from "@duty/domain";
import { type Kysely, sql } from "kysely";
import type { Database, RegionLevel, Role } from "../schema.ts";
import { AmbiguousPlace, completePlaces } from "../write/places.ts";

/** A user as the API and the CLI show one: never the password hash. */
export interface UserSummary {
  id: number;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  /** The regions an editor may change the towns of. */
  regions: { id: number; level: RegionLevel; name: string }[];
  /** API keys not revoked. */
  apiKeys: number;
}

/** An account that may act: not disabled. */
export interface ActiveUser {
  id: number;
  name: string;
  role: Role;
}

/** What a login checks: the stored hash. Null for an unknown name. */
export async function userForLogin(
  db: Kysely<Database>,
  name: string,
): Promise<(ActiveUser & { disabled: boolean; passwordHash: string | null }) | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "name", "role", "disabled", "password_hash as passwordHash"])
    .where("name", "=", name)
    .executeTakeFirst();
  return row ?? null;
}

/** The user of an unexpired session of an active account, with the session's CSRF token; null otherwise. */
export async function sessionUser(db: Kysely<Database>, sessionId: string): Promise<{ user: ActiveUser; csrfToken: string } | null> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["u.id", "u.name", "u.role", "s.csrf_token as csrfToken"])
    .where("s.id", "=", sessionId)
    .where("s.expires_at", ">", sql<Date>`now()`)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  return row ? { user: { id: row.id, name: row.name, role: row.role }, csrfToken: row.csrfToken } : null;
}

/** The user an API key acts as, when the key is not revoked and the account is active. */
export async function apiKeyUser(db: Kysely<Database>, keyHash: string): Promise<ActiveUser | null> {
  const row = await db
    .selectFrom("api_keys as k")
    .innerJoin("users as u", "u.id", "k.user_id")
    .select(["u.id", "u.name", "u.role"])
    .where("k.key_hash", "=", keyHash)
    .where("k.revoked_at", "is", null)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  return row ?? null;
}

/** Every user by name, with the regions assigned to each. */
export async function listUsers(db: Kysely<Database>): Promise<UserSummary[]> {
  const users = await db
    .selectFrom("users as u")
    .select([
      "u.id",
      "u.name",
      "u.role",
      "u.disabled",
      "u.created_at as createdAt",
      (eb) =>
        eb
          .selectFrom("api_keys as k")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("k.user_id", "=", "u.id")
          .where("k.revoked_at", "is", null)
          .as("apiKeys"),
    ])
    .orderBy("u.name")
    .execute();
  const regions = await db
    .selectFrom("user_regions as ur")
    .innerJoin("regions as g", "g.id", "ur.region_id")
    .select(["ur.user_id as userId", "g.id", "g.level", "g.name"])
    .orderBy("g.name")
    .execute();
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    regions: regions.filter((r) => r.userId === u.id).map(({ id, level, name }) => ({ id, level, name })),
    apiKeys: Number(u.apiKeys ?? 0),
  }));
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("users").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether one of the regions assigned to the user is `regionId` or above it (region_closure): an
 * editor of 玛纳斯县 may change 兰州湾镇, and a town not created yet counts as inside the region it
 * will be created under.
 */
export async function regionAssigned(db: Kysely<Database>, userId: number, regionId: number): Promise<boolean> {
  const row = await db
    .selectFrom("user_regions as ur")
    .innerJoin("region_closure as c", "c.ancestor_id", "ur.region_id")
    .select("ur.region_id")
    .where("ur.user_id", "=", userId)
    .where("c.region_id", "=", regionId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const LEVELS: readonly RegionLevel[] = ["province", "prefecture", "county", "town"];

/**
 * The regions of a parsed place that already exist, from the top down, as far as they go (import
 * creates the rest under the last one): the town's id last when the town exists. Reads only. The
 * place is first completed as import files it (a title naming no province gets the one its
 * prefecture or county lies in), so both find the same town.
 */
export async function existingRegions(db: Kysely<Database>, place: Region): Promise<{ id: number; level: RegionLevel; name: string }[]> {
  let region = place;
  try {
    region = (await completePlaces(db, [place]))[0]!;
  } catch (err) {
    // A place fitting several regions is the import's to refuse; here it matches none of them.
    if (!(err instanceof AmbiguousPlace)) throw err;
  }
  const chain: { id: number; level: RegionLevel; name: string }[] = [];
  for (const level of LEVELS) {
    const name = region[level];
    if (!name) continue;
    const parent = chain.at(-1)?.id ?? null;
    const found = await db
      .selectFrom("regions")
      .select(["id", "level", "name"])
      .where("level", "=", level)
      .where("name", "=", name)
      .where((eb) => (parent === null ? eb("parent_id", "is", null) : eb("parent_id", "=", parent)))
      .executeTakeFirst();
    if (!found) break;
    chain.push(found);
  }
  return chain;
}

/** Regions whose name is `name` (a user's region given by name), with their parent's name to tell them apart. */
export async function regionsNamed(
  db: Kysely<Database>,
  name: string,
): Promise<{ id: number; level: RegionLevel; name: string; parent: string | null }[]> {
  return db
    .selectFrom("regions as g")
    .leftJoin("regions as p", "p.id", "g.parent_id")
    .select(["g.id", "g.level", "g.name", "p.name as parent"])
    .where("g.name", "=", name)
    .orderBy("g.id")
    .execute();
}
