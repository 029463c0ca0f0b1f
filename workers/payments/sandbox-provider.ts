// The local sandbox provider: test payment methods with fixed outcomes, a 3-D Secure step, instant payouts; its state lives in its own tables.
import { and, eq } from "drizzle-orm";
import { sandboxPaymentIntents, sandboxTransfers } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import type { ChargeOutcome, PaymentProvider } from "./provider";

type TestOutcome = { status: "succeeded" } | { status: "requires_action" } | { status: "declined"; declineCode: string; message: string };

/** The sandbox's cards, as Stripe's test payment methods behave; what GET /v1/payments/config lists for the web checkout. */
export const SANDBOX_TEST_PAYMENT_METHODS: readonly { id: string; description: string; outcome: TestOutcome }[] = [
  { id: "pm_card_visa", description: "Visa: succeeds", outcome: { status: "succeeded" } },
  { id: "pm_card_declined", description: "Declined by the issuer (generic_decline)", outcome: { status: "declined", declineCode: "generic_decline", message: "Your card was declined." } },
  {
    id: "pm_card_insufficient_funds",
    description: "Declined: insufficient funds",
    outcome: { status: "declined", declineCode: "insufficient_funds", message: "Your card has insufficient funds." },
  },
  { id: "pm_card_threeDSecure2Required", description: "Needs a 3-D Secure confirmation, then succeeds", outcome: { status: "requires_action" } },
];

function testOutcome(paymentMethod: string): TestOutcome {
  const method = SANDBOX_TEST_PAYMENT_METHODS.find((candidate) => candidate.id === paymentMethod);
  if (!method) {
    throw new AppError("VALIDATION_FAILED", "The sandbox accepts only its test payment methods.", {
      errors: [{ path: "paymentMethod", message: `one of ${SANDBOX_TEST_PAYMENT_METHODS.map((candidate) => candidate.id).join(", ")}` }],
    });
  }
  return method.outcome;
}

type IntentRow = typeof sandboxPaymentIntents.$inferSelect;

function outcomeOf(row: IntentRow): ChargeOutcome {
  if (row.status === "succeeded") return { status: "succeeded", providerRef: row.id };
  if (row.status === "requires_action") return { status: "requires_action", providerRef: row.id, nextAction: { type: "sandbox_3ds" } };
  const method = SANDBOX_TEST_PAYMENT_METHODS.find((candidate) => candidate.id === row.paymentMethod)?.outcome;
  return { status: "declined", providerRef: row.id, declineCode: row.declineCode ?? "generic_decline", message: method?.status === "declined" ? method.message : "Your card was declined." };
}

/**
 * Writes go through the request's own connection outside any transaction, as a call to an outside provider would:
 * callers never hold a transaction open across a provider call.
 */
export function createSandboxProvider(ctx: ServiceContext): PaymentProvider {
  const db = ctx.db.orm;
  return {
    name: "sandbox",
    payoutAccountType: "bank_account",

    async charge(request) {
      const outcome = testOutcome(request.paymentMethod);
      const now = ctx.now();
      // Keyed by our payment id, like Stripe's Idempotency-Key: the same call again returns the first intent.
      const [inserted] = await db
        .insert(sandboxPaymentIntents)
        .values({
          id: newId("sandboxPaymentIntent"),
          idempotencyKey: request.paymentId,
          amountMinor: request.amount.amount,
          currency: request.amount.currency,
          paymentMethod: request.paymentMethod,
          status: outcome.status,
          declineCode: outcome.status === "declined" ? outcome.declineCode : null,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: sandboxPaymentIntents.idempotencyKey })
        .returning();
      const row = inserted ?? (await db.select().from(sandboxPaymentIntents).where(eq(sandboxPaymentIntents.idempotencyKey, request.paymentId)))[0];
      if (!row) throw new Error(`invariant failed: sandbox intent for ${request.paymentId} vanished`);
      return outcomeOf(row);
    },

    async refresh(providerRef) {
      // The payer passed the simulated 3-D Secure challenge: an intent waiting for it succeeds; any other is unchanged.
      const [updated] = await db
        .update(sandboxPaymentIntents)
        .set({ status: "succeeded", updatedAt: ctx.now() })
        .where(and(eq(sandboxPaymentIntents.id, providerRef), eq(sandboxPaymentIntents.status, "requires_action")))
        .returning();
      const row = updated ?? (await db.select().from(sandboxPaymentIntents).where(eq(sandboxPaymentIntents.id, providerRef)))[0];
      if (!row) throw new Error(`invariant failed: no sandbox intent ${providerRef}`);
      return outcomeOf(row);
    },

    async payout(request) {
      const [inserted] = await db
        .insert(sandboxTransfers)
        .values({
          id: newId("sandboxTransfer"),
          idempotencyKey: request.withdrawalId,
          amountMinor: request.amount.amount,
          currency: request.amount.currency,
          destination: request.destination.label,
          createdAt: ctx.now(),
        })
        .onConflictDoNothing({ target: sandboxTransfers.idempotencyKey })
        .returning({ id: sandboxTransfers.id });
      const id = inserted?.id ?? (await db.select({ id: sandboxTransfers.id }).from(sandboxTransfers).where(eq(sandboxTransfers.idempotencyKey, request.withdrawalId)))[0]?.id;
      if (!id) throw new Error(`invariant failed: sandbox transfer for ${request.withdrawalId} vanished`);
      return { providerRef: id };
    },
  };
}
