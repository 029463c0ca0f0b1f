// Fraud rules: the exact points of each rule, each threshold at its edge and one past it, and the decision bands.
import { describe, expect, it } from "vitest";
import { approximateUsdMinor } from "./approximate-usd";
import { decisionFor, isRoutableIp, isSharedTestPaymentMethod, RULE_POINTS, scorePayment, type PaymentSignals } from "./rules";

const WEEK_SECONDS = 7 * 24 * 60 * 60;

/** An established user paying an ordinary amount: no rule fires. */
function calm(overrides: Partial<PaymentSignals> = {}): PaymentSignals {
  return {
    amountMinor: 5_000,
    amountUsdMinor: 5_000,
    accountAgeSeconds: 30 * 24 * 60 * 60,
    attemptsByUser: 0,
    attemptsByIp: 0,
    attemptsByPaymentMethod: 0,
    historyCount: 5,
    historyMaxMinor: 5_000,
    sharedIpWithCounterparty: false,
    sharedDeviceWithCounterparty: false,
    failedPayments: 0,
    ...overrides,
  };
}

const rulesOf = (signals: PaymentSignals) => scorePayment(signals).reasons.map((reason) => [reason.rule, reason.points]);

describe("scorePayment", () => {
  it("scores an ordinary payment by an established user 0 with no reasons", () => {
    expect(scorePayment(calm())).toEqual({ score: 0, reasons: [] });
  });

  it("adds 25 from the 6th attempt of one user in the window (5 earlier), not at the 5th", () => {
    expect(rulesOf(calm({ attemptsByUser: 4 }))).toEqual([]);
    expect(scorePayment(calm({ attemptsByUser: 5 }))).toEqual({
      score: 25,
      reasons: [{ rule: "velocity_user", points: 25, detail: "5 earlier attempts by this user in the window (limit 5)" }],
    });
  });

  it("adds 20 from the 11th attempt from one IP, and nothing when the IP is not counted", () => {
    expect(rulesOf(calm({ attemptsByIp: 9 }))).toEqual([]);
    expect(rulesOf(calm({ attemptsByIp: 10 }))).toEqual([["velocity_ip", 20]]);
    expect(rulesOf(calm({ attemptsByIp: null }))).toEqual([]);
  });

  it("adds 25 from the 6th attempt with one payment method, and nothing when the method is not counted", () => {
    expect(rulesOf(calm({ attemptsByPaymentMethod: 4 }))).toEqual([]);
    expect(rulesOf(calm({ attemptsByPaymentMethod: 5 }))).toEqual([["velocity_payment_method", 25]]);
    expect(rulesOf(calm({ attemptsByPaymentMethod: null }))).toEqual([]);
  });

  it("adds 30 for a new account over USD 1,000 and 60 (instead) over USD 5,000, and nothing at the limits", () => {
    const young = { accountAgeSeconds: WEEK_SECONDS - 1, historyCount: 0, historyMaxMinor: 0 };
    expect(rulesOf(calm({ ...young, amountUsdMinor: 100_000 }))).toEqual([]);
    expect(rulesOf(calm({ ...young, amountUsdMinor: 100_001 }))).toEqual([["new_account_amount", 30]]);
    expect(rulesOf(calm({ ...young, amountUsdMinor: 500_000 }))).toEqual([["new_account_amount", 30]]);
    expect(scorePayment(calm({ ...young, amountUsdMinor: 500_001 }))).toEqual({
      score: 60,
      reasons: [{ rule: "new_account_far_amount", points: 60, detail: "about USD 5000.01 from an account younger than the new-account period (far limit USD 5000)" }],
    });
  });

  it("treats an account exactly a week old as established", () => {
    expect(rulesOf(calm({ accountAgeSeconds: WEEK_SECONDS, amountUsdMinor: 900_000, amountMinor: 5_000 }))).toEqual([]);
  });

  it("adds 35 for an amount over 10× the largest of at least 3 earlier payments, and nothing with only 2", () => {
    expect(rulesOf(calm({ historyCount: 3, historyMaxMinor: 1_000, amountMinor: 10_000 }))).toEqual([]);
    expect(scorePayment(calm({ historyCount: 3, historyMaxMinor: 1_000, amountMinor: 10_001 }))).toEqual({
      score: 35,
      reasons: [{ rule: "amount_far_above_history", points: 35, detail: "10001 is over 10× the largest of 3 earlier payments (1000)" }],
    });
    expect(rulesOf(calm({ historyCount: 2, historyMaxMinor: 1_000, amountMinor: 1_000_000 }))).toEqual([]);
  });

  it("adds 25 for a counterparty on the same IP and 20 more on the same browser too", () => {
    expect(rulesOf(calm({ sharedIpWithCounterparty: true }))).toEqual([["shared_ip_with_counterparty", 25]]);
    expect(scorePayment(calm({ sharedIpWithCounterparty: true, sharedDeviceWithCounterparty: true })).score).toBe(45);
  });

  it("adds 40 from 3 failed payments and 85 (instead) from 6", () => {
    expect(rulesOf(calm({ failedPayments: 2 }))).toEqual([]);
    expect(rulesOf(calm({ failedPayments: 3 }))).toEqual([["failed_payments", 40]]);
    expect(rulesOf(calm({ failedPayments: 5 }))).toEqual([["failed_payments", 40]]);
    expect(rulesOf(calm({ failedPayments: 6 }))).toEqual([["failed_payments_many", 85]]);
  });

  it("sums the rules that fire and caps the score at 100", () => {
    const everything = calm({
      attemptsByUser: 9,
      attemptsByIp: 20,
      attemptsByPaymentMethod: 9,
      accountAgeSeconds: 60,
      amountUsdMinor: 1_000_000,
      amountMinor: 1_000_000,
      sharedIpWithCounterparty: true,
      sharedDeviceWithCounterparty: true,
      failedPayments: 10,
    });
    expect(scorePayment(everything).score).toBe(100);
    expect(scorePayment(calm({ attemptsByUser: 5, attemptsByIp: 10 })).score).toBe(45);
  });
});

