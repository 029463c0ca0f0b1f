// The auction engine against its rules: the worked example, every band boundary, and random bid sequences against a brute-force reference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buyItNow, closeAuction, minNextBid, openAuction, placeBid, type AuctionState, type AuctionTerms } from "./engine";
import { incrementFor, INCREMENT_TABLES, type AuctionCurrency } from "./increments";

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

function terms(overrides: Partial<AuctionTerms> = {}): AuctionTerms {
  return {
    listingId: "lst_test",
    sellerId: "seller",
    currency: "USD",
    startPriceMinor: 1_000,
    reservePriceMinor: null,
    buyItNowPriceMinor: null,
    endsAtMs: T0 + HOUR,
    closeMode: "hard",
    softCloseSeconds: 120,
    maxExtensionSeconds: 3_600,
    ...overrides,
  };
}

function bid(state: AuctionState, bidderId: string, maxMinor: number, nowMs = T0, currency = state.terms.currency) {
  const outcome = placeBid(state, { bidderId, maxMinor, currency }, nowMs);
  if (!outcome.ok) throw new Error(`${bidderId} ${maxMinor} rejected: ${outcome.rejection}`);
  return outcome;
}

describe("proxy bidding", () => {
  it("follows the worked example: start 10, A max 50 → 10 A leads; B max 30 → 31 A leads; C max 50 → 50 A still leads", () => {
    let state = openAuction(terms());
    state = bid(state, "A", 5_000).state;
    expect({ price: state.currentPriceMinor, leader: state.leader?.bidderId }).toEqual({ price: 1_000, leader: "A" });
    state = bid(state, "B", 3_000).state;
    expect({ price: state.currentPriceMinor, leader: state.leader?.bidderId }).toEqual({ price: 3_100, leader: "A" });
    state = bid(state, "C", 5_000).state;
    expect({ price: state.currentPriceMinor, leader: state.leader?.bidderId }).toEqual({ price: 5_000, leader: "A" });
  });

  it("asks for the start price before any bid and price plus increment after", () => {
    let state = openAuction(terms());
    expect(minNextBid(state)).toBe(1_000);
    state = bid(state, "A", 5_000).state;
    expect(minNextBid(state)).toBe(1_050);
    const tooLow = placeBid(state, { bidderId: "B", maxMinor: 1_049, currency: "USD" }, T0);
    expect(tooLow).toMatchObject({ ok: false, rejection: "BID_TOO_LOW" });
  });

  it("does not raise the price when the leader raises their own maximum", () => {
    let state = openAuction(terms());
    state = bid(state, "A", 5_000).state;
    state = bid(state, "B", 2_000).state;
    const before = state.currentPriceMinor;
    const raised = bid(state, "A", 9_000);
    expect(raised.state.currentPriceMinor).toBe(before);
    expect(raised.events.filter((event) => event.type === "outbid")).toEqual([]);
    expect(placeBid(raised.state, { bidderId: "A", maxMinor: 9_000, currency: "USD" }, T0)).toMatchObject({ ok: false, rejection: "BID_TOO_LOW" });
  });

  it("tells the displaced leader they were outbid", () => {
    let state = openAuction(terms());
    state = bid(state, "A", 2_000).state;
    const outcome = bid(state, "B", 3_000);
    expect(outcome.events).toContainEqual({ type: "outbid", bidderId: "A", currentPriceMinor: 2_050 }); // 20.00 + 0.50 (the 5.00–24.99 band)
    expect(outcome.result.leading).toBe(true);
  });
});

describe("reserve and Buy It Now", () => {
  it("lifts the price to the reserve once a maximum reaches it, and says so", () => {
    let state = openAuction(terms({ reservePriceMinor: 4_000 }));
    state = bid(state, "A", 3_000).state;
    expect({ price: state.currentPriceMinor, reserveMet: state.reserveMet }).toEqual({ price: 1_000, reserveMet: false });
    state = bid(state, "A", 6_000).state; // the leader raising to meet the reserve does move the price
    expect({ price: state.currentPriceMinor, reserveMet: state.reserveMet }).toEqual({ price: 4_000, reserveMet: true });
  });

  it("keeps Buy It Now until the first bid without a reserve", () => {
    let state = openAuction(terms({ buyItNowPriceMinor: 9_000 }));
    expect(state.buyItNowAvailable).toBe(true);
    state = bid(state, "A", 1_000).state;
    expect(state.buyItNowAvailable).toBe(false);
    expect(buyItNow(state, "B", T0)).toMatchObject({ ok: false, rejection: "BUY_NOW_UNAVAILABLE" });
  });

  it("keeps Buy It Now with a reserve until a bid meets the reserve", () => {
    let state = openAuction(terms({ reservePriceMinor: 5_000, buyItNowPriceMinor: 9_000 }));
    state = bid(state, "A", 2_000).state;
    expect(state.buyItNowAvailable).toBe(true);
    state = bid(state, "B", 5_000).state;
    expect(state.buyItNowAvailable).toBe(false);
  });

  it("ends the auction when someone buys it now", () => {
    const outcome = buyItNow(openAuction(terms({ buyItNowPriceMinor: 9_000 })), "B", T0 + 10);
    expect(outcome).toMatchObject({ ok: true, result: { priceMinor: 9_000 }, events: [{ type: "closed", winnerId: "B", finalPriceMinor: 9_000, reason: "bought" }] });
    if (outcome.ok) expect(placeBid(outcome.state, { bidderId: "C", maxMinor: 20_000, currency: "USD" }, T0 + 20)).toMatchObject({ ok: false, rejection: "AUCTION_CLOSED" });
  });
});

