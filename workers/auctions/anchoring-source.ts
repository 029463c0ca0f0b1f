// What the auctions domain hands the anchoring job: closed auctions' results with their bid-log head hash, after a cursor.
import { and, asc, eq, gt, lt, or } from "drizzle-orm";
import { auctionResults } from "../../db/schema";
import type { Queryable } from "../platform/db";
import type { AuctionResult } from "./results-service";

export type AuctionResultToAnchor = Pick<AuctionResult, "listingId" | "winnerId" | "finalPriceMinor" | "currency" | "reserveMet" | "bidCount" | "headHash"> & {
  /** Opaque position of this result; pass the last one back as `after` to continue. */
  cursor: string;
};

/** The cursor orders by (closed_at, listing_id): "<closed_at ms>:<listingId>". */
function parseCursor(cursor: string): { closedAt: Date; listingId: string } {
  const colon = cursor.indexOf(":");
  return { closedAt: new Date(Number(cursor.slice(0, colon))), listingId: cursor.slice(colon + 1) };
}

/** Results closed after `after` (null: from the start) and before `closedBefore`, oldest first, at most `limit`. */
export async function auctionResultsToAnchor(q: Queryable, after: string | null, closedBefore: Date, limit: number): Promise<AuctionResultToAnchor[]> {
  const from = after === null ? null : parseCursor(after);
  const rows = await q
    .select()
    .from(auctionResults)
    .where(
      and(
        lt(auctionResults.closedAt, closedBefore),
        from === null ? undefined : or(gt(auctionResults.closedAt, from.closedAt), and(eq(auctionResults.closedAt, from.closedAt), gt(auctionResults.listingId, from.listingId))),
      ),
    )
    .orderBy(asc(auctionResults.closedAt), asc(auctionResults.listingId))
    .limit(limit);
  return rows.map((row) => ({
    listingId: row.listingId,
    winnerId: row.winnerId,
    finalPriceMinor: row.finalPriceMinor,
    currency: row.currency,
    reserveMet: row.reserveMet,
    bidCount: row.bidCount,
    headHash: row.headHash,
    cursor: `${row.closedAt.getTime()}:${row.listingId}`,
  }));
}
