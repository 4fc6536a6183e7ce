import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/*
 * Password hashes: scrypt from node:crypto, no hand-made crypto. The parameters travel inside the
 * hash (scrypt$N$r$p$salt$key), so raising them later leaves existing passwords readable.
 * N = 2^15, r = 8 takes 32 MiB and tens of milliseconds per check: slow for guessing, bearable for
 * a login on a 2-core server.
 */

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

/** Shortest password accepted: long enough that the login rate limit makes guessing hopeless. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

function derive(
  password: string,
  salt: Buffer,
  options: ScryptOptions & { N: number; r: number; p: number },
  length: number,
): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; maxmem must allow that with some room.
  const maxmem = 128 * options.N * options.r * 2;
  return new Promise((done, fail) =>
    scrypt(password.normalize("NFC"), salt, length, { ...options, maxmem }, (err, key) => (err ? fail(err) : done(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P }, KEY_BYTES);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Whether `password` is the one `hash` was made from; false for a malformed hash. Constant time in the key. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parts = hash.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, "base64");
  const expected = Buffer.from(parts[5]!, "base64");
  if (expected.length === 0) return false;
  const key = await derive(password, salt, { N: n, r, p }, expected.length);
  return timingSafeEqual(key, expected);
}

/** A readable random password for accounts made without one: 20 characters, about 118 bits. */
export function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  // 256 is not a multiple of 57: drop the bias by rejecting the top values.
  let out = "";
  let pool = bytes;
  let i = 0;
  while (out.length < 20) {
    if (i >= pool.length) {
      pool = randomBytes(20);
      i = 0;
    }
    const b = pool[i++]!;
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
  }
  return out;
}

let dummy: Promise<string> | undefined;

/**
 * A hash of nothing anyone knows, checked when the account does not exist, so a failed login takes
 * as long for an unknown name as for a wrong password and does not reveal which names exist.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  return dummy;
}
