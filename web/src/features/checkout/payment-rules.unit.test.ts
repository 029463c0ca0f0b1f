// What the payer is asked to do after a payment answer, and how refusals are explained.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/api-error";
import { availableIn, nextStep, paymentFailureMessage, walletCovers } from "./payment-rules";

const usd = (amount: number) => ({ amount, currency: "USD" });
const problem = (status: number, code: string, extensions: Record<string, unknown> = {}) => new ApiError(status, code, `server says ${code}`, [], null, extensions);

describe("nextStep", () => {
  it("is done when the payment succeeded at once or there was no card payment", () => {
    expect(nextStep({ id: "pay_1", status: "succeeded" }, "sandbox")).toEqual({ kind: "done" });
    expect(nextStep(null, "stripe")).toEqual({ kind: "done" });
  });

  it("asks for the sandbox confirm step when the payment requires action", () => {
    expect(nextStep({ id: "pay_1", status: "requires_action", nextAction: { type: "sandbox_confirm", confirmUrl: "/v1/payments/pay_1/confirm" } }, "sandbox")).toEqual({ kind: "confirm", paymentId: "pay_1" });
  });

  it("hands Stripe's client secret to Stripe.js when the provider is Stripe", () => {
    expect(nextStep({ id: "pay_1", status: "requires_action", nextAction: { type: "use_stripe_sdk", clientSecret: "pi_1_secret_2" } }, "stripe")).toEqual({
      kind: "stripe",
      paymentId: "pay_1",
      clientSecret: "pi_1_secret_2",
    });
  });

  it("falls back to the confirm step when Stripe sent an empty client secret", () => {
    expect(nextStep({ id: "pay_1", status: "requires_action", nextAction: { type: "use_stripe_sdk", clientSecret: "" } }, "stripe")).toEqual({ kind: "confirm", paymentId: "pay_1" });
  });

  it("reports a failed payment", () => {
    expect(nextStep({ id: "pay_1", status: "failed" }, "sandbox")).toEqual({ kind: "failed", message: "The payment did not go through. Try again or use another card." });
  });
});

describe("paymentFailureMessage", () => {
  it("explains a decline by its code and says nothing was taken", () => {
    expect(paymentFailureMessage(problem(402, "PAYMENT_DECLINED", { declineCode: "insufficient_funds" }))).toBe("Your card has insufficient funds. No money was taken. Try another card.");
    expect(paymentFailureMessage(problem(402, "PAYMENT_DECLINED", { declineCode: "card_declined" }))).toBe("Your card was declined. No money was taken. Try another card.");
    expect(paymentFailureMessage(problem(402, "PAYMENT_DECLINED", { declineCode: "something_new" }))).toBe("Your card was declined. No money was taken. Try another card.");
    expect(paymentFailureMessage(problem(402, "PAYMENT_DECLINED"))).toBe("Your card was declined. No money was taken. Try another card.");
  });

  it("says how much the wallet is short by when it knows the balance", () => {
    expect(paymentFailureMessage(problem(422, "INSUFFICIENT_FUNDS"), { available: usd(500), due: usd(1750) })).toBe(
      "Your wallet has $5.00 available, $12.50 short of $17.50. Add money to your wallet or pay by card.",
    );
    expect(paymentFailureMessage(problem(422, "INSUFFICIENT_FUNDS"))).toBe("Your wallet balance is not enough for this. Add money to your wallet or pay by card.");
  });

  it("explains a review, a block and an order that can no longer be paid", () => {
    expect(paymentFailureMessage(problem(409, "PAYMENT_UNDER_REVIEW", { reviewId: "rev_1" }))).toBe(
      "This payment is being reviewed for your protection. Nothing was charged; once it is approved, press the button again to complete it.",
    );
    expect(paymentFailureMessage(problem(422, "PAYMENT_BLOCKED"))).toBe("This payment cannot be accepted. Nothing was charged. Contact support if you think this is a mistake.");
    expect(paymentFailureMessage(problem(409, "ORDER_STATE_CONFLICT"))).toBe("This order can no longer be paid: it is already paid, cancelled or expired.");
  });

  it("passes other problems through in the server's words", () => {
    expect(paymentFailureMessage(problem(404, "NOT_FOUND"))).toBe("server says NOT_FOUND");
  });
});

describe("wallet balance", () => {
  const balances = [{ currency: "USD", available: usd(2000), held: usd(0) }];

  it("reads the available balance in a currency, zero when the wallet has none", () => {
    expect(availableIn(balances, "USD")).toEqual(usd(2000));
    expect(availableIn(balances, "EUR")).toEqual({ amount: 0, currency: "EUR" });
  });

  it("covers a price only in the same currency and at least the amount", () => {
    expect(walletCovers(usd(2000), usd(2000))).toBe(true);
    expect(walletCovers(usd(1999), usd(2000))).toBe(false);
    expect(walletCovers({ amount: 5000, currency: "EUR" }, usd(2000))).toBe(false);
  });
});
