// Tables owned by the fraud domain: every payment risk assessment, payment outcomes, and the admin review queue.
import { sql } from "drizzle-orm";
import { bigint, boolean, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** One rule that added points to a score, as stored and shown to admins. */
export interface RiskReason {
  rule: string;
  points: number;
  detail: string;
}

export const FRAUD_DECISIONS = ["allow", "review", "block"] as const;
export const REVIEW_STATUSES = ["pending", "approved", "rejected"] as const;

/** Every assessment, whatever its decision: the velocity rules count these, and allowed amounts are the user's history. */
export const fraudAttempts = pgTable(
  "fraud_attempts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    paymentMethod: text("payment_method"),
    ip: text("ip"),
    counterpartyId: text("counterparty_id"),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    score: smallint("score").notNull(),
    decision: text("decision", { enum: FRAUD_DECISIONS }).notNull(),
    reasons: jsonb("reasons").$type<RiskReason[]>().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (table) => [
    index("fraud_attempts_user_idx").on(table.userId, table.at),
    index("fraud_attempts_ip_idx").on(table.ip, table.at),
    index("fraud_attempts_method_idx").on(table.paymentMethod, table.at),
  ],
);

/** Payment results reported by payments (recordPaymentOutcome): the failed-payment rule counts the failures. */
export const fraudPaymentOutcomes = pgTable(
  "fraud_payment_outcomes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    paymentMethod: text("payment_method"),
    ip: text("ip"),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (table) => [index("fraud_payment_outcomes_user_idx").on(table.userId, table.at)],
);

/** A payment held for an admin: pending until approved (the subject's retry is allowed) or rejected (it stays blocked). */
export const fraudReviews = pgTable(
  "fraud_reviews",
  {
    id: text("id").primaryKey(),
    attemptId: text("attempt_id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    score: smallint("score").notNull(),
    reasons: jsonb("reasons").$type<RiskReason[]>().notNull(),
    status: text("status", { enum: REVIEW_STATUSES }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: text("decided_by"),
    note: text("note"),
  },
  (table) => [
    // One open review per subject: retries while it waits point at the same review.
    uniqueIndex("fraud_reviews_pending_subject_idx").on(table.subjectType, table.subjectId).where(sql`${table.status} = 'pending'`),
    index("fraud_reviews_subject_idx").on(table.subjectType, table.subjectId, table.createdAt),
    index("fraud_reviews_queue_idx").on(table.status, table.createdAt, table.id),
  ],
);
