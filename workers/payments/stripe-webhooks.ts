// Stripe's webhook: verify the signature, handle each event id once, and move our payments as the PaymentIntents move.
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { payments, stripeWebhookEvents } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction, type TxScope } from "../platform/events";
import { completeDeferredPayment, failDeferredPayment } from "./card-payments";
import { stripeConfig, verifyStripeWebhook } from "./stripe-provider";

/** Ours by the id we put in its metadata (it may arrive before we stored the PaymentIntent's id), else by that id. */
async function paymentFor(scope: TxScope, intent: Stripe.PaymentIntent): Promise<string | null> {
  const byMetadata = intent.metadata?.paymentId;
  const [row] = await scope.tx
    .select({ id: payments.id })
    .from(payments)
    .where(byMetadata ? and(eq(payments.id, byMetadata), eq(payments.provider, "stripe")) : and(eq(payments.provider, "stripe"), eq(payments.providerRef, intent.id)));
  return row?.id ?? null;
}

async function handleEvent(scope: TxScope, ctx: ServiceContext, event: Stripe.Event): Promise<void> {
  if (event.type !== "payment_intent.succeeded" && event.type !== "payment_intent.payment_failed") return; // acknowledged, nothing to do
  const intent = event.data.object;
  const paymentId = await paymentFor(scope, intent);
  if (!paymentId) {
    ctx.log.warn("Stripe webhook for a PaymentIntent that is not ours", { eventId: event.id, paymentIntent: intent.id });
    return;
  }
  const source = `webhook:${event.id}`;
  if (event.type === "payment_intent.succeeded") {
    await completeDeferredPayment(scope, ctx, paymentId, { status: "succeeded", providerRef: intent.id }, source);
    return;
  }
  const error = intent.last_payment_error;
  await failDeferredPayment(scope, ctx, paymentId, { status: "declined", providerRef: intent.id, declineCode: error?.decline_code ?? error?.code ?? "payment_failed", message: error?.message ?? "The payment failed." }, source);
}

/**
 * POST /v1/payments/webhooks/stripe. 404 when Stripe is not configured; 400 WEBHOOK_SIGNATURE_INVALID for a forged,
 * altered or stale delivery. Each event id is handled once: the id is stored in the same transaction as its effects,
 * so a redelivery (Stripe retries until it sees a 2xx) changes nothing, and a failure rolls both back for the retry.
 */
export async function handleStripeWebhook(ctx: ServiceContext, rawBody: string, signature: string | undefined): Promise<{ received: true; duplicate: boolean }> {
  const config = stripeConfig(ctx.env);
  if (!config?.webhookSecret) throw new AppError("NOT_FOUND", "Stripe webhooks are not configured here.");
  const event = await verifyStripeWebhook(config, rawBody, signature, ctx.now().getTime());
  return inTransaction(ctx, async (scope) => {
    const [fresh] = await scope.tx
      .insert(stripeWebhookEvents)
      .values({ eventId: event.id, type: event.type, livemode: event.livemode, receivedAt: ctx.now() })
      .onConflictDoNothing({ target: stripeWebhookEvents.eventId })
      .returning({ eventId: stripeWebhookEvents.eventId });
    if (!fresh) return { received: true, duplicate: true };
    await handleEvent(scope, ctx, event);
    return { received: true, duplicate: false };
  });
}
