// Disputes over HTTP: the buyer opens one (auto-release stops), the parties and admins talk, an admin refunds, splits or releases.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, orders } from "../../db/schema";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { autoReleaseDeliveredOrders } from "./crons";
import { accounts, asRequest, key, orderAction, orderRow, paidOrder, registerAdmin, transferEntries, usd, wallet, type TestUser } from "./test-fixtures";

const CASE = { reason: "not_as_described", message: "The screen is cracked.", evidence: [{ kind: "url", value: "https://photos.example/crack.jpg" }, { kind: "text", value: "Box was sealed." }] };

/** A paid order, shipped and delivered, then disputed by its buyer. */
async function disputedOrder() {
  const parties = await paidOrder();
  await orderAction(parties.seller, parties.order.id, "ship");
  await orderAction(parties.seller, parties.order.id, "delivered");
  const opened = await call("POST", `/v1/orders/${parties.order.id}/disputes`, { token: parties.buyer.accessToken, body: CASE });
  expect(opened.status).toBe(201);
  return { ...parties, dispute: opened.body };
}

function resolve(admin: TestUser, disputeId: string, body: Record<string, unknown>, idempotencyKey?: string) {
  return call("POST", `/v1/admin/disputes/${disputeId}/resolve`, { token: admin.accessToken, body, headers: key(idempotencyKey) });
}

function message(user: TestUser, disputeId: string, body: Record<string, unknown>) {
  return call("POST", `/v1/disputes/${disputeId}/messages`, { token: user.accessToken, body });
}

describe("opening a dispute", () => {
  it("records the case with its first message, moves the order to disputed and stops auto-release", async () => {
    const { buyer, order, dispute } = await disputedOrder();
    expect(dispute).toEqual({
      id: expect.stringMatching(/^dsp_/),
      orderId: order.id,
      status: "open",
      reason: "not_as_described",
      openedBy: buyer.id,
      orderStatus: "disputed",
      orderStatusBefore: "delivered",
      total: usd(10_500),
      resolution: null,
      createdAt: expect.any(String),
      messages: [{ id: expect.stringMatching(/^dsm_/), authorId: buyer.id, authorRole: "buyer", message: "The screen is cracked.", evidence: CASE.evidence, at: expect.any(String) }],
    });
    const viewed = await call("GET", `/v1/orders/${order.id}`, { token: buyer.accessToken });
    expect(viewed.body).toMatchObject({ status: "disputed", dispute: { id: dispute.id, status: "open", reason: "not_as_described", outcome: null } });
    // Delivered a month ago: the auto-release cron would take it, were it not disputed.
    await withDatabase((db) => db.orm.update(orders).set({ deliveredAt: new Date(Date.now() - 30 * 86_400_000) }).where(eq(orders.id, order.id)));
    await asRequest((ctx) => autoReleaseDeliveredOrders(ctx));
    expect((await orderRow(order.id)).status).toBe("disputed");
    expect(await wallet(buyer)).toEqual({ available: 0, held: 10_500 });
  });

  it("is for the buyer of a paid…delivered order: the seller gets 403, a stranger 404, an unpaid or already disputed order 409", async () => {
    const { seller, buyer, order } = await paidOrder();
    const stranger = await registerUser("dispute-stranger");
    const open = (user: TestUser, orderId = order.id) => call("POST", `/v1/orders/${orderId}/disputes`, { token: user.accessToken, body: CASE });
    expectProblem(await open(seller), 403, "FORBIDDEN");
    expectProblem(await open(stranger), 404, "NOT_FOUND");
    expect((await open(buyer)).status).toBe(201);
    expectProblem(await open(buyer), 409, "ORDER_STATE_CONFLICT");
    const unpaid = await call("POST", "/v1/orders", { token: stranger.accessToken, body: { listingId: order.listingId, quantity: 1, delivery: order.delivery } });
    expectProblem(await open(stranger, unpaid.body.id), 409, "ORDER_STATE_CONFLICT");
    expectProblem(await call("POST", `/v1/orders/${order.id}/disputes`, { body: CASE }), 401, "UNAUTHENTICATED");
  });

  it("answers bad input with 400 naming the field", async () => {
    const { buyer, order } = await paidOrder();
    const paths = async (body: unknown) =>
      (expectProblem(await call("POST", `/v1/orders/${order.id}/disputes`, { token: buyer.accessToken, body }), 400, "VALIDATION_FAILED").errors ?? []).map((error) => error.path);
    expect(await paths({ ...CASE, reason: "buyer_remorse" })).toEqual(["reason"]);
    expect(await paths({ ...CASE, message: "  " })).toEqual(["message"]);
    expect(await paths({ ...CASE, message: "x".repeat(5_001) })).toEqual(["message"]);
    expect(await paths({ ...CASE, evidence: [{ kind: "url", value: "javascript:alert(1)" }] })).toEqual(["evidence.0.value"]);
    expect(await paths({ ...CASE, evidence: [{ kind: "video", value: "x" }] })).toEqual(["evidence.0.kind"]);
    expect(await paths({ ...CASE, evidence: Array.from({ length: 11 }, () => ({ kind: "text", value: "x" })) })).toEqual(["evidence"]);
    expect(await paths({ reason: "damaged" })).toEqual(["message"]);
    expect(await paths({ ...CASE, refund: true })).toEqual(["refund"]);
    expect((await orderRow(order.id)).status).toBe("paid");
  });
});

