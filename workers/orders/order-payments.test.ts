// Paying orders into escrow and releasing it: wallet and card (with 3-D Secure), idempotency, fraud, and the fulfilment steps.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "../../db/schema";
import { releaseStock } from "../catalog/inventory-service";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { markDelivered } from "./service";
import {
  accounts,
  asRequest,
  eventually,
  fund,
  key,
  orderAction,
  orderRow,
  paidOrder,
  pay,
  placeOrder,
  registerAdmin,
  sellerWithListing,
  transferCount,
  transferEntries,
  usd,
  wallet,
} from "./test-fixtures";

async function pendingOrder(listingOverrides: Record<string, unknown> = {}) {
  const { seller, listing } = await sellerWithListing(listingOverrides);
  const buyer = await registerUser("payer");
  const order = await placeOrder(buyer, listing.id);
  return { seller, buyer, listing, order };
}

describe("paying from the wallet, shipping and confirming delivery", () => {
  it("holds the total in escrow, then releases it to the seller less the 5% fee when the buyer confirms", async () => {
    const { seller, buyer, order } = await pendingOrder();
    await fund(buyer, 12_000);
    const paid = await pay(buyer, order.id);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ id: order.id, status: "paid", paymentSource: "wallet", total: usd(10_500), timeline: [{ status: "pending_payment" }, { status: "paid" }] });
    expect(await wallet(buyer)).toEqual({ available: 1_500, held: 10_500 });
    expect(await transferEntries(`order:${order.id}:hold`)).toEqual({ [accounts.available(buyer.id)]: -10_500, [accounts.held(buyer.id)]: 10_500 });

    const shipped = await orderAction(seller, order.id, "ship", { carrier: "DHL", trackingNumber: "JD014600006281" });
    expect(shipped.body).toMatchObject({ status: "shipped", carrier: "DHL", trackingNumber: "JD014600006281", fee: usd(525) });
    const confirmed = await orderAction(buyer, order.id, "confirm-delivery");
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: "completed", timeline: [{ status: "pending_payment" }, { status: "paid" }, { status: "shipped", note: "DHL JD014600006281" }, { status: "completed" }] });
    expect(await transferEntries(`order:${order.id}:release`)).toEqual({ [accounts.held(buyer.id)]: -10_500, [accounts.available(seller.id)]: 9_975, [accounts.fees]: 525 });
    expect(await wallet(buyer)).toEqual({ available: 1_500, held: 0 });
    expect(await wallet(seller)).toEqual({ available: 9_975, held: 0 });
    expect((await call("GET", `/v1/orders/${order.id}`, { token: seller.accessToken })).body.fee).toEqual(usd(525));
    expect((await orderRow(order.id)).feeMinor).toBe(525);
  });

  it("starts the auto-release clock when the seller marks the order delivered, and the buyer may still confirm", async () => {
    const { seller, buyer, order } = await paidOrder();
    expect((await orderAction(seller, order.id, "ship")).body).toMatchObject({ status: "shipped", carrier: null, trackingNumber: null });
    const delivered = await orderAction(seller, order.id, "delivered");
    expect(delivered.body.status).toBe("delivered");
    expect(Date.parse(delivered.body.autoReleaseAt) - Date.parse(delivered.body.deliveredAt)).toBe(7 * 86_400_000);
    expect((await orderAction(buyer, order.id, "confirm-delivery")).body.status).toBe("completed");
    expect(await wallet(seller)).toEqual({ available: 9_975, held: 0 });
    expectProblem(await orderAction(buyer, order.id, "confirm-delivery"), 409, "ORDER_STATE_CONFLICT");
    expect(await transferCount(`order:${order.id}:release`)).toBe(1);
  });

  it("refuses a short wallet with 422 INSUFFICIENT_FUNDS and moves nothing", async () => {
    const { buyer, order, listing } = await pendingOrder();
    await fund(buyer, 10_499);
    expectProblem(await pay(buyer, order.id), 422, "INSUFFICIENT_FUNDS");
    expect(await wallet(buyer)).toEqual({ available: 10_499, held: 0 });
    expect((await orderRow(order.id)).status).toBe("pending_payment");
    expect((await call("GET", `/v1/listings/${listing.id}`)).body.quantityAvailable).toBe(4);
  });

  it("refuses paying twice with 409 ORDER_STATE_CONFLICT, and a payment after the deadline", async () => {
    const { buyer, order } = await paidOrder();
    await fund(buyer, 10_500);
    expectProblem(await pay(buyer, order.id), 409, "ORDER_STATE_CONFLICT");
    expect(await wallet(buyer)).toEqual({ available: 10_500, held: 10_500 });

    const late = await pendingOrder();
    await withDatabase((db) => db.orm.update(orders).set({ paymentDueAt: new Date(Date.now() - 1_000) }).where(eq(orders.id, late.order.id)));
    await fund(late.buyer, 10_500);
    expectProblem(await pay(late.buyer, late.order.id), 409, "ORDER_STATE_CONFLICT");
    expect(await wallet(late.buyer)).toEqual({ available: 10_500, held: 0 });
  });
});

