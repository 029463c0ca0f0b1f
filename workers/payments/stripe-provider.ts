// Stripe behind the provider interface: PaymentIntents (confirmed and captured at once), Connect transfers for payouts, webhook verification.
import Stripe from "stripe";
import type { AppEnv } from "../env";
import { AppError } from "../platform/errors";
import { STRIPE_MAX_NETWORK_RETRIES, STRIPE_TIMEOUT_MS, STRIPE_WEBHOOK_TOLERANCE_SECONDS } from "../platform/limits";
import type { ChargeOutcome, PaymentProvider } from "./provider";

/** Pinned, so an SDK upgrade that moves the API version is a deliberate change (the contract test checks the header). */
export const STRIPE_API_VERSION = "2026-10-28.endive" satisfies Stripe.LatestApiVersion;

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string | null;
  publishableKey: string | null;
  /** Only in dev and tests: where the API is instead of https://api.stripe.com. */
  apiBase: { host: string; port: number; protocol: "http" | "https" } | null;
}

export function stripeConfig(env: Pick<AppEnv, "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_PUBLISHABLE_KEY" | "STRIPE_API_BASE">): StripeConfig | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET || null,
    publishableKey: env.STRIPE_PUBLISHABLE_KEY || null,
    apiBase: env.STRIPE_API_BASE ? parseApiBase(env.STRIPE_API_BASE) : null,
  };
}

export function parseApiBase(text: string): NonNullable<StripeConfig["apiBase"]> {
  const url = new URL(text);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`STRIPE_API_BASE: ${text} is neither http nor https`);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443, protocol };
}

// One client per isolate and configuration: building one sets up every API resource, which is wasted work per request.
const clients = new Map<string, Stripe>();

function stripeClient(config: StripeConfig): Stripe {
  const cacheKey = `${config.secretKey}|${JSON.stringify(config.apiBase)}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new Stripe(config.secretKey, {
      apiVersion: STRIPE_API_VERSION,
      httpClient: Stripe.createFetchHttpClient(),
      maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES,
      timeout: STRIPE_TIMEOUT_MS,
      telemetry: false,
      ...(config.apiBase ?? {}),
    });
    clients.set(cacheKey, client);
  }
  return client;
}

function outcomeOf(intent: Stripe.PaymentIntent): ChargeOutcome {
  switch (intent.status) {
    case "succeeded":
      return { status: "succeeded", providerRef: intent.id };
    // "processing" (rare for cards) settles by webhook like a 3-D Secure payment; the browser has nothing more to do.
    case "requires_action":
    case "processing":
      return { status: "requires_action", providerRef: intent.id, nextAction: { type: "use_stripe_sdk", clientSecret: intent.client_secret ?? "" } };
    case "requires_payment_method":
    case "canceled": {
      const error = intent.last_payment_error;
      return { status: "declined", providerRef: intent.id, declineCode: error?.decline_code ?? error?.code ?? intent.status, message: error?.message ?? "The payment was not completed." };
    }
    default:
      // requires_confirmation / requires_capture cannot follow a create with confirm=true and automatic capture.
      throw new Error(`invariant failed: PaymentIntent ${intent.id} is ${intent.status}`);
  }
}

/** Stripe's request parameters that come straight from the caller's input, and where they are in our request body. */
const INPUT_PARAMS: Record<string, { path: string; message?: string }> = {
  payment_method: { path: "paymentMethod", message: "unknown or unusable payment method" },
  amount: { path: "amount.amount" },
  currency: { path: "amount.currency" },
};

/** Stripe's errors in our terms: a decline is an outcome; a refused input (unknown card, amount below Stripe's minimum) is the caller's 400; an outage is a 503. */
function chargeFailure(error: unknown): ChargeOutcome {
  if (error instanceof Stripe.errors.StripeCardError) {
    return { status: "declined", providerRef: error.payment_intent?.id ?? null, declineCode: error.decline_code ?? error.code ?? "card_declined", message: error.message };
  }
  const input = error instanceof Stripe.errors.StripeInvalidRequestError && error.param ? INPUT_PARAMS[error.param] : undefined;
  if (input) throw new AppError("VALIDATION_FAILED", "The payment provider refused this input.", { errors: [{ path: input.path, message: input.message ?? (error as Error).message }] });
  throw unavailable(error);
}

function unavailable(error: unknown): unknown {
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError) {
    return new AppError("DEPENDENCY_UNAVAILABLE", "The payment provider is not reachable right now; nothing was charged. Retry shortly.", { headers: { "Retry-After": "5" } });
  }
  return error; // authentication or request-shape errors are our bugs: a logged 500
}

export function createStripeProvider(config: StripeConfig): PaymentProvider {
  const stripe = stripeClient(config);
  return {
    name: "stripe",
    payoutAccountType: "stripe_connect",

    async charge(request) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: request.amount.amount,
            currency: request.amount.currency.toLowerCase(),
            payment_method: request.paymentMethod,
            allowed_payment_method_types: ["card"],
            confirm: true,
            capture_method: "automatic",
            description: request.description,
            metadata: request.metadata,
          },
          { idempotencyKey: request.paymentId },
        );
        return outcomeOf(intent);
      } catch (error) {
        return chargeFailure(error);
      }
    },

    async refresh(providerRef) {
      try {
        return outcomeOf(await stripe.paymentIntents.retrieve(providerRef));
      } catch (error) {
        throw unavailable(error);
      }
    },

    async payout(request) {
      if (request.destination.type !== "stripe_connect") throw new Error("invariant failed: Stripe pays out to Connect accounts only");
      try {
        const transfer = await stripe.transfers.create(
          {
            amount: request.amount.amount,
            currency: request.amount.currency.toLowerCase(),
            destination: request.destination.accountId,
            description: `Mnbara withdrawal ${request.withdrawalId}`,
            metadata: request.metadata,
          },
          { idempotencyKey: request.withdrawalId },
        );
        return { providerRef: transfer.id };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          throw new AppError("PAYOUT_FAILED", `The payout was refused: ${error.message}`, { extra: { providerCode: error.code ?? null } });
        }
        throw unavailable(error);
      }
    },
  };
}

/**
 * Checks the Stripe-Signature header over the raw body (HMAC-SHA256 with the endpoint's secret, timestamp within
 * STRIPE_WEBHOOK_TOLERANCE_SECONDS of `nowMs`) and returns the event; anything else is 400 WEBHOOK_SIGNATURE_INVALID.
 */
export async function verifyStripeWebhook(config: StripeConfig, rawBody: string, signature: string | undefined, nowMs: number): Promise<Stripe.Event> {
  if (!config.webhookSecret) throw new AppError("NOT_FOUND", "Stripe webhooks are not configured here.");
  try {
    return (await Stripe.webhooks.constructEventAsync(
      rawBody,
      signature ?? "",
      config.webhookSecret,
      STRIPE_WEBHOOK_TOLERANCE_SECONDS,
      Stripe.createSubtleCryptoProvider(),
      nowMs,
    )) as Stripe.Event;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new AppError("WEBHOOK_SIGNATURE_INVALID", `The Stripe-Signature header does not verify: ${error.message.split("\n")[0]}`);
    throw new AppError("WEBHOOK_SIGNATURE_INVALID", "The webhook body is not a Stripe event.");
  }
}