describe("decisionFor", () => {
  it("allows below 50, reviews from 50 to 79, blocks from 80", () => {
    expect([0, 49, 50, 79, 80, 100].map(decisionFor)).toEqual(["allow", "allow", "review", "review", "block", "block"]);
  });

  it("lets no single ordinary rule reach review alone, but the strong ones do", () => {
    const alone = Object.entries(RULE_POINTS).map(([rule, points]) => [rule, decisionFor(points)]);
    expect(alone).toEqual([
      ["velocity_user", "allow"],
      ["velocity_ip", "allow"],
      ["velocity_payment_method", "allow"],
      ["new_account_amount", "allow"],
      ["new_account_far_amount", "review"],
      ["amount_far_above_history", "allow"],
      ["shared_ip_with_counterparty", "allow"],
      ["shared_device_with_counterparty", "allow"],
      ["failed_payments", "allow"],
      ["failed_payments_many", "block"],
    ]);
  });
});

describe("approximateUsdMinor", () => {
  it("converts minor units of 0-, 2- and 3-decimal currencies to whole US cents", () => {
    expect(approximateUsdMinor(123_456, "USD")).toBe(123_456);
    expect(approximateUsdMinor(10_000, "EUR")).toBe(10_800);
    expect(approximateUsdMinor(1_000_000, "JPY")).toBe(660_000);
    expect(approximateUsdMinor(1_000, "KWD")).toBe(325);
  });
});

describe("isRoutableIp", () => {
  it("ignores missing, private, loopback, link-local and shared-space addresses and accepts public ones", () => {
    const ips = [null, "", "10.1.2.3", "127.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.1.1", "100.64.0.1", "::1", "fe80::1", "fd12::1", "::ffff:10.0.0.1"];
    expect(ips.filter(isRoutableIp)).toEqual([]);
    expect(["203.0.113.7", "172.32.0.1", "8.8.8.8", "2001:db8::1", "::ffff:203.0.113.7"].every(isRoutableIp)).toBe(true);
  });
});

describe("isSharedTestPaymentMethod", () => {
  it("recognises Stripe's shared test payment methods and nothing else", () => {
    expect(["pm_card_visa", "pm_card_declined", "pm_card_threeDSecure2Required", "pm_1PqRsT", "card_123"].map(isSharedTestPaymentMethod)).toEqual([true, true, true, false, false]);
  });
});
