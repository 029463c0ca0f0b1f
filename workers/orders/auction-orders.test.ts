// Orders from auctions: auction.closed → the winner's order (once), Buy It Now end to end, paying with a delivery, second chances.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "../../db/schema";
import { runnerUp } from "../auctions/results-service";
import type { EventPayloads } from "../platform/events";
import { call, createListingAs, expectProblem, registerSeller, registerUser, withDatabase } from "../test-support/api";
import { expireUnpaidOrders } from "./crons";
import { ADDRESS, asRequest, deliverEvents, eventually, fund, key, orderAction, pay, placeOrder, registerAdmin, sellerWithListing, usd, WORLDWIDE_SHIPPING, type TestUser } from "./test-fixtures";

async function auctionListing(overrides: Record<string, unknown> = {}) {
  const seller = await registerSeller("auction-seller");
  const listing = await createListingAs(seller.accessToken, {
    format: "auction",
    price: undefined,
    shipping: WORLDWIDE_SHIPPING,
    auction: { startPrice: usd(1_000), endsAt: new Date(Date.now() + 3_600_000).toISOString(), ...overrides },
  });
  return { seller, listing };
}

function closedEvent(listing: { id: string; sellerId: string }, winnerId: string | null, finalPriceMinor: number | null, reason: "ended" | "bought" = "ended"): EventPayloads["auction.closed"] {
  return { listingId: listing.id, sellerId: listing.sellerId, winnerId, finalPriceMinor, currency: "USD", reserveMet: winnerId !== null, bidCount: 1, headHash: "0".repeat(64), reason };
}

async function ordersFor(listingId: string) {
  return withDatabase((db) => db.orm.select().from(orders).where(eq(orders.listingId, listingId)).orderBy(orders.createdAt));
}

/** Expires the order now, as the cron does once its deadline has passed. */
async function expire(orderId: string) {
  await withDatabase((db) => db.orm.update(orders).set({ paymentDueAt: new Date(Date.now() - 1_000) }).where(eq(orders.id, orderId)));
  await asRequest((ctx) => expireUnpaidOrders(ctx));
}

describe("auction.closed", () => {
  it("gives the winner one order at the final price plus the listing's shipping, payable within 3 days, however often it arrives", async () => {
    const { seller, listing } = await auctionListing();
    const winner = await registerUser("winner");
    const event = closedEvent(listing, winner.id, 4_200);
    const before = Date.now();
    const first = await deliverEvents([{ type: "auction.closed", payload: event }]);
    await deliverEvents([{ type: "auction.closed", payload: event }]); // a second close of the same auction (another event id)
    expect(first.retryMessages).toEqual([]);
    const rows = await ordersFor(listing.id);
    expect(rows).toHaveLength(1);
    const order = (await call("GET", `/v1/orders/${rows[0]!.id}`, { token: winner.accessToken })).body;
    expect(order).toMatchObject({ status: "pending_payment", source: "auction", buyerId: winner.id, sellerId: seller.id, quantity: 1, unitPrice: usd(4_200), shippingCost: usd(500), total: usd(4_700), delivery: null });
    const dueInMs = Date.parse(order.paymentDueAt) - before;
    expect(dueInMs).toBeGreaterThanOrEqual(3 * 86_400_000 - 1_000);
    expect(dueInMs).toBeLessThanOrEqual(3 * 86_400_000 + 10_000);
  });

  it("makes no order for an auction that closed without a winner", async () => {
    const { listing } = await auctionListing();
    await deliverEvents([{ type: "auction.closed", payload: closedEvent(listing, null, null) }]);
    expect(await ordersFor(listing.id)).toEqual([]);
  });

  it("answers Buy It Now with the buyer's buy_now order, which the auction.closed that follows leaves as the only one", async () => {
    const { listing } = await auctionListing({ buyItNowPrice: usd(9_000) });
    const buyer = await registerUser("bin-buyer");
    const bought = await call("POST", `/v1/auctions/${listing.id}/buy-now`, { token: buyer.accessToken });
    expect(bought.status).toBe(201);
    expect(bought.body).toMatchObject({ listingId: listing.id, buyerId: buyer.id, source: "buy_now", status: "pending_payment", unitPrice: usd(9_000), total: usd(9_500), auction: { status: "closed", winnerId: buyer.id } });
    // The room's own auction.closed goes through the queue in the background; this one is delivered for certain.
    await deliverEvents([{ type: "auction.closed", payload: closedEvent(listing, buyer.id, 9_000, "bought") }]);
    expect((await ordersFor(listing.id)).map((row) => row.id)).toEqual([bought.body.id]);
    const mine = await call("GET", "/v1/me/orders", { token: buyer.accessToken });
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([bought.body.id]);
  });
});

