// What the auctions domain hands the anchoring job: closed auctions' results with their bid-log head hash, after a cursor.
import { and, asc, eq, gt, lt, or } from "drizzle-orm";
import { auctionResults } from "../../db/schema";
import type { Queryable } from "../platform/db";
import type { AuctionResult } from "./results-service";

export type AuctionResultToAnchor = Pick<AuctionResult, "listingId" | "winnerId" | "finalPriceMinor" | "currency" | "reserveMet" | "bidCount" | "headHash"> & {
  /** Opaque position of this result; pass the last one back as `after` to continue. */
  cursor: string;
};

/**
 * The cursor orders by (recorded_at, listing_id): "<recorded_at ms>:<listingId>". Not closed_at: a close alarm that ran
 * late (the object was busy, Postgres was down) records a result long after its closed_at, behind the cursor.
 */
function parseCursor(cursor: string): { recordedAt: Date; listingId: string } {
  const colon = cursor.indexOf(":");
  return { recordedAt: new Date(Number(cursor.slice(0, colon))), listingId: cursor.slice(colon + 1) };
}

/** Results recorded after `after` (null: from the start) and before `recordedBefore`, oldest first, at most `limit`. */
export async function auctionResultsToAnchor(q: Queryable, after: string | null, recordedBefore: Date, limit: number): Promise<AuctionResultToAnchor[]> {
  const from = after === null ? null : parseCursor(after);
  const rows = await q
    .select()
    .from(auctionResults)
    .where(
      and(
        lt(auctionResults.recordedAt, recordedBefore),
        from === null ? undefined : or(gt(auctionResults.recordedAt, from.recordedAt), and(eq(auctionResults.recordedAt, from.recordedAt), gt(auctionResults.listingId, from.listingId))),
      ),
    )
    .orderBy(asc(auctionResults.recordedAt), asc(auctionResults.listingId))
    .limit(limit);
  return rows.map((row) => ({
    listingId: row.listingId,
    winnerId: row.winnerId,
    finalPriceMinor: row.finalPriceMinor,
    currency: row.currency,
    reserveMet: row.reserveMet,
    bidCount: row.bidCount,
    headHash: row.headHash,
    cursor: `${row.recordedAt.getTime()}:${row.listingId}`,
  }));
}
