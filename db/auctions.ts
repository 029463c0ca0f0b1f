// Tables owned by the auctions domain: copies of each room's bid log, a per-auction read model, and closed results.
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** The AuctionRoom object's bid log, copied asynchronously (the object's own storage is the source of truth). */
export const auctionBids = pgTable(
  "auction_bids",
  {
    listingId: text("listing_id").notNull(),
    seq: integer("seq").notNull(),
    bidderId: text("bidder_id").notNull(),
    bidderAlias: text("bidder_alias").notNull(),
    maxMinor: bigint("max_minor", { mode: "number" }).notNull(),
    priceAfterMinor: bigint("price_after_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    leaderIdAfter: text("leader_id_after").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    hash: text("hash").notNull(),
  },
  (table) => [primaryKey({ columns: [table.listingId, table.seq] }), index("auction_bids_bidder_idx").on(table.bidderId, table.at)],
);

/** Latest known state of each auction someone bid on: what /v1/me/bids reads. */
export const auctionStates = pgTable("auction_states", {
  listingId: text("listing_id").primaryKey(),
  currency: text("currency").notNull(),
  currentPriceMinor: bigint("current_price_minor", { mode: "number" }).notNull(),
  bidCount: integer("bid_count").notNull(),
  leaderId: text("leader_id"),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  status: text("status", { enum: ["open", "closed"] }).notNull(),
  /** The bid seq this row reflects: copies arriving out of order never move it backwards. */
  lastSeq: integer("last_seq").notNull(),
});

export const auctionResults = pgTable("auction_results", {
  listingId: text("listing_id").primaryKey(),
  sellerId: text("seller_id").notNull(),
  winnerId: text("winner_id"),
  finalPriceMinor: bigint("final_price_minor", { mode: "number" }),
  currency: text("currency").notNull(),
  reserveMet: boolean("reserve_met").notNull(),
  bidCount: integer("bid_count").notNull(),
  /** Head of the room's hash-chained bid log: anyone holding the log can check it was not changed. */
  headHash: text("head_hash").notNull(),
  reason: text("reason", { enum: ["ended", "bought"] }).notNull(),
  closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
  /** When the row was written: a late close alarm records it long after closed_at, so the anchoring cursor follows this. */
  // Milliseconds, like every Date in JS: the cursor carries this value back, and a microsecond remainder would repeat rows.
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().default(sql`date_trunc('milliseconds', now())`),
});
