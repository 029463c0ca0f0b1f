// Orders from fixed-price listings over HTTP: creating (stock reserved), reading, listing and cancelling, with every refusal.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listings, orders, stockReservations } from "../../db/schema";
import { call, createListingAs, expectProblem, registerSeller, registerUser, withDatabase } from "../test-support/api";
import {
  accounts,
  ADDRESS,
  createOrder,
  fund,
  key,
  orderAction,
  paidOrder,
  placeOrder,
  registerAdmin,
  sellerWithListing,
  SHIPPING_DELIVERY,
  transferEntries,
  usd,
  wallet,
} from "./test-fixtures";

async function available(listingId: string) {
  return withDatabase(async (db) => (await db.orm.select({ available: listings.quantityAvailable, status: listings.status }).from(listings).where(eq(listings.id, listingId)))[0]);
}

async function reservationOf(orderId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(stockReservations).where(eq(stockReservations.holderRef, orderId)))[0]);
}

describe("POST /v1/orders", () => {
  it("creates a pending order at the listing's price plus shipping and reserves the stock until the payment deadline", async () => {
    const { seller, listing } = await sellerWithListing();
    const buyer = await registerUser("buyer");
    const before = Date.now();
    const response = await createOrder(buyer, { listingId: listing.id, quantity: 2, delivery: SHIPPING_DELIVERY });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^ord_/),
      status: "pending_payment",
      source: "fixed_price",
      listingId: listing.id,
      title: "Apple iPhone 13 128GB Midnight",
      buyerId: buyer.id,
      sellerId: seller.id,
      quantity: 2,
      unitPrice: usd(10_000),
      shippingCost: usd(500),
      total: usd(20_500),
      delivery: SHIPPING_DELIVERY,
      paymentDueAt: expect.any(String),
      paymentSource: null,
      carrier: null,
      trackingNumber: null,
      deliveredAt: null,
      autoReleaseAt: null,
      secondChanceOf: null,
      timeline: [{ status: "pending_payment", at: expect.any(String) }],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const dueInMs = Date.parse(response.body.paymentDueAt) - before;
    expect(dueInMs).toBeGreaterThanOrEqual(30 * 60_000 - 1_000);
    expect(dueInMs).toBeLessThanOrEqual(30 * 60_000 + 5_000);
    expect(await available(listing.id)).toEqual({ available: 3, status: "active" });
    expect(await reservationOf(response.body.id)).toMatchObject({ listingId: listing.id, quantity: 2, status: "active" });
  });

  it("charges no shipping for crowdship on an eligible listing, nor for a listing without shipping terms", async () => {
    const { listing: eligible } = await sellerWithListing({ crowdshipEligible: true });
    const { listing: noTerms } = await sellerWithListing({ shipping: undefined });
    const buyer = await registerUser("crowd-buyer");
    const crowd = await placeOrder(buyer, eligible.id, 1, { method: "crowdship", address: ADDRESS });
    expect({ shipping: crowd.shippingCost, total: crowd.total, delivery: crowd.delivery.method }).toEqual({ shipping: usd(0), total: usd(10_000), delivery: "crowdship" });
    expect((await placeOrder(buyer, noTerms.id)).total).toEqual(usd(10_000));
  });

  it("replays the first response for the same Idempotency-Key and body, making one order", async () => {
    const { listing } = await sellerWithListing();
    const buyer = await registerUser("idem-buyer");
    const body = { listingId: listing.id, quantity: 1, delivery: SHIPPING_DELIVERY };
    const first = await createOrder(buyer, body, key("create-once"));
    const replay = await createOrder(buyer, body, key("create-once"));
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expectProblem(await createOrder(buyer, { ...body, quantity: 2 }, key("create-once")), 422, "IDEMPOTENCY_KEY_REUSED");
    expect(await withDatabase((db) => db.orm.select({ id: orders.id }).from(orders).where(eq(orders.listingId, listing.id)))).toHaveLength(1);
  });

  it("refuses more than is in stock with 409 OUT_OF_STOCK and reserves nothing", async () => {
    const { listing } = await sellerWithListing({ quantity: 2 });
    const buyer = await registerUser("greedy");
    const problem = expectProblem(await createOrder(buyer, { listingId: listing.id, quantity: 3, delivery: SHIPPING_DELIVERY }), 409, "OUT_OF_STOCK");
    expect(problem.available).toBe(2);
    expect(await available(listing.id)).toEqual({ available: 2, status: "active" });
  });

  it("refuses the seller's own listing with 403 SELLER_CANNOT_BUY", async () => {
    const { seller, listing } = await sellerWithListing();
    expectProblem(await createOrder(seller, { listingId: listing.id, quantity: 1, delivery: SHIPPING_DELIVERY }), 403, "SELLER_CANNOT_BUY");
    expect(await available(listing.id)).toEqual({ available: 5, status: "active" });
  });

  it("refuses listings that cannot be bought this way: unknown or draft 404, ended 409, an auction 422", async () => {
    const seller = await registerSeller("odd-listings");
    const buyer = await registerUser("odd-buyer");
    const draft = await createListingAs(seller.accessToken, { publish: false });
    const ended = await createListingAs(seller.accessToken);
    await call("POST", `/v1/listings/${ended.id}/end`, { token: seller.accessToken });
    const auction = await createListingAs(seller.accessToken, { format: "auction", price: undefined, auction: { startPrice: usd(1_000), endsAt: new Date(Date.now() + 3_600_000).toISOString() } });
    const order = (listingId: string) => createOrder(buyer, { listingId, quantity: 1, delivery: SHIPPING_DELIVERY });
    expectProblem(await order("lst_00000000000000000000000000"), 404, "NOT_FOUND");
    expectProblem(await order(draft.id), 404, "NOT_FOUND");
    expectProblem(await order(ended.id), 409, "LISTING_NOT_ACTIVE");
    expectProblem(await order(auction.id), 422, "BUSINESS_RULE");
  });

  it("refuses a delivery the listing does not offer with 422 DELIVERY_NOT_AVAILABLE", async () => {
    const { listing } = await sellerWithListing({ shipping: { shipsFrom: { country: "US" }, regions: ["US", "CA"], cost: usd(700) } });
    const buyer = await registerUser("far-buyer");
    const toFrance = expectProblem(await createOrder(buyer, { listingId: listing.id, quantity: 1, delivery: SHIPPING_DELIVERY }), 422, "DELIVERY_NOT_AVAILABLE");
    expect(toFrance.detail).toBe("The seller does not ship to FR.");
    expectProblem(await createOrder(buyer, { listingId: listing.id, quantity: 1, delivery: { method: "crowdship", address: ADDRESS } }), 422, "DELIVERY_NOT_AVAILABLE");
    const toCanada = await placeOrder(buyer, listing.id, 1, { method: "shipping", address: { ...ADDRESS, country: "CA" } });
    expect(toCanada.total).toEqual(usd(10_700));
  });

  it("answers bad input with 400 naming each field, and changes nothing", async () => {
    const { listing } = await sellerWithListing();
    const buyer = await registerUser("bad-input");
    const good = { listingId: listing.id, quantity: 1, delivery: SHIPPING_DELIVERY };
    const paths = async (body: unknown) => (expectProblem(await createOrder(buyer, body as Record<string, unknown>), 400, "VALIDATION_FAILED").errors ?? []).map((error) => error.path);
    expect(await paths({ ...good, quantity: 0 })).toEqual(["quantity"]);
    expect(await paths({ ...good, quantity: 1.5 })).toEqual(["quantity"]);
    expect(await paths({ ...good, quantity: "1" })).toEqual(["quantity"]);
    expect(await paths({ ...good, quantity: 100_001 })).toEqual(["quantity"]);
    expect(await paths({ listingId: listing.id, quantity: 1 })).toEqual(["delivery"]);
    expect(await paths({ ...good, delivery: { method: "teleport", address: ADDRESS } })).toEqual(["delivery.method"]);
    expect(await paths({ ...good, delivery: { method: "shipping", address: { ...ADDRESS, country: "fr" } } })).toEqual(["delivery.address.country"]);
    expect(await paths({ ...good, delivery: { method: "shipping", address: { ...ADDRESS, country: "FRA" } } })).toEqual(["delivery.address.country"]);
    expect(await paths({ ...good, delivery: { method: "shipping", address: { ...ADDRESS, line1: " " } } })).toEqual(["delivery.address.line1"]);
    expect(await paths({ ...good, delivery: { method: "shipping", address: { ...ADDRESS, postalCode: "1".repeat(17) } } })).toEqual(["delivery.address.postalCode"]);
    expect(await paths({ ...good, delivery: { method: "shipping", address: { ...ADDRESS, floor: 3 } } })).toEqual(["delivery.address.floor"]);
    expect(await paths({ ...good, coupon: "FREE" })).toEqual(["coupon"]);
    expectProblem(await call("POST", "/v1/orders", { token: buyer.accessToken, rawBody: "{nope" }), 400, "MALFORMED_JSON");
    expectProblem(await call("POST", "/v1/orders", { body: good }), 401, "UNAUTHENTICATED");
    expect(await available(listing.id)).toEqual({ available: 5, status: "active" });
  });
});

