// Pure platform code, tested in Node without the runtime: money, ids, cursors, backoff, crypto helpers.
import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "../events/backoff";
import { constantTimeEqual, decryptField, encryptField, loadFieldKeyring } from "./crypto";
import { decodeCursor, encodeCursor } from "./cursor";
import { AppError, ERROR_STATUS, problemBody } from "./errors";
import { isId, newId } from "./ids";
import { addMoney, formatMoney, money, MoneySchema } from "./money";

describe("money", () => {
  it("formats minor units by each currency's exponent", () => {
    expect(formatMoney(money(1250, "USD"))).toBe("USD 12.50");
    expect(formatMoney(money(5, "EUR"))).toBe("EUR 0.05");
    expect(formatMoney(money(1250, "JPY"))).toBe("JPY 1250");
    expect(formatMoney(money(1250, "KWD"))).toBe("KWD 1.250");
    expect(formatMoney(money(-199, "GBP"))).toBe("GBP -1.99");
  });

  it("refuses to add different currencies or to hold a fraction", () => {
    expect(() => addMoney(money(1, "USD"), money(1, "EUR"))).toThrow(/adding USD to EUR/);
    expect(() => money(1.5, "USD")).toThrow(/not an integer/);
    expect(addMoney(money(150, "USD"), money(275, "USD"))).toEqual({ amount: 425, currency: "USD" });
  });

  it("accepts only integer, non-negative amounts in a known currency", () => {
    expect(MoneySchema.safeParse({ amount: 1250, currency: "USD" }).success).toBe(true);
    expect(MoneySchema.safeParse({ amount: 12.5, currency: "USD" }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: -1, currency: "USD" }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: 100, currency: "XYZ" }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: 100, currency: "USD", extra: 1 }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: "100", currency: "USD" }).success).toBe(false);
  });
});

describe("ids", () => {
  it("are prefixed and sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 50 }, () => newId("user", 1_700_000_000_000));
    expect(ids.every((id) => isId("user", id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(newId("user", 1_700_000_000_001) > ids.at(-1)!).toBe(true);
    expect(isId("session", ids[0]!)).toBe(false);
  });
});

describe("cursors", () => {
  it("round-trip and reject anything we did not issue with a 400", () => {
    const cursor = { key: "2026-11-25T12:00:00.000Z", id: "ntf_1" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(() => decodeCursor("not-a-cursor")).toThrow(AppError);
    expect(() => decodeCursor(btoa(JSON.stringify({ a: 1 })))).toThrow(/not one this API issued/);
  });
});

describe("event retry backoff", () => {
  it("doubles from 5 seconds per attempt and caps at 10 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelaySeconds)).toEqual([5, 10, 20, 40, 80, 160, 320, 600]);
    expect(retryDelaySeconds(1000)).toBe(600);
    expect(retryDelaySeconds(0)).toBe(5);
  });
});

describe("errors", () => {
  it("map every code to a 4xx or 5xx status and render problem+json fields", () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
    const body = problemBody(new AppError("RATE_LIMITED", "slow down", { extra: { retryAfterSeconds: 3 } }), "req_1");
    expect(body).toEqual({ type: "https://mnbara.dev/problems/rate-limited", title: "Too many requests", status: 429, detail: "slow down", code: "RATE_LIMITED", requestId: "req_1", retryAfterSeconds: 3 });
  });
});

describe("field encryption", () => {
  const v1 = "v1:" + Buffer.alloc(32, 1).toString("base64url");
  const v2 = "v2:" + Buffer.alloc(32, 2).toString("base64url");

  it("decrypts with an older key after rotation and encrypts with the newest", async () => {
    const old = await loadFieldKeyring(v1);
    const sealed = await encryptField(old, "JBSWY3DPEHPK3PXP");
    const rotated = await loadFieldKeyring(`${v2},${v1}`);
    expect(await decryptField(rotated, sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect((await encryptField(rotated, "x")).startsWith("v2.")).toBe(true);
  });

  it("detects tampering", async () => {
    const keyring = await loadFieldKeyring(v1);
    const [version, iv, data] = (await encryptField(keyring, "secret")).split(".");
    const flipped = `${data!.slice(0, -2)}${data!.endsWith("A") ? "B" : "A"}${data!.slice(-1)}`;
    await expect(decryptField(keyring, `${version}.${iv}.${flipped}`)).rejects.toThrow();
  });

  it("compares strings in constant time without false matches", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });
});
