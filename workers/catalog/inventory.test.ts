// Stock reservations: no overselling under concurrency, idempotent per holder, released on cancel and on lapse, consumed on payment.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listings, stockReservations } from "../../db/schema";
import { createScope, type ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { createLogger } from "../platform/logger";
import { call, createListingAs, registerSeller, testEnv, withDatabase } from "../test-support/api";
import { consumeStock, releaseExpiredReservations, releaseStock, reserveStock } from "./inventory-service";

/** Runs a service call with its own scope (its own connection), as a separate request would. */
async function asRequest<T>(work: (ctx: ServiceContext) => Promise<T>, now?: Date): Promise<T> {
  const scope = createScope(testEnv, createLogger("error"), "test", { ip: null, userAgent: null });
  const ctx = now ? { ...scope.ctx, now: () => now } : scope.ctx;
  try {
    return await work(ctx);
  } finally {
    await scope.close();
  }
}

async function listingState(id: string) {
  return withDatabase(async (db) => (await db.orm.select({ status: listings.status, available: listings.quantityAvailable }).from(listings).where(eq(listings.id, id)))[0]);
}

async function listingWithStock(quantity: number) {
  const seller = await registerSeller("stock");
  return createListingAs(seller.accessToken, { quantity });
}

describe("reserveStock", () => {
  it("gives exactly 10 of 50 simultaneous buyers of a quantity-10 listing a reservation; the rest get OUT_OF_STOCK", async () => {
    const listing = await listingWithStock(10);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, buyer) => asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 1, holderRef: `ord_buyer_${buyer}` }))),
    );
    const failures = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(10);
    expect(failures).toHaveLength(40);
    expect(failures.every((failure) => failure.reason instanceof AppError && failure.reason.code === "OUT_OF_STOCK" && failure.reason.status === 409)).toBe(true);
    expect(await listingState(listing.id)).toEqual({ status: "active", available: 0 });
    const active = await withDatabase((db) => db.orm.select().from(stockReservations).where(eq(stockReservations.listingId, listing.id)));
    expect(active).toHaveLength(10);
  });

  it("shows the new availability on the public listing, even once its view was cached", async () => {
    const listing = await listingWithStock(5);
    expect((await call("GET", `/v1/listings/${listing.id}`)).body.quantityAvailable).toBe(5);
    await asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 2, holderRef: "ord_visible" }));
    let shown = 0;
    for (let attempt = 0; attempt < 100 && shown !== 3; attempt++) {
      shown = (await call("GET", `/v1/listings/${listing.id}`)).body.quantityAvailable;
      if (shown !== 3) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(shown).toBe(3);
  });

  it("returns the same reservation when the same holder asks twice", async () => {
    const listing = await listingWithStock(5);
    const first = await asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 2, holderRef: "ord_twice" }));
    const second = await asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 2, holderRef: "ord_twice" }));
    expect(second.id).toBe(first.id);
    expect((await listingState(listing.id))?.available).toBe(3);
  });

  it("refuses more than is available with the count left, and an unknown listing with 404", async () => {
    const listing = await listingWithStock(2);
    await expect(asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 3, holderRef: "ord_greedy" }))).rejects.toMatchObject({ code: "OUT_OF_STOCK", extra: { available: 2 } });
    await expect(asRequest((ctx) => reserveStock(ctx, { listingId: "lst_missing", quantity: 1, holderRef: "ord_x" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("releasing and consuming", () => {
  it("puts stock back on release, once, however often release is called", async () => {
    const listing = await listingWithStock(3);
    await asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 2, holderRef: "ord_cancel" }));
    await asRequest((ctx) => releaseStock(ctx, { listingId: listing.id, holderRef: "ord_cancel" }));
    const again = await asRequest((ctx) => releaseStock(ctx, { listingId: listing.id, holderRef: "ord_cancel" }));
    expect(again.status).toBe("released");
    expect((await listingState(listing.id))?.available).toBe(3);
  });

  it("marks the listing sold once the last unit's reservation is consumed", async () => {
    const listing = await listingWithStock(1);
    await asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 1, holderRef: "ord_paid" }));
    const consumed = await asRequest((ctx) => consumeStock(ctx, { listingId: listing.id, holderRef: "ord_paid" }));
    expect(consumed.status).toBe("consumed");
    expect(await listingState(listing.id)).toEqual({ status: "sold", available: 0 });
    await expect(asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 1, holderRef: "ord_late" }))).rejects.toMatchObject({ code: "LISTING_NOT_ACTIVE" });
  });

  it("releases lapsed reservations from cron, and a lapsed one can no longer be consumed", async () => {
    const listing = await listingWithStock(4);
    await asRequest((ctx) => reserveStock(ctx, { listingId: listing.id, quantity: 3, holderRef: "ord_lapse", ttlSeconds: 60 }));
    expect((await listingState(listing.id))?.available).toBe(1);
    const released = await asRequest((ctx) => releaseExpiredReservations(ctx), new Date(Date.now() + 120_000));
    expect(released).toBeGreaterThanOrEqual(1);
    expect((await listingState(listing.id))?.available).toBe(4);
    await expect(asRequest((ctx) => consumeStock(ctx, { listingId: listing.id, holderRef: "ord_lapse" }))).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