describe("GET /v1/orders/:id", () => {
  it("shows the order to its buyer without the fee, and to its seller and admins with it", async () => {
    const { seller, listing } = await sellerWithListing();
    const buyer = await registerUser("viewer");
    const order = await placeOrder(buyer, listing.id);
    const asBuyer = await call("GET", `/v1/orders/${order.id}`, { token: buyer.accessToken });
    expect(asBuyer.status).toBe(200);
    expect(asBuyer.body).toEqual(order);
    expect(asBuyer.body).not.toHaveProperty("fee");
    const asSeller = await call("GET", `/v1/orders/${order.id}`, { token: seller.accessToken });
    expect(asSeller.body).toEqual({ ...order, fee: usd(525) });
    const admin = await registerAdmin();
    expect((await call("GET", `/v1/orders/${order.id}`, { token: admin.accessToken })).body.fee).toEqual(usd(525));
  });

  it("answers 404 for another user's order and for an unknown id, 401 without a token", async () => {
    const { listing } = await sellerWithListing();
    const buyer = await registerUser("owner");
    const stranger = await registerUser("stranger");
    const order = await placeOrder(buyer, listing.id);
    expectProblem(await call("GET", `/v1/orders/${order.id}`, { token: stranger.accessToken }), 404, "NOT_FOUND");
    expectProblem(await call("GET", "/v1/orders/ord_00000000000000000000000000", { token: buyer.accessToken }), 404, "NOT_FOUND");
    expectProblem(await call("GET", `/v1/orders/${order.id}`), 401, "UNAUTHENTICATED");
  });
});

