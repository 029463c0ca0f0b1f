// The admin review queue over HTTP: list, approve, reject — happy paths, errors, security and bad input.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, fraudReviews, outboxEvents } from "../../db/schema";
import { call, expectProblem, registerSeller, registerUser, withDatabase, type ApiResponse } from "../test-support/api";
import { heldPayment, registerAdmin } from "./test-fixtures";

async function reviewRow(id: string) {
  return withDatabase(async (db) => (await db.orm.select().from(fraudReviews).where(eq(fraudReviews.id, id)))[0]);
}

/** Every page of a status, walked with the cursor, so assertions do not depend on other tests' reviews. */
async function allPages(token: string, status: string, limit: number) {
  const items: { id: string }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 500; page++) {
    const response: ApiResponse<{ items: { id: string }[]; nextCursor: string | null }> = await call("GET", `/v1/admin/reviews?status=${status}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { token });
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

describe("GET /v1/admin/reviews", () => {
  it("shows an admin the pending queue oldest first, each review with its payment, score and reasons", async () => {
    const first = await heldPayment("queue-1");
    const second = await heldPayment("queue-2");
    const admin = await registerAdmin("queue-admin");
    const ids = (await allPages(admin.accessToken, "pending", 100)).map((item) => item.id);
    expect(ids.indexOf(first.reviewId)).toBeLessThan(ids.indexOf(second.reviewId));
    expect(ids.indexOf(first.reviewId)).toBeGreaterThanOrEqual(0);
    const listed = (await call("GET", "/v1/admin/reviews?limit=100", { token: admin.accessToken })).body.items.find((item: { id: string }) => item.id === first.reviewId);
    expect(listed).toEqual({
      id: first.reviewId,
      status: "pending",
      userId: first.user.id,
      kind: "deposit",
      amount: { amount: 600_000, currency: "USD" },
      subjectType: "test_payment",
      subjectId: first.input.subjectId,
      score: 60,
      reasons: [{ rule: "new_account_far_amount", points: 60, detail: "about USD 6000 from an account younger than the new-account period (far limit USD 5000)" }],
      createdAt: expect.any(String),
      decidedAt: null,
      decidedBy: null,
      note: null,
    });
  });

  it("pages with limit and cursor without repeating or skipping a review", async () => {
    await heldPayment("page-1");
    await heldPayment("page-2");
    await heldPayment("page-3");
    const admin = await registerAdmin("page-admin");
    const onePerPage = (await allPages(admin.accessToken, "pending", 1)).map((item) => item.id);
    const allAtOnce = (await allPages(admin.accessToken, "pending", 100)).map((item) => item.id);
    expect(onePerPage.length).toBeGreaterThanOrEqual(3);
    expect(new Set(onePerPage).size).toBe(onePerPage.length);
    // Other tests may add reviews between the walks; every review the paged walk saw is in the same order in the full one.
    expect(allAtOnce.filter((id) => onePerPage.includes(id))).toEqual(onePerPage.filter((id) => allAtOnce.includes(id)));
  });

  it("lists decided reviews by status, newest first", async () => {
    const older = await heldPayment("decided-1");
    const newer = await heldPayment("decided-2");
    const admin = await registerAdmin("decided-admin");
    await call("POST", `/v1/admin/reviews/${older.reviewId}/reject`, { token: admin.accessToken });
    await call("POST", `/v1/admin/reviews/${newer.reviewId}/reject`, { token: admin.accessToken });
    const ids = (await allPages(admin.accessToken, "rejected", 2)).map((item) => item.id);
    expect(ids.indexOf(newer.reviewId)).toBeLessThan(ids.indexOf(older.reviewId));
    expect(ids.indexOf(newer.reviewId)).toBeGreaterThanOrEqual(0);
    expect((await allPages(admin.accessToken, "pending", 100)).map((item) => item.id)).not.toContain(older.reviewId);
  });

  it("answers a buyer or a seller with 403 and no token with 401", async () => {
    const buyer = await registerUser("queue-buyer");
    const seller = await registerSeller("queue-seller");
    expectProblem(await call("GET", "/v1/admin/reviews", { token: buyer.accessToken }), 403, "FORBIDDEN");
    expectProblem(await call("GET", "/v1/admin/reviews", { token: seller.accessToken }), 403, "FORBIDDEN");
    expectProblem(await call("GET", "/v1/admin/reviews"), 401, "UNAUTHENTICATED");
  });

  it("answers bad query parameters with 400 naming the field", async () => {
    const admin = await registerAdmin("queue-bad-input");
    const cases: [string, string][] = [
      ["status=open", "status"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=ten", "limit"],
      ["surprise=1", "surprise"],
      ["cursor=not-a-cursor", "cursor"],
    ];
    for (const [query, path] of cases) {
      const problem = expectProblem(await call("GET", `/v1/admin/reviews?${query}`, { token: admin.accessToken }), 400, "VALIDATION_FAILED");
      expect(problem.errors?.map((error) => error.path)).toEqual([path]);
    }
  });
});

describe("POST /v1/admin/reviews/:id/approve and /reject", () => {
  it("approves a pending review with a note, audits it and announces it", async () => {
    const { user, input, reviewId } = await heldPayment("approve");
    const admin = await registerAdmin("approver");
    const response = await call("POST", `/v1/admin/reviews/${reviewId}/approve`, { token: admin.accessToken, body: { note: "  spoke to the customer  " } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: reviewId, status: "approved", userId: user.id, decidedBy: admin.id, note: "spoke to the customer", decidedAt: expect.any(String) });
    expect(await reviewRow(reviewId)).toMatchObject({ status: "approved", decidedBy: admin.id, note: "spoke to the customer" });
    const audits = await withDatabase((db) => db.orm.select().from(auditLog).where(and(eq(auditLog.subjectId, reviewId), eq(auditLog.action, "fraud.review_approved"))));
    expect(audits.map((row) => ({ actorId: row.actorId, subjectType: row.subjectType, details: row.details }))).toEqual([
      {
        actorId: admin.id,
        subjectType: "fraud_review",
        details: { userId: user.id, subjectType: "test_payment", subjectId: input.subjectId, amount: { amount: 600_000, currency: "USD" }, score: 60, note: "spoke to the customer" },
      },
    ]);
    const events = await withDatabase((db) => db.orm.select({ payload: outboxEvents.payload }).from(outboxEvents).where(eq(outboxEvents.type, "fraud.review_decided")));
    expect(events.map((event) => event.payload)).toContainEqual({ reviewId, userId: user.id, subjectType: "test_payment", subjectId: input.subjectId, status: "approved" });
  });

  it("rejects a pending review without a body and audits it", async () => {
    const { reviewId } = await heldPayment("reject");
    const admin = await registerAdmin("rejecter");
    const response = await call("POST", `/v1/admin/reviews/${reviewId}/reject`, { token: admin.accessToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: reviewId, status: "rejected", decidedBy: admin.id, note: null });
    const audits = await withDatabase((db) => db.orm.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, reviewId)));
    expect(audits).toEqual([{ action: "fraud.review_rejected" }]);
  });

  it("answers a second decision with 409 REVIEW_ALREADY_DECIDED and keeps the first", async () => {
    const { reviewId } = await heldPayment("twice");
    const admin = await registerAdmin("twice-admin");
    expect((await call("POST", `/v1/admin/reviews/${reviewId}/approve`, { token: admin.accessToken })).status).toBe(200);
    expect(expectProblem(await call("POST", `/v1/admin/reviews/${reviewId}/approve`, { token: admin.accessToken }), 409, "REVIEW_ALREADY_DECIDED")).toMatchObject({ reviewStatus: "approved", detail: "This review was already approved." });
    expect(expectProblem(await call("POST", `/v1/admin/reviews/${reviewId}/reject`, { token: admin.accessToken }), 409, "REVIEW_ALREADY_DECIDED")).toMatchObject({ reviewStatus: "approved" });
    expect((await reviewRow(reviewId))?.status).toBe("approved");
  });

  it("answers an unknown or malformed review id with 404", async () => {
    const admin = await registerAdmin("unknown-admin");
    expectProblem(await call("POST", "/v1/admin/reviews/frv_01HZZZZZZZZZZZZZZZZZZZZZZZ/approve", { token: admin.accessToken }), 404, "NOT_FOUND");
    expectProblem(await call("POST", "/v1/admin/reviews/not-an-id/reject", { token: admin.accessToken }), 404, "NOT_FOUND");
  });

  it("answers a buyer or seller with 403, no token with 401, and leaves the review pending", async () => {
    const { user, reviewId } = await heldPayment("decide-security");
    const seller = await registerSeller("decide-seller");
    for (const decision of ["approve", "reject"]) {
      expectProblem(await call("POST", `/v1/admin/reviews/${reviewId}/${decision}`, { token: user.accessToken }), 403, "FORBIDDEN");
      expectProblem(await call("POST", `/v1/admin/reviews/${reviewId}/${decision}`, { token: seller.accessToken }), 403, "FORBIDDEN");
      expectProblem(await call("POST", `/v1/admin/reviews/${reviewId}/${decision}`), 401, "UNAUTHENTICATED");
    }
    expect((await reviewRow(reviewId))?.status).toBe("pending");
  });

  it("answers bad bodies with 400 naming the field and leaves the review pending", async () => {
    const { reviewId } = await heldPayment("decide-bad-input");
    const admin = await registerAdmin("bad-input-admin");
    const path = `/v1/admin/reviews/${reviewId}/approve`;
    const cases: [unknown, string][] = [
      [{ note: 42 }, "note"],
      [{ note: "   " }, "note"],
      [{ note: "x".repeat(1_001) }, "note"],
      [{ verdict: "yes" }, "verdict"],
    ];
    for (const [body, field] of cases) {
      const problem = expectProblem(await call("POST", path, { token: admin.accessToken, body }), 400, "VALIDATION_FAILED");
      expect(problem.errors?.map((error) => error.path)).toEqual([field]);
    }
    expectProblem(await call("POST", path, { token: admin.accessToken, rawBody: "{not json" }), 400, "MALFORMED_JSON");
    expect((await reviewRow(reviewId))?.status).toBe("pending");
    expect((await call("POST", path, { token: admin.accessToken, body: { note: "x".repeat(1_000) } })).status).toBe(200);
  });
});
