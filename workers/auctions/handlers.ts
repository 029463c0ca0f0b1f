// Event handlers around auctions: copy bids to Postgres, keep listings and the read model current, notify the outbid, set rooms up.
import { sql } from "drizzle-orm";
import { auctionBids, auctionStates } from "../../db/schema";
import { applyAuctionClosed, applyAuctionProgress, getAuctionTerms, isAuctionListing, listingTitle } from "../catalog/auction-terms";
import { forgetCachedListing } from "../catalog/listings-service";
import type { BatchEventHandler, EventHandler } from "../events/registry";
import type { EventEnvelope } from "../platform/events";
import { createNotification } from "../notifications/service";
import { formatMoney, isCurrency } from "../platform/money";
import { roomStub } from "./room";

type BidPlaced = EventEnvelope<"auction.bid_placed">["payload"];

/** The newest bid per auction among `bids`: only it decides the read model and the listing's price. */
function newestPerAuction(bids: readonly BidPlaced[]): BidPlaced[] {
  const newest = new Map<string, BidPlaced>();
  for (const bid of bids) {
    const seen = newest.get(bid.listingId);
    if (!seen || seen.seq < bid.seq) newest.set(bid.listingId, bid);
  }
  return [...newest.values()];
}

/**
 * Bid copies, the auction read model and the listing's price and bid count, once per queue batch: under a bidding war
 * one transaction carries every bid the room flushed together, instead of a few transactions per bid.
 */
export const copyBids: BatchEventHandler<"auction.bid_placed"> = {
  consumer: "auctions.copy_bids",
  types: ["auction.bid_placed"],
  enabled: () => true,
  async handleBatch(ctx, { tx }, events) {
    const bids = events.map((event) => event.payload);
    await tx
      .insert(auctionBids)
      .values(
        bids.map((bid) => ({
          listingId: bid.listingId,
          seq: bid.seq,
          bidderId: bid.bidderId,
          bidderAlias: bid.bidderAlias,
          maxMinor: bid.maxMinor,
          priceAfterMinor: bid.priceAfterMinor,
          currency: bid.currency,
          leaderIdAfter: bid.leaderIdAfter,
          at: new Date(bid.at),
          hash: bid.hash,
        })),
      )
      .onConflictDoNothing();
    for (const bid of newestPerAuction(bids)) {
      const state = {
        currency: bid.currency,
        currentPriceMinor: bid.priceAfterMinor,
        bidCount: bid.bidCount,
        leaderId: bid.leaderIdAfter,
        endsAt: new Date(bid.endsAt),
        lastSeq: bid.seq,
      };
      await tx
        .insert(auctionStates)
        .values({ listingId: bid.listingId, status: "open", ...state })
        .onConflictDoUpdate({ target: auctionStates.listingId, set: state, setWhere: sql`${auctionStates.lastSeq} < ${bid.seq}` });
      await applyAuctionProgress(tx, { listingId: bid.listingId, priceMinor: bid.priceAfterMinor, bidCount: bid.bidCount, endsAt: new Date(bid.endsAt) });
      forgetCachedListing(ctx, bid.listingId);
    }
  },
};

export const closeListing: EventHandler<"auction.closed"> = {
  consumer: "catalog.auction_closed",
  type: "auction.closed",
  async handle(ctx, { tx }, { payload }) {
    await applyAuctionClosed(tx, payload, ctx.now());
  },
};

export const notifyOutbid: EventHandler<"auction.outbid"> = {
  consumer: "notifications.outbid",
  type: "auction.outbid",
  async handle(ctx, { tx }, event) {
    const title = await listingTitle(tx, event.payload.listingId);
    const price = isCurrency(event.payload.currency) ? formatMoney({ amount: event.payload.currentPriceMinor, currency: event.payload.currency }) : String(event.payload.currentPriceMinor);
    await createNotification(
      tx,
      {
        userId: event.payload.bidderId,
        kind: "outbid",
        title: `You've been outbid on ${title ?? "an auction"}`,
        body: `The price is now ${price}. Bid again to take the lead.`,
        data: { listingId: event.payload.listingId },
        sourceEventId: event.id,
      },
      ctx.now(),
    );
  },
};

/** A new or edited auction listing gets its room set up, so its close alarm fires even if nobody ever bids. */
function configureOn(type: "listing.created" | "listing.updated"): EventHandler<typeof type> {
  return {
    consumer: `auctions.configure_room.${type}`,
    type,
    async handle(ctx, { tx }, { payload }) {
      const terms = await getAuctionTerms(tx, payload.listingId);
      if (terms) await roomStub(ctx, payload.listingId).configure(terms);
    },
  };
}

export const configureRoomOnCreate = configureOn("listing.created");
export const configureRoomOnUpdate = configureOn("listing.updated");

/** The seller ended an auction listing before any bid: its room closes too. */
export const cancelRoomOnEnd: EventHandler<"listing.ended"> = {
  consumer: "auctions.cancel_room",
  type: "listing.ended",
  async handle(ctx, { tx }, { payload }) {
    if (await isAuctionListing(tx, payload.listingId)) await roomStub(ctx, payload.listingId).cancel();
  },
};