describe("the dispute thread", () => {
  it("takes messages from both parties and admins, and shows them in order to each of them only", async () => {
    const { seller, buyer, order, dispute } = await disputedOrder();
    const admin = await registerAdmin();
    const stranger = await registerUser("thread-stranger");
    const reply = await message(seller, dispute.id, { message: "It left here intact.", evidence: [{ kind: "url", value: "https://photos.example/packed.jpg" }] });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ id: expect.any(String), authorId: seller.id, authorRole: "seller", message: "It left here intact.", evidence: [{ kind: "url", value: "https://photos.example/packed.jpg" }], at: expect.any(String) });
    expect((await message(admin, dispute.id, { message: "Please send the courier's photo." })).body.authorRole).toBe("admin");
    expectProblem(await message(stranger, dispute.id, { message: "Hello?" }), 404, "NOT_FOUND");
    expectProblem(await message(buyer, "dsp_00000000000000000000000000", { message: "Hello?" }), 404, "NOT_FOUND");
    expectProblem(await message(buyer, dispute.id, { message: "" }), 400, "VALIDATION_FAILED");
    for (const viewer of [buyer, seller, admin]) {
      const thread = await call("GET", `/v1/orders/${order.id}/dispute`, { token: viewer.accessToken });
      expect(thread.body.messages.map((entry: { authorRole: string }) => entry.authorRole)).toEqual(["buyer", "seller", "admin"]);
    }
    expectProblem(await call("GET", `/v1/orders/${order.id}/dispute`, { token: stranger.accessToken }), 404, "NOT_FOUND");
  });

  it("answers 404 for an order without a dispute", async () => {
    const { buyer, order } = await paidOrder();
    expectProblem(await call("GET", `/v1/orders/${order.id}/dispute`, { token: buyer.accessToken }), 404, "NOT_FOUND");
  });
});

