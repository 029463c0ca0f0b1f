// What the catalog tells the auctions domain: an auction listing's terms, and how bids and results show on the listing.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { listings } from "../../db/schema";
import type { AuctionTerms } from "../../durable-objects/auction-room/engine";
import { isAuctionCurrency } from "../../durable-objects/auction-room/increments";
import type { Queryable, Tx } from "../platform/db";
import { AUCTION_DEFAULT_SOFT_CLOSE_SECONDS, AUCTION_MAX_EXTENSION_SECONDS } from "../platform/limits";

/** Terms of a live auction listing, or null when the listing is not one (drafts and ended listings take no bids). */
export async function getAuctionTerms(q: Queryable, listingId: string): Promise<AuctionTerms | null> {
  const [row] = await q.select().from(listings).where(eq(listings.id, listingId)).limit(1);
  if (!row || row.format !== "auction" || row.status !== "active" || !row.endsAt || !isAuctionCurrency(row.currency)) return null;
  return {
    listingId: row.id,
    sellerId: row.sellerId,
    currency: row.currency,
    startPriceMinor: row.startPriceMinor ?? row.priceMinor,
    reservePriceMinor: row.reservePriceMinor,
    buyItNowPriceMinor: row.buyItNowPriceMinor,
    endsAtMs: row.endsAt.getTime(),
    closeMode: row.closeMode ?? "hard",
    softCloseSeconds: row.softCloseSeconds ?? AUCTION_DEFAULT_SOFT_CLOSE_SECONDS,
    maxExtensionSeconds: AUCTION_MAX_EXTENSION_SECONDS,
  };
}

/** A bid copy arrived: show its price and count on the listing (copies can arrive out of order; never go backwards). */
export async function applyAuctionProgress(tx: Tx, progress: { listingId: string; priceMinor: number; bidCount: number; endsAt: Date }): Promise<void> {
  await tx
    .update(listings)
    .set({ priceMinor: progress.priceMinor, bidCount: progress.bidCount, endsAt: progress.endsAt, version: sql`${listings.version} + 1` })
    .where(and(eq(listings.id, progress.listingId), lt(listings.bidCount, progress.bidCount)));
}

/** The auction closed: sold to the winner, or ended without one. */
export async function applyAuctionClosed(tx: Tx, result: { listingId: string; winnerId: string | null; finalPriceMinor: number | null; bidCount: number }, now: Date): Promise<void> {
  await tx
    .update(listings)
    .set({
      status: result.winnerId ? "sold" : "ended",
      quantityAvailable: result.winnerId ? 0 : sql`${listings.quantityAvailable}`,
      ...(result.finalPriceMinor !== null ? { priceMinor: result.finalPriceMinor } : {}),
      bidCount: sql`greatest(${listings.bidCount}, ${result.bidCount})`,
      endedAt: now,
      version: sql`${listings.version} + 1`,
    })
    .where(and(eq(listings.id, result.listingId), sql`${listings.status} in ('active', 'draft')`));
}

export async function isAuctionListing(q: Queryable, listingId: string): Promise<boolean> {
  const [row] = await q.select({ format: listings.format }).from(listings).where(eq(listings.id, listingId)).limit(1);
  return row?.format === "auction";
}

/** The title to name a listing by in notifications. */
export async function listingTitle(q: Queryable, listingId: string): Promise<string | null> {
  const [row] = await q.select({ title: listings.title }).from(listings).where(eq(listings.id, listingId)).limit(1);
  return row?.title ?? null;
}

export async function listingTitles(q: Queryable, listingIds: readonly string[]): Promise<Map<string, string>> {
  if (listingIds.length === 0) return new Map();
  const rows = await q.select({ id: listings.id, title: listings.title }).from(listings).where(inArray(listings.id, [...listingIds]));
  return new Map(rows.map((row) => [row.id, row.title]));
}
