// Card payments through the configured provider: charge, settle into the payer's wallet, finish a 3-D Secure step, and record failures.
import { and, eq, isNull, sql } from "drizzle-orm";
import { payments, type PaymentStatus } from "../../db/schema";
import { postTransfer } from "../ledger/service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import type { Queryable } from "../platform/db";
import { AppError } from "../platform/errors";
import { inTransaction, type TxScope } from "../platform/events";
import { newId } from "../platform/ids";
import { isCurrency, money, type Money } from "../platform/money";
import { paymentProvider, type ChargeOutcome, type ProviderNextAction } from "./provider";
import { reportCardOutcome } from "./screening";

export type PaymentRow = typeof payments.$inferSelect;

export interface ChargeCardInput {
  userId: string;
  amount: Money;
  paymentMethod: string;
  /** What is being paid, e.g. `deposit:<id>` or `order:<id>`: a reference that already has a succeeded payment is not charged again. */
  reference: string;
  purpose: "deposit" | "order";
  orderId?: string | undefined;
}

/** What the payer's browser does next: post to confirmUrl (sandbox 3-D Secure), or hand clientSecret to Stripe.js. */
export type NextAction = { type: "sandbox_confirm"; confirmUrl: string } | { type: "use_stripe_sdk"; clientSecret: string };

export interface PaymentView {
  id: string;
  status: PaymentStatus;
  amount: Money;
  purpose: "deposit" | "order";
  orderId: string | null;
  nextAction?: NextAction;
  declineCode?: string;
  createdAt: string;
}

function rowMoney(row: PaymentRow): Money {
  if (!isCurrency(row.currency)) throw new Error(`invariant failed: payment ${row.id} has currency ${row.currency}`);
  return money(row.amountMinor, row.currency);
}

function nextActionFor(paymentId: string, action: ProviderNextAction): NextAction {
  return action.type === "sandbox_3ds" ? { type: "sandbox_confirm", confirmUrl: `/v1/payments/${paymentId}/confirm` } : action;
}