describe("resolving a dispute", () => {
  it("refunds the whole total to the buyer: the order is refunded and the decision audited", async () => {
    const { seller, buyer, order, dispute } = await disputedOrder();
    const admin = await registerAdmin();
    const resolved = await resolve(admin, dispute.id, { outcome: "refund", note: "Photos show the crack." });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: "resolved",
      orderStatus: "refunded",
      resolution: { outcome: "refund", refundAmount: usd(10_500), note: "Photos show the crack.", resolvedBy: admin.id, resolvedAt: expect.any(String) },
    });
    expect(await wallet(buyer)).toEqual({ available: 10_500, held: 0 });
    expect(await wallet(seller)).toEqual({ available: 0, held: 0 });
    expect((await call("GET", `/v1/orders/${order.id}`, { token: seller.accessToken })).body).toMatchObject({ status: "refunded", refunded: usd(10_500), fee: usd(0) });
    const audit = await withDatabase((db) => db.orm.select().from(auditLog).where(and(eq(auditLog.subjectType, "dispute"), eq(auditLog.subjectId, dispute.id))));
    expect(audit.map((row) => [row.action, row.actorId, row.details])).toEqual([["orders.dispute_resolved", admin.id, { orderId: order.id, outcome: "refund", refundMinor: 10_500, feeMinor: 0, currency: "USD", note: "Photos show the crack." }]]);
  });

  it("splits a partial refund: the refund to the buyer, the rest to the seller less the fee on the rest", async () => {
    const { seller, buyer, order, dispute } = await disputedOrder();
    const admin = await registerAdmin();
    const resolved = await resolve(admin, dispute.id, { outcome: "partial_refund", refundAmount: usd(2_500), note: "Minor scratch." });
    expect(resolved.body).toMatchObject({ orderStatus: "completed", resolution: { outcome: "partial_refund", refundAmount: usd(2_500) } });
    expect(await transferEntries(`order:${order.id}:refund`)).toEqual({ [accounts.held(buyer.id)]: -2_500, [accounts.available(buyer.id)]: 2_500 });
    expect(await transferEntries(`order:${order.id}:release`)).toEqual({ [accounts.held(buyer.id)]: -8_000, [accounts.available(seller.id)]: 7_600, [accounts.fees]: 400 });
    expect(await wallet(buyer)).toEqual({ available: 2_500, held: 0 });
    expect(await wallet(seller)).toEqual({ available: 7_600, held: 0 });
    expect((await call("GET", `/v1/orders/${order.id}`, { token: seller.accessToken })).body).toMatchObject({ status: "completed", refunded: usd(2_500), fee: usd(400) });
  });

  it("releases everything to the seller less the fee", async () => {
    const { seller, buyer, dispute } = await disputedOrder();
    const admin = await registerAdmin();
    expect((await resolve(admin, dispute.id, { outcome: "release", note: "Item as described." })).body).toMatchObject({ orderStatus: "completed", resolution: { outcome: "release", refundAmount: null } });
    expect(await wallet(seller)).toEqual({ available: 9_975, held: 0 });
    expect(await wallet(buyer)).toEqual({ available: 0, held: 0 });
  });

  it("is decided once: a second decision and later messages get 409 DISPUTE_RESOLVED, a replayed request its first answer", async () => {
    const { buyer, dispute } = await disputedOrder();
    const admin = await registerAdmin();
    const first = await resolve(admin, dispute.id, { outcome: "release", note: "Fine." }, "decide-once");
    expect(await resolve(admin, dispute.id, { outcome: "release", note: "Fine." }, "decide-once")).toMatchObject({ status: 200, body: first.body });
    expectProblem(await resolve(admin, dispute.id, { outcome: "refund", note: "Changed my mind." }), 409, "DISPUTE_RESOLVED");
    expectProblem(await message(buyer, dispute.id, { message: "But…" }), 409, "DISPUTE_RESOLVED");
    expect(await wallet(buyer)).toEqual({ available: 0, held: 0 });
  });

  it("is for admins only: 403 for the parties, 401 without a token, 400 without an Idempotency-Key", async () => {
    const { seller, buyer, dispute } = await disputedOrder();
    expectProblem(await resolve(buyer, dispute.id, { outcome: "refund", note: "Me!" }), 403, "FORBIDDEN");
    expectProblem(await resolve(seller, dispute.id, { outcome: "release", note: "Me!" }), 403, "FORBIDDEN");
    expectProblem(await call("POST", `/v1/admin/disputes/${dispute.id}/resolve`, { body: { outcome: "refund", note: "x" } }), 401, "UNAUTHENTICATED");
    const admin = await registerAdmin();
    expectProblem(await call("POST", `/v1/admin/disputes/${dispute.id}/resolve`, { token: admin.accessToken, body: { outcome: "refund", note: "x" } }), 400, "IDEMPOTENCY_KEY_REQUIRED");
    expectProblem(await resolve(admin, "dsp_00000000000000000000000000", { outcome: "refund", note: "x" }), 404, "NOT_FOUND");
    expect(await wallet(buyer)).toEqual({ available: 0, held: 10_500 });
  });

  it("refuses a partial refund outside 0…total or in another currency, and bad input, changing nothing", async () => {
    const { buyer, dispute } = await disputedOrder();
    const admin = await registerAdmin();
    const partial = (refundAmount: unknown) => resolve(admin, dispute.id, { outcome: "partial_refund", refundAmount, note: "Split." });
    expectProblem(await partial(usd(10_500)), 422, "REFUND_OUT_OF_RANGE");
    expectProblem(await partial(usd(0)), 422, "REFUND_OUT_OF_RANGE");
    expectProblem(await partial({ amount: 100, currency: "EUR" }), 422, "WRONG_CURRENCY");
    const paths = async (body: Record<string, unknown>) => (expectProblem(await resolve(admin, dispute.id, body), 400, "VALIDATION_FAILED").errors ?? []).map((error) => error.path);
    expect(await paths({ outcome: "partial_refund", note: "x" })).toEqual(["refundAmount"]);
    expect(await paths({ outcome: "refund", refundAmount: usd(10), note: "x" })).toEqual(["refundAmount"]);
    expect(await paths({ outcome: "partial_refund", refundAmount: { amount: 1.5, currency: "USD" }, note: "x" })).toEqual(["refundAmount.amount"]);
    expect(await paths({ outcome: "refund" })).toEqual(["note"]);
    expect(await paths({ outcome: "keep", note: "x" })).toEqual(["outcome"]);
    expect(await wallet(buyer)).toEqual({ available: 0, held: 10_500 });
  });
});

describe("GET /v1/admin/disputes", () => {
  it("lists disputes newest first by status for admins, and refuses everyone else", async () => {
    const older = await disputedOrder();
    const newer = await disputedOrder();
    const admin = await registerAdmin();
    await resolve(admin, older.dispute.id, { outcome: "release", note: "ok" });
    const open = await call("GET", "/v1/admin/disputes?status=open&limit=100", { token: admin.accessToken });
    expect(open.status).toBe(200);
    const openIds = open.body.items.map((item: { id: string }) => item.id);
    expect(openIds).toContain(newer.dispute.id);
    expect(openIds).not.toContain(older.dispute.id);
    const { messages: _messages, ...summary } = newer.dispute;
    expect(open.body.items.find((item: { id: string }) => item.id === newer.dispute.id)).toEqual(summary);
    const all = (await call("GET", "/v1/admin/disputes?limit=100", { token: admin.accessToken })).body.items.map((item: { id: string }) => item.id);
    expect(all.indexOf(newer.dispute.id)).toBeLessThan(all.indexOf(older.dispute.id));
    expectProblem(await call("GET", "/v1/admin/disputes", { token: newer.buyer.accessToken }), 403, "FORBIDDEN");
    expectProblem(await call("GET", "/v1/admin/disputes"), 401, "UNAUTHENTICATED");
    expectProblem(await call("GET", "/v1/admin/disputes?status=closed", { token: admin.accessToken }), 400, "VALIDATION_FAILED");
  });
});
