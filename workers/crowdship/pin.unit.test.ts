// The delivery PIN: six digits, unbiased draws, and a keyed hash bound to its shipment.
import { describe, expect, it } from "vitest";
import { generatePin, hashPin, PIN_PATTERN, pinFromDraws } from "./pin";

const SECRET = "test-only-jwt-secret-not-for-production-0123456789";
/** The first draw value that rejection sampling throws away: floor(2^32 / 10^6) × 10^6. */
const FIRST_REJECTED = 4_294_000_000;

describe("generatePin", () => {
  it("gives six digits, keeping leading zeros", () => {
    expect(pinFromDraws(Uint32Array.of(42))).toBe("000042");
    expect(pinFromDraws(Uint32Array.of(1_999_999))).toBe("999999");
    for (let index = 0; index < 200; index++) expect(generatePin()).toMatch(PIN_PATTERN);
  });

  it("throws away draws at or above the last whole multiple of a million, so no PIN is more likely than another", () => {
    expect(pinFromDraws(Uint32Array.of(FIRST_REJECTED, 2 ** 32 - 1, FIRST_REJECTED - 1))).toBe("999999");
    expect(pinFromDraws(Uint32Array.of(FIRST_REJECTED, 7))).toBe("000007");
    expect(generatePin((values) => values.fill(FIRST_REJECTED).fill(123_456, 5))).toBe("123456");
  });

  it("fails loudly when every draw is out of range (a broken random source)", () => {
    expect(() => generatePin((values) => values.fill(2 ** 32 - 1))).toThrow(/random source is broken/);
  });

  it("spreads digits evenly over many PINs", () => {
    const counts = new Array<number>(10).fill(0);
    for (let index = 0; index < 2_000; index++) for (const digit of generatePin()) counts[Number(digit)]! += 1;
    // 12,000 digits: each is expected 1,200 times; ±25% is far outside chance (about 8 standard deviations).
    for (const count of counts) expect(count).toBeGreaterThan(900);
    for (const count of counts) expect(count).toBeLessThan(1_500);
  });
});

describe("hashPin", () => {
  it("is stable for the same shipment and PIN, and differs by PIN, by shipment and by secret", async () => {
    const hash = await hashPin(SECRET, "shp_1", "123456");
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await hashPin(SECRET, "shp_1", "123456")).toBe(hash);
    expect(await hashPin(SECRET, "shp_1", "123457")).not.toBe(hash);
    expect(await hashPin(SECRET, "shp_2", "123456")).not.toBe(hash);
    expect(await hashPin(`${SECRET}x`, "shp_1", "123456")).not.toBe(hash);
  });
});
