// Wallet top-ups by card: charge through the provider, then record the deposit and settle it into the payer's available balance.
import { deposits } from "../../db/schema";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import type { Money } from "../platform/money";
import { chargeCard, settleCardPayment, type PaymentView } from "./card-payments";
import { screenPayment } from "./screening";

export interface DepositView {
  id: string;
  /** The payment's status: succeeded (credited), requires_action (the payer must confirm), processing. */
  status: PaymentView["status"];
  amount: Money;
  payment: Pick<PaymentView, "id" | "status" | "nextAction">;
  createdAt: string;
}

/**
 * POST /v1/wallet/deposits. A declined card is 402 PAYMENT_DECLINED and nothing is credited or recorded as a deposit.
 * `requestKey` (the Idempotency-Key) names the attempt for the fraud review, so an approved review lets its retry through.
 */
export async function createDeposit(ctx: ServiceContext, auth: AuthContext, input: { amount: Money; paymentMethod: string }, requestKey: string): Promise<DepositView> {
  await screenPayment(ctx, { userId: auth.userId, amount: input.amount, kind: "deposit", paymentMethod: input.paymentMethod, subjectType: "deposit_request", subjectId: `${auth.userId}:${requestKey}` });
  const id = newId("deposit");
  const { payment } = await chargeCard(ctx, { userId: auth.userId, amount: input.amount, paymentMethod: input.paymentMethod, reference: `deposit:${id}`, purpose: "deposit" });
  const createdAt = ctx.now();
  await inTransaction(ctx, async (scope) => {
    await scope.tx.insert(deposits).values({ id, userId: auth.userId, paymentId: payment.id, amountMinor: input.amount.amount, currency: input.amount.currency, createdAt });
    if (payment.status === "succeeded") await settleCardPayment(scope, ctx, payment.id);
    await scope.audit({ actorId: auth.userId, action: "deposit.created", subjectType: "deposit", subjectId: id, details: { paymentId: payment.id, status: payment.status, amountMinor: input.amount.amount, currency: input.amount.currency } });
  });
  return {
    id,
    status: payment.status,
    amount: input.amount,
    payment: { id: payment.id, status: payment.status, ...(payment.nextAction ? { nextAction: payment.nextAction } : {}) },
    createdAt: createdAt.toISOString(),
  };
}
