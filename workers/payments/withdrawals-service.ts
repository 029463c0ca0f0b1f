// Withdrawals: debit the wallet first, pay out through the provider, and put the money back if the provider refuses.
import { eq } from "drizzle-orm";
import { withdrawals } from "../../db/schema";
import { postTransfer, type Posting } from "../ledger/service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import type { Money } from "../platform/money";
import { payoutDestination } from "./payout-accounts";
import { paymentProvider } from "./provider";
import { screenPayment } from "./screening";

type WithdrawalRow = typeof withdrawals.$inferSelect;

export interface WithdrawalView {
  id: string;
  status: WithdrawalRow["status"];
  amount: Money;
  destination: { type: WithdrawalRow["destinationType"]; label: string };
  failureReason?: string;
  createdAt: string;
}

function view(row: WithdrawalRow, amount: Money): WithdrawalView {
  return {
    id: row.id,
    status: row.status,
    amount,
    destination: { type: row.destinationType, label: row.destinationLabel },
    ...(row.failureReason ? { failureReason: row.failureReason } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

/** user_available −X, provider_clearing +X; the reversal is the mirror image. */
function withdrawalPostings(userId: string, provider: string, amount: Money, sign: 1 | -1): Posting[] {
  return [
    { account: { kind: "user_available", ownerId: userId, currency: amount.currency }, amount: -sign * amount.amount },
    { account: { kind: "provider_clearing", ownerId: provider, currency: amount.currency }, amount: sign * amount.amount },
  ];
}

/**
 * POST /v1/wallet/withdrawals, as explicit steps:
 * 1. a payout account that this provider can pay to (else 422 PAYOUT_ACCOUNT_REQUIRED), and the fraud screen;
 * 2. the debit (reference withdrawal:<id>) and the withdrawal row in one transaction — short of funds → 422
 *    INSUFFICIENT_FUNDS and nothing written; debiting first means the money cannot be spent twice while it is in flight;
 * 3. the payout (idempotency key = the withdrawal id). Paid → `paid`. A definite refusal (PAYOUT_FAILED) is undone by
 *    the reversal (withdrawal:<id>:reversal) → `failed`, and the 422 is returned. An unknown outcome (provider down, a
 *    timeout) leaves it `processing`: the money may be on its way, so it is not put back blindly.
 */
export async function createWithdrawal(ctx: ServiceContext, auth: AuthContext, amount: Money, requestKey: string): Promise<WithdrawalView> {
  const provider = paymentProvider(ctx);
  const destination = await payoutDestination(ctx, auth.userId, provider.payoutAccountType);
  await screenPayment(ctx, { userId: auth.userId, amount, kind: "withdrawal", subjectType: "withdrawal_request", subjectId: `${auth.userId}:${requestKey}` });

  const id = newId("withdrawal");
  const now = ctx.now();
  await inTransaction(ctx, async (scope) => {
    await scope.tx.insert(withdrawals).values({
      id,
      userId: auth.userId,
      provider: provider.name,
      amountMinor: amount.amount,
      currency: amount.currency,
      destinationType: destination.type,
      destinationLabel: destination.label,
      status: "processing",
      createdAt: now,
      updatedAt: now,
    });
    await postTransfer(scope, ctx, { kind: "withdrawal", reference: `withdrawal:${id}`, postings: withdrawalPostings(auth.userId, provider.name, amount, 1), memo: `Withdrawal to ${destination.label}`, actorId: auth.userId });
    await scope.audit({ actorId: auth.userId, action: "withdrawal.requested", subjectType: "withdrawal", subjectId: id, details: { amountMinor: amount.amount, currency: amount.currency, destination: destination.label, provider: provider.name } });
  });

  let providerRef: string;
  try {
    ({ providerRef } = await provider.payout({ withdrawalId: id, amount, destination, metadata: { withdrawalId: id, userId: auth.userId } }));
  } catch (error) {
    if (error instanceof AppError && error.code === "PAYOUT_FAILED") {
      await inTransaction(ctx, async (scope) => {
        await postTransfer(scope, ctx, { kind: "withdrawal", reference: `withdrawal:${id}:reversal`, postings: withdrawalPostings(auth.userId, provider.name, amount, -1), memo: "Payout refused: returned to the wallet", actorId: null });
        await scope.tx.update(withdrawals).set({ status: "failed", failureReason: error.message, updatedAt: ctx.now() }).where(eq(withdrawals.id, id));
        await scope.audit({ actorId: null, action: "withdrawal.failed", subjectType: "withdrawal", subjectId: id, details: { reason: error.message } });
      });
    }
    throw error;
  }
  const row = await inTransaction(ctx, async (scope) => {
    const [paid] = await scope.tx.update(withdrawals).set({ status: "paid", providerRef, updatedAt: ctx.now() }).where(eq(withdrawals.id, id)).returning();
    await scope.audit({ actorId: null, action: "withdrawal.paid", subjectType: "withdrawal", subjectId: id, details: { providerRef } });
    return paid!;
  });
  return view(row, amount);
}
