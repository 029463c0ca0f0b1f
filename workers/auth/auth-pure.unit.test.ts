// Password hashing and TOTP maths, in Node.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { acceptedTotpStep, newTotpSecret, totpCodeAt } from "./totp";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one or another pepper", async () => {
    const hash = await hashPassword("correct horse battery staple", "pepper-a");
    expect(await verifyPassword("correct horse battery staple", hash, "pepper-a")).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash, "pepper-a")).toBe(false);
    expect(await verifyPassword("correct horse battery staple", hash, "pepper-b")).toBe(false);
  });

  it("salts: the same password hashes differently twice", async () => {
    expect(await hashPassword("same password!", "p")).not.toBe(await hashPassword("same password!", "p"));
  });

  it("treats a malformed stored hash as a mismatch, not a crash", async () => {
    expect(await verifyPassword("x", "md5$abc", "p")).toBe(false);
    expect(await verifyPassword("x", "pbkdf2-sha256$0$abc$def", "p")).toBe(false);
  });
});

describe("TOTP", () => {
  const secret = newTotpSecret();
  const now = new Date("2026-11-25T12:00:10Z");
  const step = Math.floor(now.getTime() / 30_000);

  it("accepts the current code and one step either side, reporting the step", () => {
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now), now)).toBe(step);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
  });

  it("rejects codes two steps away and anything that is not six digits", () => {
    expect(acceptedTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() - 90_000)), now)).toBeNull();
    expect(acceptedTotpStep(secret, "12345", now)).toBeNull();
    expect(acceptedTotpStep(secret, "abcdef", now)).toBeNull();
  });
});
