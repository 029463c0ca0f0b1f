// The one interface every payment provider implements (the sandbox and Stripe), and which one this deployment uses.
import type { PaymentProviderName, PayoutAccountType } from "../../db/payments";
import type { ServiceContext } from "../platform/context";
import type { Money } from "../platform/money";
import { createSandboxProvider } from "./sandbox-provider";
import { createStripeProvider, stripeConfig } from "./stripe-provider";

export interface ChargeRequest {
  /** Our payment id. It is the provider call's idempotency key, so a retried call never charges twice. */
  paymentId: string;
  amount: Money;
  /** A payment method id made in the browser (Stripe Elements) or a sandbox test method; card data never reaches us. */
  paymentMethod: string;
  description: string;
  metadata: Record<string, string>;
}

/** What the payer's browser must do before the payment can succeed. */
export type ProviderNextAction = { type: "sandbox_3ds" } | { type: "use_stripe_sdk"; clientSecret: string };

export type ChargeOutcome =
  | { status: "succeeded"; providerRef: string }
  | { status: "requires_action"; providerRef: string; nextAction: ProviderNextAction }
  | { status: "declined"; providerRef: string | null; declineCode: string; message: string };

export type PayoutDestination = { type: "bank_account"; holderName: string; iban: string; label: string } | { type: "stripe_connect"; accountId: string; label: string };

export interface PayoutRequest {
  /** Our withdrawal id, the provider call's idempotency key. */
  withdrawalId: string;
  amount: Money;
  destination: PayoutDestination;
  metadata: Record<string, string>;
}

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** The kind of payout account this provider can pay out to. */
  readonly payoutAccountType: PayoutAccountType;
  /** Creates and confirms a payment at once; captured immediately (docs/money.md, capture policy). */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /**
   * The payment's state after the payer finished the next action: the sandbox completes its simulated 3-D Secure here;
   * Stripe is asked for the PaymentIntent (the browser confirmed it with Stripe.js).
   */
  refresh(providerRef: string): Promise<ChargeOutcome>;
  /** Sends money out; resolves with the provider's id, or throws an AppError when the provider refused or is down. */
  payout(request: PayoutRequest): Promise<{ providerRef: string }>;
}

/** Stripe when STRIPE_SECRET_KEY is set, otherwise the local sandbox. */
export function paymentProviderName(env: ServiceContext["env"]): PaymentProviderName {
  return stripeConfig(env) ? "stripe" : "sandbox";
}

export function paymentProvider(ctx: ServiceContext): PaymentProvider {
  const stripe = stripeConfig(ctx.env);
  return stripe ? createStripeProvider(stripe) : createSandboxProvider(ctx);
}
