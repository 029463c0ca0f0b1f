// The fraud domain's checks as payments uses them: screen a money movement before it happens, report how card payments ended.
import { assessPayment, enforceAssessment, recordPaymentOutcome } from "../fraud/service";
import type { ServiceContext } from "../platform/context";
import { errorFields } from "../platform/logger";
import type { Money } from "../platform/money";

export interface ScreenInput {
  userId: string;
  amount: Money;
  kind: "deposit" | "withdrawal";
  paymentMethod?: string | undefined;
  /** Stable across retries of one request (docs/money.md: an approved review lets the same subject through on retry). */
  subjectType: string;
  subjectId: string;
}

/** review → 409 PAYMENT_UNDER_REVIEW (reviewId in the body); block → 422 PAYMENT_BLOCKED; allow → nothing. */
export async function screenPayment(ctx: ServiceContext, input: ScreenInput): Promise<void> {
  enforceAssessment(await assessPayment(ctx, input));
}

/**
 * Feeds the failed-payment and velocity rules; the client's IP is the request's. A signal, not a money movement: if it
 * cannot be written the payment still stands (the charge already happened), so the failure is logged, not thrown.
 */
export async function reportCardOutcome(ctx: ServiceContext, input: { userId: string; paymentMethod: string; succeeded: boolean }): Promise<void> {
  try {
    await recordPaymentOutcome(ctx, { ...input, ip: ctx.client.ip });
  } catch (error) {
    ctx.log.error("could not record a card payment outcome for the fraud rules", { userId: input.userId, succeeded: input.succeeded, ...errorFields(error) });
  }
}