describe("paying by card", () => {
  it("settles a card that succeeds at once into the wallet and holds it in escrow in one step", async () => {
    const { buyer, order } = await pendingOrder();
    const paid = await pay(buyer, order.id, { source: "card", paymentMethod: "pm_card_visa" });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: "paid", paymentSource: "card" });
    expect(await wallet(buyer)).toEqual({ available: 0, held: 10_500 });
    const paymentId = (await orderRow(order.id)).paymentId!;
    expect(await transferEntries(`payment:${paymentId}`)).toEqual({ "provider_clearing:sandbox:USD": -10_500, [accounts.available(buyer.id)]: 10_500 });
    expect(await transferCount(`order:${order.id}:hold`)).toBe(1);
  });

  it("answers a 3-D Secure card with 202 and pays the order once the payer confirms, through payment.succeeded", async () => {
    const { buyer, order } = await pendingOrder();
    const started = await pay(buyer, order.id, { source: "card", paymentMethod: "pm_card_threeDSecure2Required" });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ order: { id: order.id, status: "pending_payment", paymentSource: "card" }, payment: { status: "requires_action", nextAction: { type: "sandbox_confirm" } } });
    expect(await wallet(buyer)).toEqual({ available: 0, held: 0 });
    const confirmed = await call("POST", started.body.payment.nextAction.confirmUrl, { token: buyer.accessToken, headers: key() });
    expect(confirmed.body.status).toBe("succeeded");
    const paid = await eventually(() => call("GET", `/v1/orders/${order.id}`, { token: buyer.accessToken }), (response) => response.body.status === "paid");
    expect(paid.body).toMatchObject({ status: "paid", paymentSource: "card", timeline: [{ status: "pending_payment" }, { status: "paid" }] });
    expect(await wallet(buyer)).toEqual({ available: 0, held: 10_500 });
  });

  it("leaves a confirmed 3-D Secure payment in the wallet when the order was cancelled meanwhile", async () => {
    const { buyer, order } = await pendingOrder();
    const started = await pay(buyer, order.id, { source: "card", paymentMethod: "pm_card_threeDSecure2Required" });
    expect((await orderAction(buyer, order.id, "cancel")).body.status).toBe("cancelled");
    await call("POST", started.body.payment.nextAction.confirmUrl, { token: buyer.accessToken, headers: key() });
    const balances = await eventually(() => wallet(buyer), (found) => found.available === 10_500);
    expect(balances).toEqual({ available: 10_500, held: 0 });
    expect((await orderRow(order.id)).status).toBe("cancelled");
    expect(await transferCount(`order:${order.id}:hold`)).toBe(0);
  });

  it("puts a charged card's money in the wallet when the order cannot be paid after all (its stock reservation was released)", async () => {
    const { buyer, order, listing } = await pendingOrder();
    await asRequest((ctx) => releaseStock(ctx, { listingId: listing.id, holderRef: order.id }));
    const refused = expectProblem(await pay(buyer, order.id, { source: "card", paymentMethod: "pm_card_visa" }), 409, "ORDER_STATE_CONFLICT");
    expect(refused.paymentId).toEqual(expect.stringMatching(/^\w+_/));
    expect(await wallet(buyer)).toEqual({ available: 10_500, held: 0 });
    expect(await transferEntries(`payment:${String(refused.paymentId)}`)).toEqual({ "provider_clearing:sandbox:USD": -10_500, [accounts.available(buyer.id)]: 10_500 });
    expect(await transferCount(`order:${order.id}:hold`)).toBe(0);
    expect((await orderRow(order.id)).status).toBe("pending_payment");
  });

  it("answers a declined card with 402 PAYMENT_DECLINED and leaves the order waiting for payment", async () => {
    const { buyer, order } = await pendingOrder();
    const problem = expectProblem(await pay(buyer, order.id, { source: "card", paymentMethod: "pm_card_declined" }), 402, "PAYMENT_DECLINED");
    expect(problem.declineCode).toEqual(expect.any(String));
    expect((await orderRow(order.id)).status).toBe("pending_payment");
    expect(await wallet(buyer)).toEqual({ available: 0, held: 0 });
    expect((await pay(buyer, order.id, { source: "card", paymentMethod: "pm_card_visa" })).status).toBe(200);
  });
});

