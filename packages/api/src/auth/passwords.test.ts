import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./passwords.ts";

describe("passwords", () => {
  it("hash with scrypt and a fresh salt, and verify only the same password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/u);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct");
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("refuses malformed or absurd hashes instead of throwing or running forever", async () => {
    for (const hash of ["", "plain", "scrypt$1$1$1$$", "scrypt$4294967296$8$1$c2FsdA==$a2V5", "bcrypt$2$b$c$d$e"]) {
      expect(await verifyPassword("x", hash), hash).toBe(false);
    }
  });

  it("generates 20-character passwords from an alphabet without look-alikes", () => {
    const seen = new Set(Array.from({ length: 50 }, generatePassword));
    expect(seen.size).toBe(50);
    for (const p of seen) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/u);
  });
});
