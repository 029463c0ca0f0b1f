// Cron: card payments that succeeded but were never settled (the request died between the charge and the settle) are settled late, so no charged money goes missing.
import { and, asc, eq, isNull, lt } from "drizzle-orm";
import { deposits, payments } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { inTransaction } from "../platform/events";
import { PAYMENT_RECONCILE_BATCH_SIZE, PAYMENT_RECONCILE_GRACE_SECONDS } from "../platform/limits";
import { errorFields } from "../platform/logger";
import { settleStrandedPayment } from "./card-payments";

const DEPOSIT_REFERENCE = /^deposit:(dep_[0-9A-Z]+)$/;

/**
 * Settles each stranded payment into its payer's wallet and emits payment.succeeded (orders then pay the order from
 * the wallet if it is still payable). A deposit whose row was never written gets it back from the payment's reference.
 * Each payment in its own transaction: one that fails is logged and retried next run, the others go on.
 */
export async function settleStrandedPayments(ctx: ServiceContext): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - PAYMENT_RECONCILE_GRACE_SECONDS * 1000);
  const stranded = await ctx.db.orm
    .select()
    .from(payments)
    .where(and(eq(payments.status, "succeeded"), isNull(payments.settledAt), lt(payments.updatedAt, cutoff)))
    .orderBy(asc(payments.updatedAt))
    .limit(PAYMENT_RECONCILE_BATCH_SIZE);
  let settled = 0;
  for (const payment of stranded) {
    try {
      const settledNow = await inTransaction(ctx, async (scope) => {
        if (!(await settleStrandedPayment(scope, ctx, payment.id))) return false;
        const depositId = DEPOSIT_REFERENCE.exec(payment.reference)?.[1];
        if (payment.purpose === "deposit" && depositId) {
          await scope.tx
            .insert(deposits)
            .values({ id: depositId, userId: payment.userId, paymentId: payment.id, amountMinor: payment.amountMinor, currency: payment.currency, createdAt: payment.createdAt })
            .onConflictDoNothing();
        }
        return true;
      });
      if (settledNow) settled++;
    } catch (error) {
      ctx.log.error("could not settle a stranded card payment; the next run retries", { paymentId: payment.id, ...errorFields(error) });
    }
  }
  return settled;
}