describe("GET /v1/me/orders", () => {
  it("lists the caller's orders as buyer or seller, newest first, by status, a page at a time", async () => {
    const { seller, listing } = await sellerWithListing();
    const buyer = await registerUser("lister");
    const first = await placeOrder(buyer, listing.id);
    const second = await placeOrder(buyer, listing.id);
    await fund(buyer, second.total.amount);
    expect((await call("POST", `/v1/orders/${second.id}/pay`, { token: buyer.accessToken, body: { source: "wallet" }, headers: key() })).status).toBe(200);
    const page1 = await call("GET", "/v1/me/orders?limit=1", { token: buyer.accessToken });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((item: { id: string }) => item.id)).toEqual([second.id]);
    const page2 = await call("GET", `/v1/me/orders?limit=1&cursor=${page1.body.nextCursor}`, { token: buyer.accessToken });
    expect({ ids: page2.body.items.map((item: { id: string }) => item.id), next: page2.body.nextCursor }).toEqual({ ids: [first.id], next: null });
    const sold = await call("GET", "/v1/me/orders?role=seller&status=paid", { token: seller.accessToken });
    expect(sold.body.items.map((item: { id: string; fee?: unknown }) => [item.id, item.fee])).toEqual([[second.id, usd(525)]]);
    expect((await call("GET", "/v1/me/orders?role=seller", { token: buyer.accessToken })).body).toEqual({ items: [], nextCursor: null });
  });

  it("refuses a bad query with 400 naming the parameter", async () => {
    const buyer = await registerUser("bad-query");
    for (const [query, path] of [["role=courier", "role"], ["status=lost", "status"], ["limit=0", "limit"], ["limit=101", "limit"], ["page=2", "page"], ["cursor=%21%21", "cursor"]]) {
      const problem = expectProblem(await call("GET", `/v1/me/orders?${query}`, { token: buyer.accessToken }), 400, "VALIDATION_FAILED");
      expect(problem.errors?.map((error) => error.path)).toEqual([path]);
    }
    expectProblem(await call("GET", "/v1/me/orders"), 401, "UNAUTHENTICATED");
  });
});

