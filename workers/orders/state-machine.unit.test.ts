// The order state machine and escrow arithmetic against a reference model: random action sequences, money invariants, fee edges.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BPS_PER_WHOLE, parsePlatformFeeBps, platformFee, splitEscrow } from "./escrow-math";
import { FINAL_STATUSES, isEscrowed, ORDER_ACTIONS, ORDER_STATUSES, transition, type EscrowEffect, type OrderAction, type OrderActor, type OrderStatus } from "./state-machine";

const ACTORS: readonly OrderActor[] = ["buyer", "seller", "admin", "system"];

type Outcome = { ok: true; to: OrderStatus } | { ok: false; error: "FORBIDDEN" | "ORDER_STATE_CONFLICT" };

/** The rules written out a second way, one case per action, to check the table against. */
function reference(status: OrderStatus, action: OrderAction, actor: OrderActor): Outcome {
  const forbidden: Outcome = { ok: false, error: "FORBIDDEN" };
  const conflict: Outcome = { ok: false, error: "ORDER_STATE_CONFLICT" };
  const when = (allowed: boolean, to: OrderStatus): Outcome => (allowed ? { ok: true, to } : conflict);
  const moving = status === "shipped" || status === "in_transit";
  switch (action) {
    case "pay":
      return actor === "buyer" || actor === "system" ? when(status === "pending_payment", "paid") : forbidden;
    case "ship":
      return actor === "seller" ? when(status === "paid", "shipped") : forbidden;
    case "mark_in_transit":
      return actor === "system" ? when(status === "paid" || status === "shipped", "in_transit") : forbidden;
    case "mark_delivered":
      if (actor === "buyer") return forbidden;
      return when(moving || (actor === "system" && status === "paid"), "delivered");
    case "confirm_delivery":
      if (actor === "buyer") return when(moving || status === "delivered", "completed");
      return actor === "system" ? when(status === "paid" || moving || status === "delivered", "completed") : forbidden;
    case "auto_release":
      return actor === "system" ? when(status === "delivered", "completed") : forbidden;
    case "cancel":
      if (actor === "system") return forbidden;
      return when(status === "pending_payment" || (actor !== "buyer" && status === "paid"), "cancelled");
    case "expire":
      return actor === "system" ? when(status === "pending_payment", "expired") : forbidden;
    case "open_dispute":
      return actor === "buyer" ? when(status === "paid" || moving || status === "delivered", "disputed") : forbidden;
    case "resolve_refund":
      return actor === "admin" ? when(status === "disputed", "refunded") : forbidden;
    case "resolve_partial_refund":
    case "resolve_release":
      return actor === "admin" ? when(status === "disputed", "completed") : forbidden;
  }
}

/** Balances of one order's money in minor units, as the ledger would hold them. */
interface Books {
  buyerAvailable: number;
  buyerHeld: number;
  sellerAvailable: number;
  platformFees: number;
  sellerCredits: number;
}

function applyEscrow(books: Books, effect: EscrowEffect, totalMinor: number, refundMinor: number, bps: number): Books {
  const next = { ...books };
  const release = (amount: number) => {
    const fee = platformFee(amount, bps);
    next.buyerHeld -= amount;
    next.sellerAvailable += amount - fee;
    next.platformFees += fee;
    next.sellerCredits += 1;
  };
  if (effect === "hold") {
    next.buyerAvailable -= totalMinor;
    next.buyerHeld += totalMinor;
  } else if (effect === "refund") {
    next.buyerHeld -= totalMinor;
    next.buyerAvailable += totalMinor;
  } else if (effect === "release") {
    release(totalMinor);
  } else if (effect === "split") {
    const split = splitEscrow(totalMinor, refundMinor, bps);
    next.buyerHeld -= split.refundMinor;
    next.buyerAvailable += split.refundMinor;
    release(split.releaseMinor);
  }
  return next;
}

