// Fraud checks before money moves: assess a payment (allow, review or block), record payment outcomes, and turn a decision into the caller's error.
import { and, desc, eq } from "drizzle-orm";
import { fraudAttempts, fraudPaymentOutcomes, fraudReviews } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction, type TxScope } from "../platform/events";
import { newId } from "../platform/ids";
import type { Money } from "../platform/money";
import { decisionFor, scorePayment, type FraudDecision, type RiskReason } from "./rules";
import { gatherSignals } from "./signals";

export type PaymentKind = "deposit" | "order_payment" | "withdrawal";

export interface AssessPaymentInput {
  userId: string;
  amount: Money;
  kind: PaymentKind;
  paymentMethod?: string | undefined;
  /** The other party when money goes to someone (the seller of an order): feeds the shared-IP rule. */
  counterpartyId?: string | undefined;
  /** What is being paid (e.g. "order" + order id): an admin's decision on a review applies to retries of this subject. */
  subjectType: string;
  subjectId: string;
}

export interface Assessment {
  decision: FraudDecision;
  score: number;
  reasons: RiskReason[];
  /** Set when the decision came from, or opened, a review. */
  reviewId?: string;
  attemptId: string;
}

type ReviewRow = typeof fraudReviews.$inferSelect;

async function latestReview(ctx: ServiceContext, subjectType: string, subjectId: string): Promise<ReviewRow | undefined> {
  const [row] = await ctx.db.orm
    .select()
    .from(fraudReviews)
    .where(and(eq(fraudReviews.subjectType, subjectType), eq(fraudReviews.subjectId, subjectId)))
    .orderBy(desc(fraudReviews.createdAt), desc(fraudReviews.id))
    .limit(1);
  return row;
}

/**
 * An admin's decision on this subject settles it: rejected stays blocked; approved allows the same payment (same payer,
 * amount and currency — a different amount is a different payment and is scored afresh); pending keeps waiting.
 */
function decisionFromReview(review: ReviewRow | undefined, input: AssessPaymentInput): { decision: FraudDecision; review: ReviewRow; note: RiskReason } | null {
  if (!review || review.userId !== input.userId) return null;
  if (review.status === "rejected") return { decision: "block", review, note: { rule: "review_rejected", points: 0, detail: `review ${review.id} was rejected` } };
  if (review.status === "pending") return { decision: "review", review, note: { rule: "review_pending", points: 0, detail: `review ${review.id} is still pending` } };
  const samePayment = review.amountMinor === input.amount.amount && review.currency === input.amount.currency;
  return samePayment ? { decision: "allow", review, note: { rule: "review_approved", points: 0, detail: `review ${review.id} was approved` } } : null;
}

/** Opens the subject's pending review, or finds the one a concurrent assessment opened first (one pending per subject). */
async function openReview(scope: TxScope, ctx: ServiceContext, input: AssessPaymentInput, attemptId: string, score: number, reasons: RiskReason[]): Promise<string> {
  const id = newId("fraudReview");
  const inserted = await scope.tx
    .insert(fraudReviews)
    .values({
      id,
      attemptId,
      userId: input.userId,
      kind: input.kind,
      amountMinor: input.amount.amount,
      currency: input.amount.currency,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      score,
      reasons,
      status: "pending",
      createdAt: ctx.now(),
    })
    .onConflictDoNothing()
    .returning({ id: fraudReviews.id });
  if (inserted[0]) return inserted[0].id;
  const [pending] = await scope.tx
    .select({ id: fraudReviews.id })
    .from(fraudReviews)
    .where(and(eq(fraudReviews.subjectType, input.subjectType), eq(fraudReviews.subjectId, input.subjectId), eq(fraudReviews.status, "pending")));
  if (!pending) throw new Error("invariant failed: a pending review conflicted but cannot be found");
  return pending.id;
}

/**
 * Scores a payment before any money moves, records the attempt, opens a review when needed and audits every decision
 * that is not allow. Runs its own transaction, so call it BEFORE opening yours: its records must stay when the
 * caller then refuses the payment (and a request holds one database connection, so nesting would wait forever).
 */
export async function assessPayment(ctx: ServiceContext, input: AssessPaymentInput): Promise<Assessment> {
  const signals = await gatherSignals(ctx, input);
  const scored = scorePayment(signals);
  const settled = decisionFromReview(await latestReview(ctx, input.subjectType, input.subjectId), input);
  const decision = settled?.decision ?? decisionFor(scored.score);
  const reasons = settled ? [...scored.reasons, settled.note] : scored.reasons;
  const attemptId = newId("fraudAttempt");

  return inTransaction(ctx, async (scope) => {
    await scope.tx.insert(fraudAttempts).values({
      id: attemptId,
      userId: input.userId,
      kind: input.kind,
      amountMinor: input.amount.amount,
      currency: input.amount.currency,
      paymentMethod: input.paymentMethod ?? null,
      ip: ctx.client.ip,
      counterpartyId: input.counterpartyId ?? null,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      score: scored.score,
      decision,
      reasons,
      at: ctx.now(),
    });
    const reviewId = settled ? settled.review.id : decision === "review" ? await openReview(scope, ctx, input, attemptId, scored.score, reasons) : undefined;
    if (decision !== "allow") {
      await scope.audit({
        actorId: input.userId,
        action: `fraud.${decision}`,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        details: { attemptId, reviewId: reviewId ?? null, kind: input.kind, amount: input.amount, score: scored.score, rules: reasons.map((found) => found.rule) },
      });
    }
    return { decision, score: scored.score, reasons, attemptId, ...(reviewId ? { reviewId } : {}) };
  });
}

/** One line for callers: returns on allow, throws PAYMENT_UNDER_REVIEW (409, with reviewId) or PAYMENT_BLOCKED (422). */
export function enforceAssessment(assessment: Pick<Assessment, "decision" | "reviewId">): void {
  if (assessment.decision === "review") {
    throw new AppError("PAYMENT_UNDER_REVIEW", "This payment is waiting for a manual review. Retry it once the review is approved.", { extra: { reviewId: assessment.reviewId } });
  }
  if (assessment.decision === "block") throw new AppError("PAYMENT_BLOCKED", "This payment was refused by our risk checks.");
}

export interface PaymentOutcome {
  userId: string;
  paymentMethod?: string | undefined;
  ip: string | null;
  succeeded: boolean;
}

/**
 * Records how a payment ended (feeds the failed-payment rule). Pass the caller's TxScope to write inside its
 * transaction; without one it writes on its own (never call it that way while a transaction of yours is open).
 */
export async function recordPaymentOutcome(ctx: ServiceContext, outcome: PaymentOutcome, scope?: TxScope): Promise<void> {
  const row = { id: newId("fraudOutcome"), userId: outcome.userId, paymentMethod: outcome.paymentMethod ?? null, ip: outcome.ip, succeeded: outcome.succeeded, at: ctx.now() };
  await (scope ? scope.tx : ctx.db.orm).insert(fraudPaymentOutcomes).values(row);
}
