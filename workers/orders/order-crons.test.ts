// The order crons through the Worker's scheduled handler: unpaid orders expire (stock back on sale), delivered ones release escrow.
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders, outboxEvents } from "../../db/schema";
import worker from "../index";
import { call, registerUser, testEnv, withDatabase } from "../test-support/api";
import { accounts, orderAction, orderRow, paidOrder, placeOrder, sellerWithListing, transferEntries, wallet } from "./test-fixtures";

const DAY_MS = 86_400_000;

async function runCron() {
  await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.now() }), testEnv, createExecutionContext());
}

async function setOrder(orderId: string, change: Partial<typeof orders.$inferInsert>) {
  await withDatabase((db) => db.orm.update(orders).set(change).where(eq(orders.id, orderId)));
}

async function eventsOf(type: string, orderId: string) {
  return withDatabase((db) => db.orm.select().from(outboxEvents).where(and(eq(outboxEvents.type, type), sql`${outboxEvents.payload}->>'orderId' = ${orderId}`)));
}

describe("the expiry cron", () => {
  it("expires an order unpaid past its deadline and puts its stock back on sale; an order still in time stays", async () => {
    const { listing } = await sellerWithListing({ quantity: 3 });
    const buyer = await registerUser("slow-payer");
    const late = await placeOrder(buyer, listing.id, 2);
    const onTime = await placeOrder(buyer, listing.id, 1);
    await setOrder(late.id, { paymentDueAt: new Date(Date.now() - 1_000) });
    await runCron();
    const expired = await call("GET", `/v1/orders/${late.id}`, { token: buyer.accessToken });
    expect(expired.body).toMatchObject({ status: "expired", timeline: [{ status: "pending_payment" }, { status: "expired", note: "not paid in time" }] });
    expect((await orderRow(onTime.id)).status).toBe("pending_payment");
    expect((await call("GET", `/v1/listings/${listing.id}`)).body.quantityAvailable).toBe(2);
    expect((await eventsOf("order.expired", late.id)).map((row) => row.payload)).toEqual([
      { orderId: late.id, listingId: listing.id, buyerId: buyer.id, sellerId: listing.sellerId, totalMinor: 20_500, currency: "USD" },
    ]);
  });
});

describe("the auto-release cron", () => {
  it("releases escrow of an order delivered more than 7 days ago to the seller less the fee, and leaves a recent one", async () => {
    const old = await paidOrder();
    const recent = await paidOrder();
    for (const { seller, order } of [old, recent]) {
      await orderAction(seller, order.id, "ship");
      await orderAction(seller, order.id, "delivered");
    }
    await setOrder(old.order.id, { deliveredAt: new Date(Date.now() - 7 * DAY_MS - 60_000) });
    await setOrder(recent.order.id, { deliveredAt: new Date(Date.now() - 6 * DAY_MS) });
    await runCron();
    expect((await orderRow(old.order.id)).status).toBe("completed");
    expect(await transferEntries(`order:${old.order.id}:release`)).toEqual({ [accounts.held(old.buyer.id)]: -10_500, [accounts.available(old.seller.id)]: 9_975, [accounts.fees]: 525 });
    expect(await wallet(old.seller)).toEqual({ available: 9_975, held: 0 });
    expect((await orderRow(recent.order.id)).status).toBe("delivered");
    expect(await wallet(recent.buyer)).toEqual({ available: 0, held: 10_500 });
    expect((await eventsOf("order.completed", old.order.id)).map((row) => row.payload)).toEqual([
      { orderId: old.order.id, listingId: old.listing.id, buyerId: old.buyer.id, sellerId: old.seller.id, totalMinor: 10_500, currency: "USD", feeMinor: 525, refundedMinor: 0 },
    ]);
  });
});