const step = fc.record({
  action: fc.constantFrom(...ORDER_ACTIONS),
  actor: fc.constantFrom(...ACTORS),
  refundShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe("the order state machine", () => {
  it("agrees with the reference model for every status, action and actor", () => {
    for (const status of ORDER_STATUSES) {
      for (const action of ORDER_ACTIONS) {
        for (const actor of ACTORS) {
          const got = transition(status, action, actor);
          expect({ status, action, actor, outcome: got.ok ? { ok: true, to: got.to } : { ok: false, error: got.error } }).toEqual({ status, action, actor, outcome: reference(status, action, actor) });
        }
      }
    }
  });

  it("keeps the order total in escrow exactly while paid…delivered or disputed, and credits the seller at most once, over random action sequences", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: BPS_PER_WHOLE }), fc.array(step, { maxLength: 40 }), (totalMinor, bps, steps) => {
        let status: OrderStatus = "pending_payment";
        let books: Books = { buyerAvailable: totalMinor, buyerHeld: 0, sellerAvailable: 0, platformFees: 0, sellerCredits: 0 };
        for (const { action, actor, refundShare } of steps) {
          const expected = reference(status, action, actor);
          const got = transition(status, action, actor);
          expect(got.ok ? { ok: true, to: got.to } : { ok: false, error: got.error }).toEqual(expected);
          if (!got.ok) continue;
          const refundMinor = Math.floor(totalMinor * refundShare);
          books = applyEscrow(books, got.escrow, totalMinor, refundMinor, bps);
          const wasFinal = FINAL_STATUSES.includes(status);
          status = got.to;
          expect(wasFinal).toBe(false);
          expect(books.buyerHeld).toBe(isEscrowed(status) ? totalMinor : 0);
          expect(books.sellerCredits).toBeLessThanOrEqual(1);
          expect(Math.min(books.buyerAvailable, books.buyerHeld, books.sellerAvailable, books.platformFees)).toBeGreaterThanOrEqual(0);
          expect(books.buyerAvailable + books.buyerHeld + books.sellerAvailable + books.platformFees).toBe(totalMinor);
        }
        if (status === "completed") expect(books.sellerCredits).toBe(1);
        if (status === "refunded" || status === "cancelled" || status === "expired") expect({ seller: books.sellerAvailable, buyer: books.buyerAvailable }).toEqual({ seller: 0, buyer: totalMinor });
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a buyer shipping with FORBIDDEN and paying twice with ORDER_STATE_CONFLICT", () => {
    expect(transition("paid", "ship", "buyer")).toMatchObject({ ok: false, error: "FORBIDDEN" });
    expect(transition("paid", "pay", "buyer")).toEqual({ ok: false, error: "ORDER_STATE_CONFLICT", detail: "An order that is paid cannot be paid." });
    expect(transition("disputed", "resolve_release", "buyer")).toMatchObject({ ok: false, error: "FORBIDDEN" });
  });

  it("stops auto-release once a dispute is open and lets only an admin end the dispute", () => {
    const disputed = transition("delivered", "open_dispute", "buyer");
    expect(disputed).toEqual({ ok: true, to: "disputed", escrow: "none" });
    expect(transition("disputed", "auto_release", "system")).toMatchObject({ ok: false, error: "ORDER_STATE_CONFLICT" });
    expect(transition("disputed", "confirm_delivery", "buyer")).toMatchObject({ ok: false, error: "ORDER_STATE_CONFLICT" });
    expect(transition("disputed", "resolve_partial_refund", "admin")).toEqual({ ok: true, to: "completed", escrow: "split" });
  });

  it("lets the crowdship PIN (system) complete a paid, moving or delivered order and release escrow, but not a disputed one", () => {
    for (const status of ["paid", "shipped", "in_transit", "delivered"] as const) expect(transition(status, "confirm_delivery", "system")).toEqual({ ok: true, to: "completed", escrow: "release" });
    expect(transition("disputed", "confirm_delivery", "system")).toMatchObject({ ok: false, error: "ORDER_STATE_CONFLICT" });
    expect(transition("pending_payment", "confirm_delivery", "system")).toMatchObject({ ok: false, error: "ORDER_STATE_CONFLICT" });
    expect(transition("paid", "confirm_delivery", "seller")).toMatchObject({ ok: false, error: "FORBIDDEN" });
  });

  it("refunds a paid order the seller cancels, and moves nothing for an unpaid one", () => {
    expect(transition("paid", "cancel", "seller")).toEqual({ ok: true, to: "cancelled", escrow: "refund" });
    expect(transition("pending_payment", "cancel", "seller")).toEqual({ ok: true, to: "cancelled", escrow: "none" });
    expect(transition("paid", "cancel", "buyer")).toMatchObject({ ok: false, error: "ORDER_STATE_CONFLICT" });
    expect(transition("shipped", "cancel", "seller")).toMatchObject({ ok: false, error: "ORDER_STATE_CONFLICT" });
  });
});

describe("the platform fee", () => {
  it("rounds half up at the half-unit boundary", () => {
    // 5% of 10 = 0.5 → 1; of 9 = 0.45 → 0; of 30 = 1.5 → 2; of 29 = 1.45 → 1.
    expect([10, 9, 30, 29, 0].map((amount) => platformFee(amount, 500))).toEqual([1, 0, 2, 1, 0]);
  });

  it("stays exact at the largest amount and the full rate, where floating point would not", () => {
    expect(platformFee(1_000_000_000_000, BPS_PER_WHOLE)).toBe(1_000_000_000_000);
    expect(platformFee(999_999_999_999, 9_999)).toBe(999_899_999_999);
  });

  it("splits a total into refund, seller share and fee that add back up to the total", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: BPS_PER_WHOLE }), (total, share, bps) => {
        const split = splitEscrow(total, Math.floor(total * share), bps);
        expect(split.refundMinor + split.sellerMinor + split.feeMinor).toBe(total);
        expect(split.feeMinor).toBe(platformFee(split.releaseMinor, bps));
        expect(Math.min(split.sellerMinor, split.feeMinor)).toBeGreaterThanOrEqual(0);
      }),
    );
    expect(splitEscrow(10_000, 2_500, 500)).toEqual({ refundMinor: 2_500, releaseMinor: 7_500, sellerMinor: 7_125, feeMinor: 375 });
    expect(() => splitEscrow(100, 101, 500)).toThrow(/refund 101 outside/);
  });

  it("reads PLATFORM_FEE_BPS as whole basis points from 0 to 10,000, defaulting to 500", () => {
    expect([undefined, "", "0", "250", "10000", " 75 "].map(parsePlatformFeeBps)).toEqual([500, 500, 0, 250, 10_000, 75]);
    for (const bad of ["-1", "5.5", "10001", "five", "1e3"]) expect(() => parsePlatformFeeBps(bad)).toThrow(/PLATFORM_FEE_BPS/);
  });
});