describe("POST /v1/orders/:id/cancel", () => {
  it("lets the buyer cancel before payment and puts the stock back on sale", async () => {
    const { listing } = await sellerWithListing();
    const buyer = await registerUser("canceller");
    const order = await placeOrder(buyer, listing.id, 2);
    const cancelled = await orderAction(buyer, order.id, "cancel", { reason: "changed my mind" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", timeline: [{ status: "pending_payment" }, { status: "cancelled", note: "changed my mind" }] });
    expect(await available(listing.id)).toEqual({ available: 5, status: "active" });
    expect((await reservationOf(order.id))?.status).toBe("released");
    expectProblem(await orderAction(buyer, order.id, "cancel"), 409, "ORDER_STATE_CONFLICT");
  });

  it("refunds a paid order in full when the seller cancels it, and leaves the buyer no cancel after payment", async () => {
    const { seller, buyer, order } = await paidOrder();
    expectProblem(await orderAction(buyer, order.id, "cancel"), 409, "ORDER_STATE_CONFLICT");
    const cancelled = await orderAction(seller, order.id, "cancel", { reason: "damaged in storage" });
    expect(cancelled.body).toMatchObject({ status: "cancelled", refunded: usd(10_500), fee: usd(0) });
    expect(await wallet(buyer)).toEqual({ available: 10_500, held: 0 });
    expect(await transferEntries(`order:${order.id}:refund`)).toEqual({ [accounts.held(buyer.id)]: -10_500, [accounts.available(buyer.id)]: 10_500 });
  });

  it("answers another user's order with 404, a shipped one with 409, and no Idempotency-Key with 400", async () => {
    const { seller, buyer, order } = await paidOrder();
    const stranger = await registerUser("cancel-stranger");
    expectProblem(await orderAction(stranger, order.id, "cancel"), 404, "NOT_FOUND");
    expectProblem(await call("POST", `/v1/orders/${order.id}/cancel`, { token: seller.accessToken }), 400, "IDEMPOTENCY_KEY_REQUIRED");
    expect((await orderAction(seller, order.id, "ship")).status).toBe(200);
    expectProblem(await orderAction(seller, order.id, "cancel"), 409, "ORDER_STATE_CONFLICT");
    expect(await wallet(buyer)).toEqual({ available: 0, held: 10_500 });
    expectProblem(await orderAction(buyer, order.id, "cancel", { reason: 42 }), 400, "VALIDATION_FAILED");
    expectProblem(await orderAction(null, order.id, "cancel"), 401, "UNAUTHENTICATED");
  });
});