describe("who may bid", () => {
  it("refuses the seller, another currency, and bids after the end", () => {
    const state = openAuction(terms());
    expect(placeBid(state, { bidderId: "seller", maxMinor: 5_000, currency: "USD" }, T0)).toMatchObject({ ok: false, rejection: "SELLER_CANNOT_BID" });
    expect(placeBid(state, { bidderId: "A", maxMinor: 5_000, currency: "EUR" }, T0)).toMatchObject({ ok: false, rejection: "WRONG_CURRENCY" });
    expect(placeBid(state, { bidderId: "A", maxMinor: 5_000, currency: "USD" }, T0 + HOUR)).toMatchObject({ ok: false, rejection: "AUCTION_CLOSED" });
  });
});

describe("closing", () => {
  it("gives the win to the leader at the visible price, once", () => {
    let state = openAuction(terms());
    state = bid(state, "A", 5_000).state;
    state = bid(state, "B", 3_000).state;
    const early = closeAuction(state, T0 + HOUR - 1);
    expect(early.ok && early.events).toEqual([]);
    const closed = closeAuction(state, T0 + HOUR);
    expect(closed.ok && closed.state).toMatchObject({ status: "closed", winnerId: "A", finalPriceMinor: 3_100 });
    const again = closed.ok ? closeAuction(closed.state, T0 + HOUR + 5) : null;
    expect(again?.ok && again.events).toEqual([]);
  });

  it("has no winner when the reserve was not met", () => {
    let state = openAuction(terms({ reservePriceMinor: 10_000 }));
    state = bid(state, "A", 5_000).state;
    const closed = closeAuction(state, T0 + HOUR);
    expect(closed.ok && closed.events).toEqual([{ type: "closed", winnerId: null, finalPriceMinor: null, reserveMet: false, reason: "ended" }]);
  });

  it("soft close moves the end to now + N for a late bid, up to the extension cap", () => {
    let state = openAuction(terms({ closeMode: "soft", softCloseSeconds: 120, maxExtensionSeconds: 150 }));
    const late = bid(state, "A", 2_000, T0 + HOUR - 30_000);
    expect(late.state.endsAtMs).toBe(T0 + HOUR + 90_000);
    expect(late.events).toContainEqual({ type: "extended", endsAtMs: T0 + HOUR + 90_000 });
    state = late.state;
    const later = bid(state, "B", 3_000, T0 + HOUR + 80_000);
    expect(later.state.endsAtMs).toBe(T0 + HOUR + 150_000); // capped: original end + 150 s
    const early = bid(openAuction(terms({ closeMode: "soft" })), "A", 2_000, T0);
    expect(early.state.endsAtMs).toBe(T0 + HOUR);
  });

  it("hard close never moves the end", () => {
    const late = bid(openAuction(terms()), "A", 2_000, T0 + HOUR - 1);
    expect(late.state.endsAtMs).toBe(T0 + HOUR);
    expect(late.events.some((event) => event.type === "extended")).toBe(false);
  });
});

