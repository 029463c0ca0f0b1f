// Closed auctions: the result written once to Postgres with its auction.closed event (the orders issue turns it into an order).
import { auctionResults, auctionStates } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { inTransaction } from "../platform/events";
import { eq } from "drizzle-orm";

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
