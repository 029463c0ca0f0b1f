// Shared by the orders integration tests: users with money, listings to buy, orders in a given state, and ledger reads.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { ledgerAccounts, ledgerEntries, ledgerTransfers, orders } from "../../db/schema";
import worker from "../index";
import { createScope, type ServiceContext } from "../platform/context";
import type { EventEnvelope, EventPayloads, EventType } from "../platform/events";
import { newId } from "../platform/ids";
import { createLogger } from "../platform/logger";
import { call, createListingAs, registerSeller, registerUser, testEnv, withDatabase, type ApiResponse } from "../test-support/api";

export { eventually, registerAdmin } from "../search/test-fixtures";

export const usd = (amount: number) => ({ amount, currency: "USD" });

export const ADDRESS = { name: "Ada Buyer", line1: "1 Market Street", city: "Lyon", postalCode: "69001", country: "FR" };
export const SHIPPING_DELIVERY = { method: "shipping", address: ADDRESS };

/** A listing's shipping terms: worldwide at USD 5. */
export const WORLDWIDE_SHIPPING = { shipsFrom: { country: "US" }, regions: ["WW"], cost: usd(500) };

export type TestUser = Awaited<ReturnType<typeof registerUser>>;

/** A fresh Idempotency-Key header. */
export const key = (value: string = crypto.randomUUID()) => ({ "Idempotency-Key": value });

/** Money into the user's wallet through the real deposit API (sandbox card pm_card_visa). */
export async function fund(user: TestUser, amountMinor: number, currency = "USD"): Promise<void> {
  const response = await call("POST", "/v1/wallet/deposits", { token: user.accessToken, headers: key(), body: { amount: { amount: amountMinor, currency }, paymentMethod: "pm_card_visa" } });
  expect(response.status).toBe(201);
  expect(response.body.status).toBe("succeeded");
}

export async function wallet(user: TestUser, currency = "USD"): Promise<{ available: number; held: number }> {
  const response = await call("GET", "/v1/wallet", { token: user.accessToken });
  expect(response.status).toBe(200);
  const balance = response.body.balances.find((entry: { currency: string }) => entry.currency === currency);
  return { available: balance?.available.amount ?? 0, held: balance?.held.amount ?? 0 };
}

/** A seller with a fixed-price listing (USD 100.00, shipping USD 5.00 worldwide unless overridden). */
export async function sellerWithListing(overrides: Record<string, unknown> = {}) {
  const seller = await registerSeller("order-seller");
  const listing = await createListingAs(seller.accessToken, { price: usd(10_000), quantity: 5, shipping: WORLDWIDE_SHIPPING, ...overrides });
  return { seller, listing };
}

export function createOrder(buyer: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return call("POST", "/v1/orders", { token: buyer.accessToken, body, headers });
}

/** An order for `quantity` of the listing, asserted created. */
export async function placeOrder(buyer: TestUser, listingId: string, quantity = 1, delivery: unknown = SHIPPING_DELIVERY) {
  const response = await createOrder(buyer, { listingId, quantity, delivery });
  expect(response.status).toBe(201);
  return response.body;
}

export function pay(user: TestUser, orderId: string, body: Record<string, unknown> = { source: "wallet" }, idempotencyKey: string = crypto.randomUUID()): Promise<ApiResponse> {
  return call("POST", `/v1/orders/${orderId}/pay`, { token: user.accessToken, body, headers: key(idempotencyKey) });
}

/** POST /v1/orders/:id/<action>, with an Idempotency-Key (the money-moving ones need it; the others ignore it). */
export function orderAction(user: TestUser | null, orderId: string, action: string, body?: unknown): Promise<ApiResponse> {
  return call("POST", `/v1/orders/${orderId}/${action}`, { ...(user ? { token: user.accessToken } : {}), body, headers: key() });
}

/** A buyer with enough money, an order from a new listing, paid from the wallet. */
export async function paidOrder(listingOverrides: Record<string, unknown> = {}) {
  const { seller, listing } = await sellerWithListing(listingOverrides);
  const buyer = await registerUser("order-buyer");
  const order = await placeOrder(buyer, listing.id);
  await fund(buyer, order.total.amount);
  const paid = await pay(buyer, order.id);
  expect(paid.status).toBe(200);
  return { seller, buyer, listing, order: paid.body };
}

export async function orderRow(orderId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(orders).where(eq(orders.id, orderId)))[0]!);
}

/** The entries of the ledger transfer with this reference, as { account id: amount }. */
export async function transferEntries(reference: string): Promise<Record<string, number>> {
  return withDatabase(async (db) => {
    const rows = await db.orm
      .select({ accountId: ledgerEntries.accountId, amount: ledgerEntries.amountMinor })
      .from(ledgerEntries)
      .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
      .where(eq(ledgerTransfers.reference, reference));
    return Object.fromEntries(rows.map((row) => [row.accountId, row.amount]));
  });
}

/** How many ledger transfers carry this reference (0 or 1: references are unique). */
export async function transferCount(reference: string): Promise<number> {
  return withDatabase(async (db) => (await db.orm.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(eq(ledgerTransfers.reference, reference))).length);
}

export async function accountBalance(accountId: string): Promise<number> {
  return withDatabase(async (db) => (await db.orm.select({ balance: ledgerAccounts.balanceMinor }).from(ledgerAccounts).where(and(eq(ledgerAccounts.id, accountId))))[0]?.balance ?? 0);
}

/** Runs a service call with its own scope (its own connection) and, optionally, a clock set to `now`. */
export async function asRequest<T>(work: (ctx: ServiceContext) => Promise<T>, now?: Date): Promise<T> {
  const scope = createScope(testEnv, createLogger("error"), "test-orders", { ip: null, userAgent: null });
  const ctx = now ? { ...scope.ctx, now: () => now } : scope.ctx;
  try {
    return await work(ctx);
  } finally {
    await scope.close();
  }
}

/** Delivers events to the Worker's queue consumer as the queue would, and returns which messages were acked or retried. */
export async function deliverEvents<T extends EventType>(events: { type: T; payload: EventPayloads[T]; id?: string }[]) {
  const envelopes: EventEnvelope[] = events.map((event) => ({ id: event.id ?? newId("event"), type: event.type, occurredAt: new Date().toISOString(), payload: event.payload }));
  const batch = createMessageBatch("events", envelopes.map((body, index) => ({ id: `msg-${crypto.randomUUID()}-${index}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, testEnv, ctx);
  return getQueueResult(batch, ctx) as Promise<{ explicitAcks: string[]; retryMessages: { msgId: string }[] }>;
}

export const accounts = {
  available: (userId: string) => `user_available:${userId}:USD`,
  held: (userId: string) => `user_held:${userId}:USD`,
  fees: "platform_fees:USD",
};
