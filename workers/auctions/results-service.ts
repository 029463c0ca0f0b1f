// Closed auctions: the result written once to Postgres with its auction.closed event (the orders issue turns it into an order).
import { auctionBids, auctionResults, auctionStates } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import type { Queryable } from "../platform/db";
import { inTransaction } from "../platform/events";
import { and, asc, desc, eq, max, min, notInArray } from "drizzle-orm";

export interface AuctionResult {
  listingId: string;
  sellerId: string;
  winnerId: string | null;
  finalPriceMinor: number | null;
  currency: string;
  reserveMet: boolean;
  bidCount: number;
  headHash: string;
  reason: "ended" | "bought";
  closedAt: Date;
}

/** Idempotent: a second call for the same auction (a retried alarm) writes nothing and emits nothing. */
export async function recordAuctionResult(ctx: ServiceContext, result: AuctionResult): Promise<boolean> {
  return inTransaction(ctx, async ({ tx, emit }) => {
    const inserted = await tx.insert(auctionResults).values(result).onConflictDoNothing().returning({ listingId: auctionResults.listingId });
    if (inserted.length === 0) return false;
    await tx.update(auctionStates).set({ status: "closed" }).where(eq(auctionStates.listingId, result.listingId));
    const { closedAt: _closedAt, ...payload } = result;
    await emit("auction.closed", payload);
    return true;
  });
}

/**
 * The best bidder left once `excludeUserIds` (the winner, earlier second-chance buyers) are set aside: their highest
 * maximum from the bids copied to Postgres, the earlier bidder first on a tie. Null when nobody else bid.
 * Takes a Queryable so the orders domain can ask inside its own transaction.
 */
export async function runnerUp(q: Queryable, listingId: string, excludeUserIds: readonly string[]): Promise<{ bidderId: string; maxMinor: number } | null> {
  const best = max(auctionBids.maxMinor);
  const [row] = await q
    .select({ bidderId: auctionBids.bidderId, maxMinor: best })
    .from(auctionBids)
    .where(and(eq(auctionBids.listingId, listingId), excludeUserIds.length > 0 ? notInArray(auctionBids.bidderId, [...excludeUserIds]) : undefined))
    .groupBy(auctionBids.bidderId)
    .orderBy(desc(best), asc(min(auctionBids.seq)))
    .limit(1);
  return row && row.maxMinor !== null ? { bidderId: row.bidderId, maxMinor: Number(row.maxMinor) } : null;
}