export function paymentView(row: PaymentRow, action?: ProviderNextAction): PaymentView {
  return {
    id: row.id,
    status: row.status,
    amount: rowMoney(row),
    purpose: row.purpose,
    orderId: row.orderId,
    ...(row.status === "requires_action" && action ? { nextAction: nextActionFor(row.id, action) } : {}),
    ...(row.declineCode ? { declineCode: row.declineCode } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function findPayment(q: Queryable, paymentId: string): Promise<PaymentRow | undefined> {
  return (await q.select().from(payments).where(eq(payments.id, paymentId)))[0];
}

function declined(row: PaymentRow, message: string): AppError {
  return new AppError("PAYMENT_DECLINED", message, { extra: { declineCode: row.declineCode, paymentId: row.id } });
}

/** Applies the provider's answer to a payment still `processing` or `requires_action`; a row already final is left as it is. */
async function recordOutcome(scope: TxScope, ctx: ServiceContext, paymentId: string, outcome: ChargeOutcome, source: string): Promise<PaymentRow> {
  const [row] = await scope.tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
  if (!row) throw new Error(`invariant failed: payment ${paymentId} vanished`);
  if (row.status === "succeeded" || row.status === "failed") return row; // a webhook got there first
  const status: PaymentStatus = outcome.status === "declined" ? "failed" : outcome.status;
  const [updated] = await scope.tx
    .update(payments)
    .set({ status, providerRef: outcome.providerRef ?? row.providerRef, declineCode: outcome.status === "declined" ? outcome.declineCode : null, updatedAt: ctx.now() })
    .where(eq(payments.id, paymentId))
    .returning();
  await scope.audit({
    actorId: row.userId,
    action: `payment.${status}`,
    subjectType: "payment",
    subjectId: row.id,
    details: { amountMinor: row.amountMinor, currency: row.currency, purpose: row.purpose, orderId: row.orderId, provider: row.provider, providerRef: outcome.providerRef, source, ...(outcome.status === "declined" ? { declineCode: outcome.declineCode } : {}) },
  });
  return updated!;
}

/**
 * Charges a card (docs/money.md, Payments contract). Records the payment row; does not post to the ledger — the caller
 * settles a succeeded payment with settleCardPayment in its own transaction. Declined → PAYMENT_DECLINED (402) with
 * `declineCode` and `paymentId` in the problem body; the failed attempt stays recorded. `requires_action` → the payer
 * finishes 3-D Secure, and the payment settles on confirm or webhook (emitting payment.succeeded).
 */
export async function chargeCard(ctx: ServiceContext, input: ChargeCardInput): Promise<{ payment: PaymentView }> {
  const [done] = await ctx.db.orm
    .select()
    .from(payments)
    .where(and(eq(payments.reference, input.reference), eq(payments.status, "succeeded")))
    .limit(1);
  if (done) return { payment: paymentView(done) };

  const provider = paymentProvider(ctx);
  const now = ctx.now();
  const id = newId("payment", now.getTime());
  // Written before the provider is called: the row's id is the provider's idempotency key, so nothing is ever charged unrecorded.
  const [claimed] = await ctx.db.orm
    .insert(payments)
    .values({
      id,
      userId: input.userId,
      provider: provider.name,
      purpose: input.purpose,
      orderId: input.orderId ?? null,
      reference: input.reference,
      amountMinor: input.amount.amount,
      currency: input.amount.currency,
      paymentMethod: input.paymentMethod,
      status: "processing",
      createdAt: now,
      updatedAt: now,
    })
    // One live (not failed) payment per reference: a second charge for the same thing while one is under way is refused.
    .onConflictDoNothing({ target: payments.reference, where: sql`${payments.status} <> 'failed'` })
    .returning({ id: payments.id });
  if (!claimed) throw new AppError("PAYMENT_STATE_CONFLICT", "A payment for this is already under way; finish or abandon it first.");
  let outcome: ChargeOutcome;
  try {
    outcome = await provider.charge({
      paymentId: id,
      amount: input.amount,
      paymentMethod: input.paymentMethod,
      description: input.purpose === "deposit" ? "Mnbara wallet top-up" : `Mnbara order ${input.orderId ?? ""}`.trim(),
      metadata: { paymentId: id, userId: input.userId, purpose: input.purpose, ...(input.orderId ? { orderId: input.orderId } : {}) },
    });
  } catch (error) {
    // The provider refused the request itself (bad payment method): nothing happened there, so nothing stays here.
    // Any other failure leaves the row `processing`; Stripe's webhook (metadata.paymentId) settles or fails it later.
    if (error instanceof AppError && error.status < 500) await ctx.db.orm.delete(payments).where(and(eq(payments.id, id), eq(payments.status, "processing")));
    throw error;
  }
  const row = await inTransaction(ctx, (scope) => recordOutcome(scope, ctx, id, outcome, "charge"));
  if (row.status !== "requires_action") await reportCardOutcome(ctx, { userId: input.userId, paymentMethod: input.paymentMethod, succeeded: row.status === "succeeded" });
  if (row.status === "failed") throw declined(row, outcome.status === "declined" ? outcome.message : "The payment was declined.");
  return { payment: paymentView(row, outcome.status === "requires_action" ? outcome.nextAction : undefined) };
}

/**
 * Posts the deposit transfer of a succeeded payment (provider_clearing −X, payer's available +X, reference
 * `payment:<id>`) in the caller's transaction. Idempotent: settling again moves nothing and returns the same transfer.
 */
export async function settleCardPayment(scope: TxScope, ctx: ServiceContext, paymentId: string): Promise<{ transferId: string; replayed: boolean }> {
  const [row] = await scope.tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "No such payment.");
  if (row.status !== "succeeded") throw new AppError("PAYMENT_STATE_CONFLICT", `Payment ${paymentId} is ${row.status}; only a succeeded payment settles.`);
  const amount = rowMoney(row);
  const transfer = await postTransfer(scope, ctx, {
    kind: "deposit",
    reference: `payment:${row.id}`,
    postings: [
      { account: { kind: "provider_clearing", ownerId: row.provider, currency: amount.currency }, amount: -amount.amount },
      { account: { kind: "user_available", ownerId: row.userId, currency: amount.currency }, amount: amount.amount },
    ],
    memo: row.purpose === "deposit" ? "Card top-up" : `Card payment for order ${row.orderId ?? ""}`.trim(),
    actorId: row.userId,
  });
  if (!row.settledAt) {
    await scope.tx.update(payments).set({ settledAt: ctx.now() }).where(and(eq(payments.id, row.id), isNull(payments.settledAt)));
    await scope.audit({ actorId: row.userId, action: "payment.settled", subjectType: "payment", subjectId: row.id, details: { transferId: transfer.id, amountMinor: amount.amount, currency: amount.currency } });
  }
  return { transferId: transfer.id, replayed: transfer.replayed };
}

/** Settles a succeeded payment and tells the rest of the platform (orders pay the order from the wallet on payment.succeeded). */
async function settleAndAnnounce(scope: TxScope, ctx: ServiceContext, paymentId: string): Promise<PaymentRow> {
  await settleCardPayment(scope, ctx, paymentId);
  const row = (await findPayment(scope.tx, paymentId))!;
  await scope.emit("payment.succeeded", {
    paymentId: row.id,
    userId: row.userId,
    amount: rowMoney(row),
    purpose: row.purpose,
    ...(row.orderId ? { orderId: row.orderId } : {}),
  });
  return row;
}

/**
 * A payment that needed the payer's action (or whose charge answer was lost) has succeeded — sandbox confirm, Stripe
 * webhook or refresh: settle it and announce it, once. A payment that already succeeded is left alone: the request
 * that charged it settles it (or, if that request died, the reconcile cron does), so it is never announced twice.
 */
export async function completeDeferredPayment(scope: TxScope, ctx: ServiceContext, paymentId: string, outcome: ChargeOutcome & { status: "succeeded" }, source: string): Promise<PaymentRow> {
  const before = (await scope.tx.select().from(payments).where(eq(payments.id, paymentId)).for("update"))[0];
  if (!before) throw new Error(`invariant failed: payment ${paymentId} vanished`);
  if (before.status === "succeeded") return before;
  // A payment marked failed can still succeed at the provider (a late 3-D Secure completion): the provider is the truth.
  if (before.status === "failed") await scope.tx.update(payments).set({ status: "requires_action", declineCode: null }).where(eq(payments.id, paymentId));
  await recordOutcome(scope, ctx, paymentId, outcome, source);
  return settleAndAnnounce(scope, ctx, paymentId);
}

/** Cron: a payment that succeeded at once but whose request died before settling it. False when it was settled meanwhile. */
export async function settleStrandedPayment(scope: TxScope, ctx: ServiceContext, paymentId: string): Promise<boolean> {
  const [row] = await scope.tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
  if (row?.status !== "succeeded" || row.settledAt) return false;
  await settleAndAnnounce(scope, ctx, paymentId);
  return true;
}

/** The provider says the payment failed after all (3-D Secure refused, Stripe payment_failed). */
export async function failDeferredPayment(scope: TxScope, ctx: ServiceContext, paymentId: string, outcome: ChargeOutcome & { status: "declined" }, source: string): Promise<PaymentRow> {
  return recordOutcome(scope, ctx, paymentId, outcome, source);
}

/**
 * POST /v1/payments/:id/confirm — the payer only (anyone else: 404). After the payer finished the provider's next
 * action: asks the provider for the payment's state and settles it if it succeeded. Confirming a succeeded payment
 * again returns it unchanged; a failed or still-processing one is 409.
 */
export async function confirmPayment(ctx: ServiceContext, auth: AuthContext, paymentId: string): Promise<PaymentView> {
  const row = await findPayment(ctx.db.orm, paymentId);
  if (!row || row.userId !== auth.userId) throw new AppError("NOT_FOUND", "No such payment.");
  if (row.status === "succeeded") return paymentView(row);
  if (row.status !== "requires_action" || !row.providerRef) throw new AppError("PAYMENT_STATE_CONFLICT", `This payment is ${row.status}; there is nothing to confirm.`);
  const provider = paymentProvider(ctx);
  if (provider.name !== row.provider) throw new AppError("PAYMENT_STATE_CONFLICT", `This payment was made through ${row.provider}, which this deployment no longer uses.`);
  const outcome = await provider.refresh(row.providerRef);
  if (outcome.status === "requires_action") return paymentView(row, outcome.nextAction);
  const updated = await inTransaction(ctx, (scope) =>
    outcome.status === "succeeded" ? completeDeferredPayment(scope, ctx, row.id, outcome, "confirm") : failDeferredPayment(scope, ctx, row.id, outcome, "confirm"),
  );
  await reportCardOutcome(ctx, { userId: row.userId, paymentMethod: row.paymentMethod, succeeded: updated.status === "succeeded" });
  if (updated.status === "failed") throw declined(updated, outcome.status === "declined" ? outcome.message : "The payment was declined.");
  return paymentView(updated);
}
