// assessPayment inside workerd against Postgres: decisions, what is recorded and audited, and how admin decisions settle retries.
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, fraudAttempts, fraudReviews } from "../../db/schema";
import { AppError } from "../platform/errors";
import { call, registerUser, withDatabase } from "../test-support/api";
import { assessPayment, enforceAssessment, recordPaymentOutcome, type AssessPaymentInput } from "./service";
import { asRequest, farAboveNewAccountLimit, heldPayment, publicIp, registerAdmin, registerFrom } from "./test-fixtures";

const assess = (input: AssessPaymentInput, client: { ip?: string; userAgent?: string } = {}) => asRequest(client, (ctx) => assessPayment(ctx, input));

async function auditRows(subjectId: string) {
  return withDatabase((db) => db.orm.select({ action: auditLog.action, actorId: auditLog.actorId, details: auditLog.details }).from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(auditLog.at));
}

async function reviewsOf(subjectId: string) {
  return withDatabase((db) => db.orm.select().from(fraudReviews).where(eq(fraudReviews.subjectId, subjectId)).orderBy(desc(fraudReviews.createdAt)));
}

const ordinary = (userId: string, overrides: Partial<AssessPaymentInput> = {}): AssessPaymentInput => ({
  userId,
  amount: { amount: 2_500, currency: "USD" },
  kind: "order_payment",
  subjectType: "test_payment",
  subjectId: `tp_${crypto.randomUUID()}`,
  ...overrides,
});

