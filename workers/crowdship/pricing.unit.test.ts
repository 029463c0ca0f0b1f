// The quote: worked examples, the multipliers' edges, one rounding at the end, currency scaling, and monotonicity in every input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CURRENCIES, type Currency } from "../platform/money";
import { DEMAND_MAX_BPS, DEMAND_MIN_BPS, QUOTE_MINIMUM_MINOR } from "./pricing-constants";
import { demandMultiplierBps, NEUTRAL_MARKET, quoteShipment, urgencyMultiplierBps, type QuoteInput } from "./pricing";

/** 2 kg over 1,000 km, a week and more ahead, worth $100, on a route with no data. */
const input = (overrides: Partial<QuoteInput> = {}): QuoteInput => ({
  weightGrams: 2_000,
  distanceKm: 1_000,
  hoursUntilDeliverBy: 200,
  itemValueMinor: 10_000,
  currency: "USD",
  market: NEUTRAL_MARKET,
  ...overrides,
});

const quoteInputArbitrary = fc.record({
  weightGrams: fc.integer({ min: 0, max: 50_000 }),
  distanceKm: fc.double({ min: 0, max: 20_000, noNaN: true }),
  hoursUntilDeliverBy: fc.double({ min: -48, max: 1_000, noNaN: true }),
  itemValueMinor: fc.integer({ min: 0, max: 1_000_000_000 }),
  currency: fc.constantFrom<Currency>(...CURRENCIES),
  market: fc.record({ openRequests: fc.integer({ min: 0, max: 1_000 }), tripsInWindow: fc.integer({ min: 0, max: 1_000 }) }),
});

describe("quoteShipment", () => {
  it("prices 2 kg over 1,000 km worth $100 at $5 base + $8 weight + $3 distance + $1 insurance", () => {
    expect(quoteShipment(input())).toEqual({
      totalMinor: 1_700,
      currency: "USD",
      breakdown: { baseMinor: 500, weightMinor: 800, distanceMinor: 300, insuranceMinor: 100, urgencyMultiplierBps: 10_000, demandMultiplierBps: 10_000 },
    });
  });

  it("applies urgency and demand to the carrying part only, not to the insurance", () => {
    const quote = quoteShipment(input({ hoursUntilDeliverBy: 0, market: { openRequests: 4, tripsInWindow: 0 } }));
    // 1,600 × 1.5 × 1.5 + 100
    expect(quote.breakdown).toMatchObject({ urgencyMultiplierBps: 15_000, demandMultiplierBps: 15_000 });
    expect(quote.totalMinor).toBe(3_700);
  });

  it("rounds once, at the end, half up: a gram and a kilometre add 0.7 of a cent that rounds the total up", () => {
    const quote = quoteShipment(input({ weightGrams: 1, distanceKm: 1, itemValueMinor: 0, hoursUntilDeliverBy: 500 }));
    expect(quote.breakdown).toMatchObject({ baseMinor: 500, weightMinor: 0, distanceMinor: 0, insuranceMinor: 0 });
    expect(quote.totalMinor).toBe(501);
  });

  it("never quotes below the minimum fee, even on a route flooded with trips", () => {
    const quote = quoteShipment(input({ weightGrams: 0, distanceKm: 0, itemValueMinor: 0, market: { openRequests: 0, tripsInWindow: 100 } }));
    expect(quote.breakdown.demandMultiplierBps).toBe(DEMAND_MIN_BPS);
    expect(quote.totalMinor).toBe(QUOTE_MINIMUM_MINOR);
  });

  it("converts the dollar constants to yen at the yen's price level (¥150 per $1) and keeps the insurance share of the yen value", () => {
    const quote = quoteShipment(input({ currency: "JPY", itemValueMinor: 10_000 }));
    expect(quote.breakdown).toMatchObject({ baseMinor: 750, weightMinor: 1_200, distanceMinor: 450, insuranceMinor: 100 });
    expect(quote.totalMinor).toBe(2_500);
    expect(quoteShipment(input({ currency: "JPY", weightGrams: 0, distanceKm: 0, itemValueMinor: 0, market: { openRequests: 0, tripsInWindow: 100 } })).totalMinor).toBe(750);
  });

  it("rounds a yen quote half up, once: 1 km adds ¥0.45 and is dropped, 2 km add ¥0.90 and round up", () => {
    expect(quoteShipment(input({ currency: "JPY", weightGrams: 0, distanceKm: 1, itemValueMinor: 0 })).totalMinor).toBe(750);
    expect(quoteShipment(input({ currency: "JPY", weightGrams: 0, distanceKm: 2, itemValueMinor: 0 })).totalMinor).toBe(751);
  });

  it("converts to three-decimal currencies in their thousandths at their price level (KWD 0.310 per $1)", () => {
    const quote = quoteShipment(input({ currency: "KWD", itemValueMinor: 10_000 }));
    expect(quote.breakdown).toMatchObject({ baseMinor: 1_550, weightMinor: 2_480, distanceMinor: 930, insuranceMinor: 100 });
    expect(quote.totalMinor).toBe(5_060);
  });

  it("gives whole minor units, at least the minimum, in every currency", () => {
    fc.assert(
      fc.property(quoteInputArbitrary, (quoteInput) => {
        const quote = quoteShipment(quoteInput);
        for (const value of [quote.totalMinor, ...Object.values(quote.breakdown)]) expect(Number.isSafeInteger(value)).toBe(true);
        expect(quote.totalMinor).toBeGreaterThanOrEqual(quoteShipment({ ...quoteInput, weightGrams: 0, distanceKm: 0, itemValueMinor: 0, market: { openRequests: 0, tripsInWindow: 1_000 } }).totalMinor);
        expect(quote.currency).toBe(quoteInput.currency);
      }),
    );
  });

  it("is never cheaper for a heavier, farther, more valuable, more urgent item or a route with more demand or fewer trips", () => {
    fc.assert(
      fc.property(quoteInputArbitrary, fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 5_000, noNaN: true }), fc.integer({ min: 0, max: 1_000 }), (quoteInput, more, moreKm, moreCount) => {
        const total = quoteShipment(quoteInput).totalMinor;
        const { openRequests, tripsInWindow } = quoteInput.market;
        expect(quoteShipment({ ...quoteInput, weightGrams: quoteInput.weightGrams + more }).totalMinor).toBeGreaterThanOrEqual(total);
        expect(quoteShipment({ ...quoteInput, distanceKm: quoteInput.distanceKm + moreKm }).totalMinor).toBeGreaterThanOrEqual(total);
        expect(quoteShipment({ ...quoteInput, itemValueMinor: quoteInput.itemValueMinor + more }).totalMinor).toBeGreaterThanOrEqual(total);
        expect(quoteShipment({ ...quoteInput, hoursUntilDeliverBy: quoteInput.hoursUntilDeliverBy - moreKm }).totalMinor).toBeGreaterThanOrEqual(total);
        expect(quoteShipment({ ...quoteInput, market: { openRequests: openRequests + moreCount, tripsInWindow } }).totalMinor).toBeGreaterThanOrEqual(total);
        expect(quoteShipment({ ...quoteInput, market: { openRequests, tripsInWindow: Math.max(0, tripsInWindow - moreCount) } }).totalMinor).toBeGreaterThanOrEqual(total);
      }),
    );
  });

  it("refuses a negative weight, a fractional value or a distance that is not a number", () => {
    expect(() => quoteShipment(input({ weightGrams: -1 }))).toThrow(/invariant failed/);
    expect(() => quoteShipment(input({ itemValueMinor: 1.5 }))).toThrow(/invariant failed/);
    expect(() => quoteShipment(input({ distanceKm: Number.NaN }))).toThrow(/invariant failed/);
  });
});

