// Pure checkout logic: what a payment answer asks of the payer next, and what each refusal means in plain words.
import { ApiError } from "../../api/api-error";
import type { Money, Payment, PaymentsConfig, WalletBalance } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { formatMoney } from "../catalog/money";

export type NextStep =
  | { kind: "done" }
  // The sandbox's stand-in for 3-D Secure: the payer presses a button and we call /v1/payments/:id/confirm.
  | { kind: "confirm"; paymentId: string }
  // Stripe: confirm the PaymentIntent in the browser with Stripe.js; card data goes to Stripe, never to us.
  | { kind: "stripe"; paymentId: string; clientSecret: string }
  | { kind: "failed"; message: string };

export function nextStep(payment: Payment | null, provider: PaymentsConfig["provider"]): NextStep {
  if (payment === null || payment.status === "succeeded" || payment.status === "processing") return { kind: "done" };
  if (payment.status === "requires_action") {
    const action = payment.nextAction;
    if (provider === "stripe" && action?.type === "use_stripe_sdk" && action.clientSecret !== "") return { kind: "stripe", paymentId: payment.id, clientSecret: action.clientSecret };
    return { kind: "confirm", paymentId: payment.id };
  }
  return { kind: "failed", message: "The payment did not go through. Try again or use another card." };
}

// Stripe-style decline codes the sandbox and Stripe send with PAYMENT_DECLINED.
const declineMessages: Record<string, string> = {
  card_declined: "Your card was declined.",
  generic_decline: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
  expired_card: "Your card has expired.",
  incorrect_cvc: "The card's security code is incorrect.",
  processing_error: "The card could not be processed. Try again in a moment.",
  lost_card: "Your card was declined.",
  stolen_card: "Your card was declined.",
  fraudulent: "Your card was declined.",
  authentication_required: "Your bank needs you to confirm this payment; try again and confirm it.",
};

export interface PaymentRefusalContext {
  // What the wallet holds in the order's currency, when known: the insufficient-funds message then says how much is missing.
  available?: Money | null;
  due?: Money;
}

/** One sentence a payer can act on, for any refusal of a payment or deposit. */
export function paymentFailureMessage(error: unknown, context: PaymentRefusalContext = {}): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  switch (error.code) {
    case "PAYMENT_DECLINED": {
      const code = typeof error.extensions.declineCode === "string" ? error.extensions.declineCode : "";
      return `${declineMessages[code] ?? "Your card was declined."} No money was taken. Try another card.`;
    }
    case "INSUFFICIENT_FUNDS": {
      const { available, due } = context;
      if (available && due && available.currency === due.currency && available.amount < due.amount) {
        const missing: Money = { amount: due.amount - available.amount, currency: due.currency };
        return `Your wallet has ${formatMoney(available)} available, ${formatMoney(missing)} short of ${formatMoney(due)}. Add money to your wallet or pay by card.`;
      }
      return "Your wallet balance is not enough for this. Add money to your wallet or pay by card.";
    }
    case "PAYMENT_UNDER_REVIEW":
      return "This payment is being reviewed for your protection. Nothing was charged; once it is approved, press the button again to complete it.";
    case "PAYMENT_BLOCKED":
      return "This payment cannot be accepted. Nothing was charged. Contact support if you think this is a mistake.";
    case "ORDER_STATE_CONFLICT":
      return "This order can no longer be paid: it is already paid, cancelled or expired.";
    case "IDEMPOTENCY_KEY_IN_USE":
      return "Your payment is still being processed. Wait a moment, then try again: you will not be charged twice.";
    default:
      return errorMessage(error);
  }
}

/** The wallet's available balance in `currency`, zero when the wallet has none of it. */
export function availableIn(balances: readonly WalletBalance[], currency: string): Money {
  return balances.find((balance) => balance.currency === currency)?.available ?? { amount: 0, currency };
}

/** True when the wallet alone can pay `due`. */
export function walletCovers(available: Money, due: Money): boolean {
  return available.currency === due.currency && available.amount >= due.amount;
}