describe("Idempotency-Key on pay", () => {
  it("replays the first response for the same key and body, and refuses the key with another body", async () => {
    const { buyer, order } = await pendingOrder();
    await fund(buyer, 10_500);
    const first = await pay(buyer, order.id, { source: "wallet" }, "pay-once");
    const replay = await pay(buyer, order.id, { source: "wallet" }, "pay-once");
    expect({ status: replay.status, body: replay.body, replayed: replay.headers.get("Idempotent-Replayed") }).toEqual({ status: 200, body: first.body, replayed: "true" });
    expectProblem(await pay(buyer, order.id, { source: "card", paymentMethod: "pm_card_visa" }, "pay-once"), 422, "IDEMPOTENCY_KEY_REUSED");
    expect(await wallet(buyer)).toEqual({ available: 0, held: 10_500 });
    expectProblem(await call("POST", `/v1/orders/${order.id}/pay`, { token: buyer.accessToken, body: { source: "wallet" } }), 400, "IDEMPOTENCY_KEY_REQUIRED");
  });

  it("holds the money exactly once when 10 identical payments arrive at the same time", async () => {
    const { buyer, order } = await pendingOrder();
    await fund(buyer, 50_000);
    const responses = await Promise.all(Array.from({ length: 10 }, () => pay(buyer, order.id, { source: "wallet" }, "parallel-pay")));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    for (const response of responses.filter((found) => found.status === 409)) expect(response.body.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    expect(await transferCount(`order:${order.id}:hold`)).toBe(1);
    expect(await wallet(buyer)).toEqual({ available: 39_500, held: 10_500 });
  });

  it("holds the money exactly once when payments with different keys race: the rest get ORDER_STATE_CONFLICT", async () => {
    const { buyer, order } = await pendingOrder();
    await fund(buyer, 50_000);
    const responses = await Promise.all(Array.from({ length: 5 }, () => pay(buyer, order.id)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const response of responses.filter((found) => found.status === 409)) expect(response.body.code).toBe("ORDER_STATE_CONFLICT");
    expect(await transferCount(`order:${order.id}:hold`)).toBe(1);
    expect(await wallet(buyer)).toEqual({ available: 39_500, held: 10_500 });
  });
});

describe("fraud checks on pay", () => {
  it("holds a risky payment for review with 409 PAYMENT_UNDER_REVIEW, blocks it once rejected, and lets it through once approved", async () => {
    // USD 6,000 from an account younger than a week is far above the new-account limit: review on its own.
    const rejected = await pendingOrder({ price: usd(600_000), shipping: undefined });
    const review = expectProblem(await pay(rejected.buyer, rejected.order.id), 409, "PAYMENT_UNDER_REVIEW");
    expect(review.reviewId).toEqual(expect.stringMatching(/^\w+_/));
    const admin = await registerAdmin();
    expect((await call("POST", `/v1/admin/reviews/${review.reviewId}/reject`, { token: admin.accessToken, body: {} })).status).toBe(200);
    expectProblem(await pay(rejected.buyer, rejected.order.id), 422, "PAYMENT_BLOCKED");
    expect((await orderRow(rejected.order.id)).status).toBe("pending_payment");

    const approved = await pendingOrder({ price: usd(600_000), shipping: undefined });
    const second = expectProblem(await pay(approved.buyer, approved.order.id), 409, "PAYMENT_UNDER_REVIEW");
    expect((await call("POST", `/v1/admin/reviews/${second.reviewId}/approve`, { token: admin.accessToken, body: {} })).status).toBe(200);
    await fund(approved.buyer, 300_000);
    await fund(approved.buyer, 300_000);
    expect((await pay(approved.buyer, approved.order.id)).body.status).toBe("paid");
  });
});

describe("who may do what to an order", () => {
  it("answers another user's order with 404 and a party calling the other party's action with 403", async () => {
    const { seller, buyer, order } = await pendingOrder();
    const stranger = await registerUser("pay-stranger");
    await fund(stranger, 10_500);
    expectProblem(await pay(stranger, order.id), 404, "NOT_FOUND");
    expectProblem(await pay(seller, order.id), 403, "FORBIDDEN");
    await fund(buyer, 10_500);
    expect((await pay(buyer, order.id)).status).toBe(200);
    expectProblem(await orderAction(buyer, order.id, "ship"), 403, "FORBIDDEN");
    expectProblem(await orderAction(stranger, order.id, "ship"), 404, "NOT_FOUND");
    expectProblem(await orderAction(buyer, order.id, "delivered"), 403, "FORBIDDEN");
    expectProblem(await orderAction(seller, order.id, "confirm-delivery"), 403, "FORBIDDEN");
    const admin = await registerAdmin();
    expectProblem(await orderAction(admin, order.id, "ship"), 403, "FORBIDDEN");
    expectProblem(await orderAction(seller, order.id, "delivered"), 409, "ORDER_STATE_CONFLICT");
    for (const action of ["pay", "ship", "delivered", "confirm-delivery"]) expectProblem(await orderAction(null, order.id, action, {}), 401, "UNAUTHENTICATED");
    expect(await wallet(stranger)).toEqual({ available: 10_500, held: 0 });
    expect((await orderRow(order.id)).status).toBe("paid");
  });

  it("lets an admin mark a shipped order delivered", async () => {
    const { seller, order } = await paidOrder();
    await orderAction(seller, order.id, "ship");
    const admin = await registerAdmin();
    const delivered = await orderAction(admin, order.id, "delivered");
    expect(delivered.body).toMatchObject({ status: "delivered", fee: usd(525) });
  });
});

describe("bad input on pay and ship", () => {
  it("answers each with 400 naming the field, and moves nothing", async () => {
    const { seller, buyer, order } = await pendingOrder();
    await fund(buyer, 10_500);
    const paths = async (body: unknown) => (expectProblem(await pay(buyer, order.id, body as Record<string, unknown>), 400, "VALIDATION_FAILED").errors ?? []).map((error) => error.path);
    expect(await paths({ source: "bitcoin" })).toEqual(["source"]);
    expect(await paths({})).toEqual(["source"]);
    expect(await paths({ source: "card" })).toEqual(["paymentMethod"]);
    expect(await paths({ source: "card", paymentMethod: "4242424242424242" })).toEqual(["paymentMethod"]);
    expect(await paths({ source: "wallet", paymentMethod: "pm_card_visa" })).toEqual(["paymentMethod"]);
    expect(await paths({ source: "wallet", tip: 100 })).toEqual(["tip"]);
    expect(await paths({ source: "wallet", delivery: { method: "shipping" } })).toEqual(["delivery.address"]);
    expectProblem(await call("POST", `/v1/orders/${order.id}/pay`, { token: buyer.accessToken, rawBody: "{", headers: key() }), 400, "MALFORMED_JSON");
    expect(await wallet(buyer)).toEqual({ available: 10_500, held: 0 });
    expect((await pay(buyer, order.id)).status).toBe(200);
    const shipPaths = async (body: unknown) => (expectProblem(await orderAction(seller, order.id, "ship", body), 400, "VALIDATION_FAILED").errors ?? []).map((error) => error.path);
    expect(await shipPaths({ carrier: "" })).toEqual(["carrier"]);
    expect(await shipPaths({ trackingNumber: "x".repeat(65) })).toEqual(["trackingNumber"]);
    expect(await shipPaths({ carrier: 7 })).toEqual(["carrier"]);
    expect(await shipPaths({ eta: "tomorrow" })).toEqual(["eta"]);
    expect((await orderRow(order.id)).status).toBe("paid");
  });
});

describe("markDelivered for other domains (the crowdship PIN)", () => {
  it("lets the platform mark a paid order delivered straight away, and refuses a buyer role with 403", async () => {
    const { buyer, order } = await paidOrder();
    await expect(asRequest((ctx) => markDelivered(ctx, order.id, { role: "buyer", userId: buyer.id }))).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    const delivered = await asRequest((ctx) => markDelivered(ctx, order.id, { role: "system", userId: null }));
    expect(delivered).toMatchObject({ id: order.id, status: "delivered", timeline: [{ status: "pending_payment" }, { status: "paid" }, { status: "delivered" }] });
    await expect(asRequest((ctx) => markDelivered(ctx, order.id, { role: "system", userId: null }))).rejects.toMatchObject({ code: "ORDER_STATE_CONFLICT", status: 409 });
    expect((await orderAction(buyer, order.id, "confirm-delivery")).body.status).toBe("completed");
  });
});