describe("paying an auction order", () => {
  it("asks for a delivery with 422 DELIVERY_REQUIRED, then prices the shipping by the chosen delivery", async () => {
    const { listing } = await auctionListing();
    const winner = await registerUser("auction-payer");
    await deliverEvents([{ type: "auction.closed", payload: closedEvent(listing, winner.id, 4_200) }]);
    const [row] = await ordersFor(listing.id);
    await fund(winner, 4_700);
    expectProblem(await pay(winner, row!.id), 422, "DELIVERY_REQUIRED");
    expectProblem(await pay(winner, row!.id, { source: "wallet", delivery: { method: "crowdship", address: ADDRESS } }), 422, "DELIVERY_NOT_AVAILABLE");
    const paid = await pay(winner, row!.id, { source: "wallet", delivery: { method: "shipping", address: ADDRESS } });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: "paid", total: usd(4_700), delivery: { method: "shipping", address: ADDRESS } });
  });
});

/** An auction with three bidders (maxima 5,000 / 3,000 / 2,000) copied to Postgres, closed for the first at 3,100. */
async function contestedAuction() {
  const { seller, listing } = await auctionListing();
  const bidders: TestUser[] = [];
  // Lowest first, so each bid clears the one before it.
  for (const [label, maxMinor] of [["third", 2_000], ["second", 3_000], ["first", 5_000]] as const) {
    const bidder = await registerUser(`bidder-${label}`);
    const bid = await call("POST", `/v1/auctions/${listing.id}/bids`, { token: bidder.accessToken, body: { maxAmount: usd(maxMinor) }, headers: key() });
    expect(bid.status).toBe(201);
    bidders.push(bidder);
  }
  const [third, second, first] = bidders as [TestUser, TestUser, TestUser];
  const ranking = () => withDatabase(async (db) => [await runnerUp(db.orm, listing.id, []), await runnerUp(db.orm, listing.id, [first.id]), await runnerUp(db.orm, listing.id, [first.id, second.id])]);
  const copied = await eventually(ranking, (found) => found.every((entry) => entry !== null) && found[0]!.bidderId === first.id && found[1]!.bidderId === second.id);
  expect(copied).toEqual([
    { bidderId: first.id, maxMinor: 5_000 },
    { bidderId: second.id, maxMinor: 3_000 },
    { bidderId: third.id, maxMinor: 2_000 },
  ]);
  await deliverEvents([{ type: "auction.closed", payload: closedEvent(listing, first.id, 3_100) }]);
  const [order] = await ordersFor(listing.id);
  return { seller, listing, first, second, third, order: order! };
}

describe("POST /v1/orders/:id/second-chance", () => {
  it("offers an expired winner's item to the next bidder at their maximum, once, and so on down the bidders", async () => {
    const { seller, listing, first, second, third, order } = await contestedAuction();
    expectProblem(await orderAction(seller, order.id, "second-chance"), 409, "ORDER_STATE_CONFLICT");
    await expire(order.id);
    const offered = await orderAction(seller, order.id, "second-chance");
    expect(offered.status).toBe(201);
    expect(offered.body).toMatchObject({ status: "pending_payment", source: "auction", listingId: listing.id, buyerId: second.id, unitPrice: usd(3_000), total: usd(3_500), secondChanceOf: order.id, fee: usd(175) });
    expectProblem(await orderAction(seller, order.id, "second-chance"), 409, "ORDER_STATE_CONFLICT");
    await expire(offered.body.id);
    const third_ = await orderAction(seller, offered.body.id, "second-chance");
    expect(third_.body).toMatchObject({ buyerId: third.id, unitPrice: usd(2_000) });
    await expire(third_.body.id);
    expectProblem(await orderAction(seller, third_.body.id, "second-chance"), 422, "NO_RUNNER_UP");
    expect((await ordersFor(listing.id)).map((row) => [row.buyerId, row.status])).toEqual([
      [first.id, "expired"],
      [second.id, "expired"],
      [third.id, "expired"],
    ]);
  });

  it("is the seller's: the expired buyer and admins get 403, others 404; a fixed-price order 409", async () => {
    const { first, order } = await contestedAuction();
    await expire(order.id);
    const stranger = await registerUser("chance-stranger");
    const admin = await registerAdmin();
    expectProblem(await orderAction(first, order.id, "second-chance"), 403, "FORBIDDEN");
    expectProblem(await orderAction(admin, order.id, "second-chance"), 403, "FORBIDDEN");
    expectProblem(await orderAction(stranger, order.id, "second-chance"), 404, "NOT_FOUND");
    expectProblem(await orderAction(null, order.id, "second-chance"), 401, "UNAUTHENTICATED");
    const { seller, listing } = await sellerWithListing();
    const fixed = await placeOrder(stranger, listing.id);
    await expire(fixed.id);
    expectProblem(await orderAction(seller, fixed.id, "second-chance"), 409, "ORDER_STATE_CONFLICT");
  });
});
