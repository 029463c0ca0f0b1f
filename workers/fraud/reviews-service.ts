// The admin review queue: list held payments by status, approve or reject one (audited, announced as an event).
import { and, asc, desc, eq } from "drizzle-orm";
import { fraudReviews } from "../../db/schema";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, oldestFirstAfter, toPage } from "../platform/cursor";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { isId } from "../platform/ids";
import type { Currency, Money } from "../platform/money";
import type { RiskReason } from "./rules";

export type ReviewStatus = (typeof fraudReviews.$inferSelect)["status"];

export interface ReviewView {
  id: string;
  status: ReviewStatus;
  userId: string;
  kind: string;
  amount: Money;
  subjectType: string;
  subjectId: string;
  score: number;
  reasons: RiskReason[];
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

function toView(row: typeof fraudReviews.$inferSelect): ReviewView {
  return {
    id: row.id,
    status: row.status,
    userId: row.userId,
    kind: row.kind,
    amount: { amount: row.amountMinor, currency: row.currency as Currency },
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    score: row.score,
    reasons: row.reasons,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    note: row.note,
  };
}

/** Pending reviews are a queue (oldest first, so nothing waits forever); decided ones are history (newest first). */
export async function listReviews(ctx: ServiceContext, query: { status: ReviewStatus; limit: number; cursor?: string | undefined }): Promise<{ items: ReviewView[]; nextCursor: string | null }> {
  const queue = query.status === "pending";
  const direction = queue ? asc : desc;
  const after = (queue ? oldestFirstAfter : newestFirstAfter)(fraudReviews.createdAt, fraudReviews.id, query.cursor);
  const rows = await ctx.db.orm
    .select()
    .from(fraudReviews)
    .where(and(eq(fraudReviews.status, query.status), after))
    .orderBy(direction(fraudReviews.createdAt), direction(fraudReviews.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}

/** Approves or rejects a pending review: 404 for an unknown id, 409 REVIEW_ALREADY_DECIDED once decided. */
export async function decideReview(ctx: ServiceContext, admin: AuthContext, reviewId: string, status: "approved" | "rejected", note: string | undefined): Promise<ReviewView> {
  if (!isId("fraudReview", reviewId)) throw new AppError("NOT_FOUND", "No such review.");
  return inTransaction(ctx, async (scope) => {
    const [decided] = await scope.tx
      .update(fraudReviews)
      .set({ status, decidedAt: ctx.now(), decidedBy: admin.userId, note: note ?? null })
      .where(and(eq(fraudReviews.id, reviewId), eq(fraudReviews.status, "pending")))
      .returning();
    if (!decided) {
      const [existing] = await scope.tx.select({ status: fraudReviews.status }).from(fraudReviews).where(eq(fraudReviews.id, reviewId));
      if (!existing) throw new AppError("NOT_FOUND", "No such review.");
      throw new AppError("REVIEW_ALREADY_DECIDED", `This review was already ${existing.status}.`, { extra: { reviewStatus: existing.status } });
    }
    await scope.audit({
      actorId: admin.userId,
      action: `fraud.review_${status}`,
      subjectType: "fraud_review",
      subjectId: reviewId,
      details: { userId: decided.userId, subjectType: decided.subjectType, subjectId: decided.subjectId, amount: { amount: decided.amountMinor, currency: decided.currency }, score: decided.score, note: note ?? null },
    });
    await scope.emit("fraud.review_decided", { reviewId, userId: decided.userId, subjectType: decided.subjectType, subjectId: decided.subjectId, status });
    return toView(decided);
  });
}
