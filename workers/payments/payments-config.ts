// What the web checkout needs to take a card here: which provider, Stripe's publishable key, or the sandbox's test payment methods.
import type { AppEnv } from "../env";
import { paymentProviderName } from "./provider";
import { SANDBOX_TEST_PAYMENT_METHODS } from "./sandbox-provider";
import { stripeConfig } from "./stripe-provider";

export type PaymentsConfig =
  | { provider: "stripe"; publishableKey?: string }
  | { provider: "sandbox"; testPaymentMethods: { id: string; description: string }[] };

export function paymentsConfig(env: AppEnv): PaymentsConfig {
  if (paymentProviderName(env) === "stripe") {
    const publishableKey = stripeConfig(env)?.publishableKey;
    return { provider: "stripe", ...(publishableKey ? { publishableKey } : {}) };
  }
  return { provider: "sandbox", testPaymentMethods: SANDBOX_TEST_PAYMENT_METHODS.map(({ id, description }) => ({ id, description })) };
}
