// Pure payments code in Node: FX arithmetic against an exact rational reference, rate text, IBAN checks, Stripe's API base.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertMinor, formatScaledRate, midRateScaled, parseDecimalRate, type ConversionInput } from "./fx-math";
import { ibanLast4, isValidIban, maskedIban, normalizeIban } from "./iban";
import { parseApiBase } from "./stripe-provider";

const USD_PER_USD = 100_000_000;
const EUR_PER_USD = 92_000_000; // 0.92
const JPY_PER_USD = 15_500_000_000; // 155
const KWD_PER_USD = 30_700_000; // 0.307

const input = (overrides: Partial<ConversionInput>): ConversionInput => ({
  sellMinor: 10_000,
  sellExponent: 2,
  buyExponent: 2,
  sellUnitsPerUsdScaled: USD_PER_USD,
  buyUnitsPerUsdScaled: EUR_PER_USD,
  spreadBps: 50,
  ...overrides,
});

describe("convertMinor", () => {
  it("converts USD 100.00 to EUR at 0.92 less 0.5%: EUR 91.54", () => {
    expect(convertMinor(input({}))).toBe(9_154n);
  });

  it("takes each currency's minor-unit exponent into account (JPY has none, KWD three)", () => {
    // USD 100.00 → JPY at 155 less 0.5% = 15,422.5 → 15,422 yen
    expect(convertMinor(input({ buyExponent: 0, buyUnitsPerUsdScaled: JPY_PER_USD }))).toBe(15_422n);
    // JPY 10,000 → USD at 1/155 less 0.5% = 64.1935… → USD 64.19
    expect(convertMinor(input({ sellMinor: 10_000, sellExponent: 0, sellUnitsPerUsdScaled: JPY_PER_USD, buyUnitsPerUsdScaled: USD_PER_USD }))).toBe(6_419n);
    // EUR 50.00 → KWD at 0.307/0.92 less 0.5% = 16.6015… → KWD 16.601
    expect(convertMinor(input({ sellMinor: 5_000, sellUnitsPerUsdScaled: EUR_PER_USD, buyExponent: 3, buyUnitsPerUsdScaled: KWD_PER_USD }))).toBe(16_601n);
  });

  it("rounds down to nothing when the amount is below one minor unit", () => {
    expect(convertMinor(input({ sellMinor: 1, sellExponent: 0, sellUnitsPerUsdScaled: JPY_PER_USD, buyUnitsPerUsdScaled: USD_PER_USD }))).toBe(0n);
  });

  it("with no spread and equal rates gives back exactly what was sold", () => {
    expect(convertMinor(input({ buyUnitsPerUsdScaled: USD_PER_USD, spreadBps: 0 }))).toBe(10_000n);
  });

  it("is the floor of the exact rational result, never more (the platform keeps what is rounded off)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.constantFrom(0, 2, 3),
        fc.constantFrom(0, 2, 3),
        fc.integer({ min: 1_000, max: 200_000_000_000 }),
        fc.integer({ min: 1_000, max: 200_000_000_000 }),
        fc.integer({ min: 0, max: 9_999 }),
        (sellMinor, sellExponent, buyExponent, sellRate, buyRate, spreadBps) => {
          const result = convertMinor({ sellMinor, sellExponent, buyExponent, sellUnitsPerUsdScaled: sellRate, buyUnitsPerUsdScaled: buyRate, spreadBps });
          // exact = sell × buyRate × (10000 − spread) × 10^buyExp / (sellRate × 10000 × 10^sellExp)
          const numerator = BigInt(sellMinor) * BigInt(buyRate) * BigInt(10_000 - spreadBps) * 10n ** BigInt(buyExponent);
          const denominator = BigInt(sellRate) * 10_000n * 10n ** BigInt(sellExponent);
          expect(result * denominator <= numerator).toBe(true);
          expect((result + 1n) * denominator > numerator).toBe(true);
        },
      ),
    );
  });

  it("never gives more for a larger spread or less for a larger amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 9_998 }), (sellMinor, spreadBps) => {
        expect(convertMinor(input({ sellMinor, spreadBps: spreadBps + 1 })) <= convertMinor(input({ sellMinor, spreadBps }))).toBe(true);
        expect(convertMinor(input({ sellMinor: sellMinor + 1, spreadBps })) >= convertMinor(input({ sellMinor, spreadBps }))).toBe(true);
      }),
    );
  });

  it("refuses fractional or negative amounts, non-positive rates and a spread of 100% or more", () => {
    expect(() => convertMinor(input({ sellMinor: 1.5 }))).toThrow(/not a non-negative integer/);
    expect(() => convertMinor(input({ sellMinor: -1 }))).toThrow(/not a non-negative integer/);
    expect(() => convertMinor(input({ buyUnitsPerUsdScaled: 0 }))).toThrow(/must be positive/);
    expect(() => convertMinor(input({ spreadBps: 10_000 }))).toThrow(/out of range/);
  });
});