describe("increments", () => {
  const usdBoundaries: [number, number][] = [
    [99, 5], [100, 25], [499, 25], [500, 50], [2_499, 50], [2_500, 100], [9_999, 100], [10_000, 250], [24_999, 250], [25_000, 500],
    [49_999, 500], [50_000, 1_000], [99_999, 1_000], [100_000, 2_500], [249_999, 2_500], [250_000, 5_000], [499_999, 5_000], [500_000, 10_000], [10_000_000, 10_000],
  ];
  it.each(usdBoundaries)("USD %i minor → increment %i at the band edge", (price, increment) => {
    expect(incrementFor("USD", price)).toBe(increment);
  });

  it.each([
    ["EUR", 99, 5], ["EUR", 100, 25], ["EUR", 1_499, 50], ["EUR", 1_500, 100], ["EUR", 4_999, 100], ["EUR", 5_000, 500], ["EUR", 500_000, 10_000],
    ["GBP", 100, 5], ["GBP", 101, 20], ["GBP", 1_500, 50], ["GBP", 1_501, 100], ["GBP", 300_000, 5_000], ["GBP", 300_001, 10_000],
  ] as [AuctionCurrency, number, number][])("%s %i minor → increment %i", (currency, price, increment) => {
    expect(incrementFor(currency, price)).toBe(increment);
  });

  it("uses the band of the runner-up's maximum, capped at the leader's", () => {
    let state = openAuction(terms({ startPriceMinor: 100 }));
    state = bid(state, "A", 10_000).state;
    state = bid(state, "B", 2_499).state; // band 5.00–24.99 → +0.50
    expect(state.currentPriceMinor).toBe(2_549);
    state = bid(state, "C", 9_990).state; // band 25–99.99 → +1.00, capped at A's 100.00
    expect(state.currentPriceMinor).toBe(10_000);
  });
});

// ---- brute-force reference: recompute everything from the full list of accepted bids ----

interface RefBid {
  bidderId: string;
  maxMinor: number;
  seq: number;
}

function referencePrice(t: AuctionTerms, accepted: RefBid[]): { price: number; leader: RefBid | null } {
  const best = new Map<string, RefBid>();
  for (const entry of accepted) best.set(entry.bidderId, entry); // each bidder's latest (= highest) maximum
  const ranked = [...best.values()].sort((a, b) => b.maxMinor - a.maxMinor || a.seq - b.seq);
  const [first, second] = ranked;
  if (!first) return { price: t.startPriceMinor, leader: null };
  let price = t.startPriceMinor;
  if (second) price = second.maxMinor === first.maxMinor ? first.maxMinor : Math.min(first.maxMinor, second.maxMinor + incrementFor(t.currency, second.maxMinor));
  if (t.reservePriceMinor !== null && first.maxMinor >= t.reservePriceMinor && price < t.reservePriceMinor) price = t.reservePriceMinor;
  return { price, leader: first };
}

function referenceRun(t: AuctionTerms, attempts: { bidderId: string; maxMinor: number }[]) {
  const accepted: RefBid[] = [];
  for (const attempt of attempts) {
    const { price, leader } = referencePrice(t, accepted);
    const minimum = accepted.length === 0 ? t.startPriceMinor : price + incrementFor(t.currency, price);
    const ok = attempt.bidderId !== t.sellerId && (leader?.bidderId === attempt.bidderId ? attempt.maxMinor > leader.maxMinor : attempt.maxMinor >= minimum);
    if (ok) accepted.push({ ...attempt, seq: accepted.length + 1 });
  }
  return { accepted: accepted.length, ...referencePrice(t, accepted) };
}

describe("random bid sequences", () => {
  const currency = fc.constantFrom<AuctionCurrency>(...(Object.keys(INCREMENT_TABLES) as AuctionCurrency[]));
  const attempts = fc.array(fc.record({ bidderId: fc.constantFrom("A", "B", "C", "D", "seller"), maxMinor: fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 1, max: 1_000_000 })) }), { maxLength: 40 });

  it("end in the same leader and price as the brute-force reference", () => {
    fc.assert(
      fc.property(currency, fc.integer({ min: 1, max: 50_000 }), fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: null }), attempts, (cur, start, reserve, list) => {
        const t = terms({ currency: cur, startPriceMinor: start, reservePriceMinor: reserve === null ? null : Math.max(reserve, start) });
        let state = openAuction(t);
        for (const attempt of list) {
          const outcome = placeBid(state, { ...attempt, currency: cur }, T0);
          if (outcome.ok) state = outcome.state;
        }
        const reference = referenceRun(t, list);
        expect(state.bidCount).toBe(reference.accepted);
        expect(state.currentPriceMinor).toBe(reference.price);
        expect(state.leader?.bidderId ?? null).toBe(reference.leader?.bidderId ?? null);
      }),
      { numRuns: 500 },
    );
  });

  it("keep their invariants: the price never falls, never exceeds the leader's maximum, and is never below the start", () => {
    fc.assert(
      fc.property(attempts, (list) => {
        let state = openAuction(terms());
        for (const attempt of list) {
          const before = state.currentPriceMinor;
          const outcome = placeBid(state, { ...attempt, currency: "USD" }, T0);
          if (!outcome.ok) continue;
          state = outcome.state;
          expect(state.currentPriceMinor).toBeGreaterThanOrEqual(before);
          expect(state.currentPriceMinor).toBeLessThanOrEqual(state.leader!.maxMinor);
          expect(state.currentPriceMinor).toBeGreaterThanOrEqual(state.terms.startPriceMinor);
          expect(state.runnerUp === null || state.runnerUp.maxMinor <= state.leader!.maxMinor).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