describe("assessPayment", () => {
  it("allows an ordinary payment, records the attempt with its IP, and writes no audit row", async () => {
    const user = await registerUser("fraud-ordinary");
    const input = ordinary(user.id, { paymentMethod: "pm_card_visa" });
    const ip = publicIp();
    const result = await assess(input, { ip });
    expect(result).toEqual({ decision: "allow", score: 0, reasons: [], attemptId: expect.stringMatching(/^fat_/) });
    const [attempt] = await withDatabase((db) => db.orm.select().from(fraudAttempts).where(eq(fraudAttempts.id, result.attemptId)));
    expect(attempt).toMatchObject({ userId: user.id, kind: "order_payment", amountMinor: 2_500, currency: "USD", paymentMethod: "pm_card_visa", ip, subjectId: input.subjectId, score: 0, decision: "allow", reasons: [] });
    expect(await auditRows(input.subjectId)).toEqual([]);
    expect(() => enforceAssessment(result)).not.toThrow();
  });

  it("holds a brand-new account paying far above the new-account limit for review, opens one pending review and audits it", async () => {
    const user = await registerUser("fraud-new");
    const input = farAboveNewAccountLimit(user.id);
    const result = await assess(input);
    expect(result).toMatchObject({ decision: "review", score: 60, reviewId: expect.stringMatching(/^frv_/) });
    expect(result.reasons).toEqual([{ rule: "new_account_far_amount", points: 60, detail: "about USD 6000 from an account younger than the new-account period (far limit USD 5000)" }]);
    const [review] = await reviewsOf(input.subjectId);
    expect(review).toMatchObject({ id: result.reviewId, attemptId: result.attemptId, userId: user.id, kind: "deposit", amountMinor: 600_000, currency: "USD", status: "pending", score: 60, decidedAt: null });
    expect(await auditRows(input.subjectId)).toEqual([
      { action: "fraud.review", actorId: user.id, details: { attemptId: result.attemptId, reviewId: result.reviewId, kind: "deposit", amount: { amount: 600_000, currency: "USD" }, score: 60, rules: ["new_account_far_amount"] } },
    ]);
    let thrown: unknown;
    try {
      enforceAssessment(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect({ code: (thrown as AppError).code, status: (thrown as AppError).status, extra: (thrown as AppError).extra }).toEqual({ code: "PAYMENT_UNDER_REVIEW", status: 409, extra: { reviewId: result.reviewId } });
  });

  it("points a retry of a payment still under review at the same review instead of opening another", async () => {
    const { input, reviewId } = await heldPayment("fraud-pending");
    const retry = await assess(input);
    expect({ decision: retry.decision, reviewId: retry.reviewId, last: retry.reasons.at(-1)?.rule }).toEqual({ decision: "review", reviewId, last: "review_pending" });
    expect((await reviewsOf(input.subjectId)).length).toBe(1);
  });

  it("opens exactly one review when two assessments of one subject race", async () => {
    const user = await registerUser("fraud-race");
    const input = farAboveNewAccountLimit(user.id);
    const [first, second] = await Promise.all([assess(input), assess(input)]);
    expect([first.decision, second.decision]).toEqual(["review", "review"]);
    expect(first.reviewId).toBe(second.reviewId);
    expect((await reviewsOf(input.subjectId)).map((review) => review.status)).toEqual(["pending"]);
  });

  it("blocks a user with 6 failed payments today, audits it, opens no review, and enforceAssessment throws PAYMENT_BLOCKED", async () => {
    const user = await registerUser("fraud-failures");
    await asRequest({}, async (ctx) => {
      for (let attempt = 0; attempt < 6; attempt++) await recordPaymentOutcome(ctx, { userId: user.id, paymentMethod: "pm_card_declined", ip: null, succeeded: false });
    });
    const input = ordinary(user.id);
    const result = await assess(input);
    expect({ decision: result.decision, score: result.score, rules: result.reasons.map((reason) => reason.rule), reviewId: result.reviewId }).toEqual({
      decision: "block",
      score: 85,
      rules: ["failed_payments_many"],
      reviewId: undefined,
    });
    expect(await reviewsOf(input.subjectId)).toEqual([]);
    expect((await auditRows(input.subjectId)).map((row) => row.action)).toEqual(["fraud.block"]);
    expect(() => enforceAssessment(result)).toThrowError(expect.objectContaining({ code: "PAYMENT_BLOCKED", status: 422 }));
  });

  it("counts only failures: 5 successes and 2 failures add nothing, a 3rd failure adds 40", async () => {
    const user = await registerUser("fraud-some-failures");
    await asRequest({}, async (ctx) => {
      for (let attempt = 0; attempt < 5; attempt++) await recordPaymentOutcome(ctx, { userId: user.id, ip: null, succeeded: true });
      for (let attempt = 0; attempt < 2; attempt++) await recordPaymentOutcome(ctx, { userId: user.id, ip: null, succeeded: false });
    });
    expect((await assess(ordinary(user.id))).score).toBe(0);
    await asRequest({}, (ctx) => recordPaymentOutcome(ctx, { userId: user.id, ip: null, succeeded: false }));
    expect((await assess(ordinary(user.id))).reasons.map((reason) => [reason.rule, reason.points])).toEqual([["failed_payments", 40]]);
  });

  it("adds 25 when the buyer pays from an IP the seller signed in from, and 20 more on the same browser", async () => {
    const ip = publicIp();
    const seller = await registerFrom("fraud-seller", ip, "Mozilla/5.0 (shared laptop)");
    const buyer = await registerUser("fraud-buyer");
    const sameIp = await assess(ordinary(buyer.id, { counterpartyId: seller.id }), { ip, userAgent: "Mozilla/5.0 (phone)" });
    expect(sameIp.reasons.map((reason) => [reason.rule, reason.points])).toEqual([["shared_ip_with_counterparty", 25]]);
    const sameBrowser = await assess(ordinary(buyer.id, { counterpartyId: seller.id }), { ip, userAgent: "Mozilla/5.0 (shared laptop)" });
    expect({ score: sameBrowser.score, decision: sameBrowser.decision }).toEqual({ score: 45, decision: "allow" });
    // Paying from elsewhere later: the buyer's own earlier attempts from the seller's IP still link them.
    const elsewhere = await assess(ordinary(buyer.id, { counterpartyId: seller.id }), { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (shared laptop)" });
    expect(elsewhere.reasons.map((reason) => reason.rule)).toEqual(["shared_ip_with_counterparty"]);
  });

  it("ignores shared private addresses (everyone is 127.0.0.1 in development)", async () => {
    const seller = await registerFrom("fraud-local-seller", "127.0.0.1", "Mozilla/5.0 (dev)");
    const buyer = await registerFrom("fraud-local-buyer", "127.0.0.1", "Mozilla/5.0 (dev)");
    expect((await assess(ordinary(buyer.id, { counterpartyId: seller.id }), { ip: "127.0.0.1", userAgent: "Mozilla/5.0 (dev)" })).score).toBe(0);
  });

  it("holds the 6th attempt in 10 minutes by one user with one card (velocity per user and per payment method)", async () => {
    const user = await registerUser("fraud-velocity");
    const paymentMethod = `pm_fraudtest_${crypto.randomUUID().slice(0, 8)}`;
    for (let attempt = 0; attempt < 5; attempt++) expect((await assess(ordinary(user.id, { paymentMethod }))).decision).toBe("allow");
    const sixth = await assess(ordinary(user.id, { paymentMethod }));
    expect({ decision: sixth.decision, score: sixth.score, rules: sixth.reasons.map((reason) => reason.rule) }).toEqual({ decision: "review", score: 50, rules: ["velocity_user", "velocity_payment_method"] });
  });

  it("does not count Stripe's shared test cards per payment method", async () => {
    const user = await registerUser("fraud-test-card");
    for (let attempt = 0; attempt < 5; attempt++) await assess(ordinary(user.id, { paymentMethod: "pm_card_visa" }));
    expect((await assess(ordinary(user.id, { paymentMethod: "pm_card_visa" }))).reasons.map((reason) => reason.rule)).toEqual(["velocity_user"]);
  });

  it("adds 35 for an amount over 10× the user's largest of at least 3 earlier allowed payments in that currency", async () => {
    const user = await registerUser("fraud-history");
    for (const amount of [100, 400, 200]) await assess(ordinary(user.id, { amount: { amount, currency: "EUR" } }));
    expect((await assess(ordinary(user.id, { amount: { amount: 4_000, currency: "EUR" } }))).score).toBe(0);
    expect((await assess(ordinary(user.id, { amount: { amount: 40_001, currency: "EUR" } }))).reasons).toEqual([
      { rule: "amount_far_above_history", points: 35, detail: "40001 is over 10× the largest of 4 earlier payments (4000)" },
    ]);
    // No GBP history: only this 6th attempt's velocity counts.
    expect((await assess(ordinary(user.id, { amount: { amount: 40_001, currency: "GBP" } }))).reasons.map((reason) => reason.rule)).toEqual(["velocity_user"]);
  });
});

describe("after an admin decides a review", () => {
  it("allows the approved payment on retry (and again), and enforceAssessment lets it through", async () => {
    const { input, reviewId } = await heldPayment("fraud-approved");
    const admin = await registerAdmin("fraud-approver");
    expect((await call("POST", `/v1/admin/reviews/${reviewId}/approve`, { token: admin.accessToken, body: { note: "called the customer" } })).status).toBe(200);
    for (let retry = 0; retry < 2; retry++) {
      const result = await assess(input);
      expect({ decision: result.decision, reviewId: result.reviewId, rules: result.reasons.map((reason) => reason.rule) }).toEqual({ decision: "allow", reviewId, rules: ["new_account_far_amount", "review_approved"] });
      expect(() => enforceAssessment(result)).not.toThrow();
    }
    expect((await reviewsOf(input.subjectId)).map((review) => review.status)).toEqual(["approved"]);
  });

  it("scores a different amount for an approved subject afresh", async () => {
    const { input, reviewId } = await heldPayment("fraud-approved-other");
    const admin = await registerAdmin("fraud-approver-2");
    await call("POST", `/v1/admin/reviews/${reviewId}/approve`, { token: admin.accessToken });
    const bigger = await assess({ ...input, amount: { amount: 700_000, currency: "USD" } });
    expect(bigger.decision).toBe("review");
    expect(bigger.reviewId).not.toBe(reviewId);
    expect((await reviewsOf(input.subjectId)).map((review) => review.status)).toEqual(["pending", "approved"]);
  });

  it("keeps a rejected payment blocked on retry and audits the block", async () => {
    const { user, input, reviewId } = await heldPayment("fraud-rejected");
    const admin = await registerAdmin("fraud-rejecter");
    await call("POST", `/v1/admin/reviews/${reviewId}/reject`, { token: admin.accessToken });
    const retry = await assess(input);
    expect({ decision: retry.decision, reviewId: retry.reviewId, last: retry.reasons.at(-1)?.rule }).toEqual({ decision: "block", reviewId, last: "review_rejected" });
    const blocks = await withDatabase((db) =>
      db.orm.select({ actorId: auditLog.actorId }).from(auditLog).where(and(eq(auditLog.subjectId, input.subjectId), eq(auditLog.action, "fraud.block"))),
    );
    expect(blocks).toEqual([{ actorId: user.id }]);
  });
});