describe("rates as text", () => {
  it("gives the mid rate between two currencies rounded down to 8 places", () => {
    expect(formatScaledRate(midRateScaled(USD_PER_USD, EUR_PER_USD))).toBe("0.92000000");
    expect(formatScaledRate(midRateScaled(EUR_PER_USD, USD_PER_USD))).toBe("1.08695652");
    expect(formatScaledRate(midRateScaled(KWD_PER_USD, JPY_PER_USD))).toBe("504.88599348");
  });

  it("formats and parses exact decimals with up to 8 places", () => {
    expect(formatScaledRate(1n)).toBe("0.00000001");
    expect(formatScaledRate(155_000_000_000n)).toBe("1550.00000000");
    expect(parseDecimalRate("0.92")).toBe(92_000_000n);
    expect(parseDecimalRate("1380")).toBe(138_000_000_000n);
    expect(parseDecimalRate("3.6725")).toBe(367_250_000n);
    expect(parseDecimalRate("0.00000001")).toBe(1n);
  });

  it.each(["", "0", "0.000000001", "-1", "1e3", "1,5", " 1", "1.", ".5", "abc", "1234567890"])("refuses %j as a rate", (text) => {
    expect(parseDecimalRate(text)).toBeNull();
  });
});

describe("IBAN", () => {
  it("accepts well-known valid IBANs typed with spaces or in lower case", () => {
    for (const typed of ["DE89 3704 0044 0532 0130 00", "gb82west12345698765432", "NL91ABNA0417164300", "AE07 0331 2345 6789 0123 456"]) {
      expect({ typed, valid: isValidIban(normalizeIban(typed)) }).toEqual({ typed, valid: true });
    }
  });

  it("refuses a wrong check digit, a swapped digit, a bad shape", () => {
    expect(isValidIban("DE88370400440532013000")).toBe(false);
    expect(isValidIban("DE89370400440532013001")).toBe(false);
    expect(isValidIban("DE8937040044")).toBe(false);
    expect(isValidIban("1289370400440532013000")).toBe(false);
  });

  it("shows only the last four characters", () => {
    const iban = normalizeIban("DE89 3704 0044 0532 0130 00");
    expect(maskedIban(ibanLast4(iban))).toBe("IBAN •••• 3000");
  });
});

describe("STRIPE_API_BASE", () => {
  it("reads host, port and protocol, with the protocol's default port", () => {
    expect(parseApiBase("http://127.0.0.1:4010")).toEqual({ host: "127.0.0.1", port: 4010, protocol: "http" });
    expect(parseApiBase("https://stripe.example")).toEqual({ host: "stripe.example", port: 443, protocol: "https" });
    expect(() => parseApiBase("ftp://127.0.0.1:21")).toThrow("STRIPE_API_BASE: ftp://127.0.0.1:21 is neither http nor https");
  });
});