describe("urgencyMultiplierBps", () => {
  it("is ×1 from a week out, ×1.25 at half a week, ×1.5 at deliver-by and past it", () => {
    expect(urgencyMultiplierBps(1_000)).toBe(10_000);
    expect(urgencyMultiplierBps(168)).toBe(10_000);
    expect(urgencyMultiplierBps(84)).toBe(12_500);
    expect(urgencyMultiplierBps(0)).toBe(15_000);
    expect(urgencyMultiplierBps(-5)).toBe(15_000);
  });
});

describe("demandMultiplierBps", () => {
  it("is ×1 with no data or a balanced route and moves by 25% of the imbalance per trip plus the prior", () => {
    expect(demandMultiplierBps(NEUTRAL_MARKET)).toBe(10_000);
    expect(demandMultiplierBps({ openRequests: 7, tripsInWindow: 7 })).toBe(10_000);
    expect(demandMultiplierBps({ openRequests: 3, tripsInWindow: 1 })).toBe(11_666); // 1 + 0.25 × 2/3, floored
    expect(demandMultiplierBps({ openRequests: 1, tripsInWindow: 2 })).toBe(9_375); // 1 − 0.25 × 1/4
    expect(demandMultiplierBps({ openRequests: 0, tripsInWindow: 1 })).toBe(9_166); // 1 − 0.25 × 1/3, floored
  });

  it("stays inside its clamps however lopsided the route", () => {
    expect(demandMultiplierBps({ openRequests: 1_000, tripsInWindow: 0 })).toBe(DEMAND_MAX_BPS);
    expect(demandMultiplierBps({ openRequests: 0, tripsInWindow: 1_000 })).toBe(DEMAND_MIN_BPS);
  });
});
