// Event handlers around auctions: copy bids to Postgres, keep listings and the read model current, notify the outbid, set rooms up.
import { sql } from "drizzle-orm";
import { auctionBids, auctionStates } from "../../db/schema";
import { applyAuctionClosed, applyAuctionProgress, getAuctionTerms, isAuctionListing, listingTitle } from "../catalog/auction-terms";
import type { EventHandler } from "../events/registry";
import { createNotification } from "../notifications/service";
import { formatMoney, isCurrency } from "../platform/money";
import { roomStub } from "./room";

export const copyBid: EventHandler<"auction.bid_placed"> = {
  consumer: "auctions.copy_bid",
  type: "auction.bid_placed",
  async handle(_ctx, { tx }, { payload }) {
    await tx
      .insert(auctionBids)
      .values({
        listingId: payload.listingId,
        seq: payload.seq,
        bidderId: payload.bidderId,
        bidderAlias: payload.bidderAlias,
        maxMinor: payload.maxMinor,
        priceAfterMinor: payload.priceAfterMinor,
        currency: payload.currency,
        leaderIdAfter: payload.leaderIdAfter,
        at: new Date(payload.at),
        hash: payload.hash,
      })
      .onConflictDoNothing();
    const state = {
      currency: payload.currency,
      currentPriceMinor: payload.priceAfterMinor,
      bidCount: payload.bidCount,
      leaderId: payload.leaderIdAfter,
      endsAt: new Date(payload.endsAt),
      lastSeq: payload.seq,
    };
    await tx
      .insert(auctionStates)
      .values({ listingId: payload.listingId, status: "open", ...state })
      .onConflictDoUpdate({ target: auctionStates.listingId, set: state, setWhere: sql`${auctionStates.lastSeq} < ${payload.seq}` });
  },
};

export const showBidOnListing: EventHandler<"auction.bid_placed"> = {
  consumer: "catalog.auction_progress",
  type: "auction.bid_placed",
  async handle(_ctx, { tx }, { payload }) {
    await applyAuctionProgress(tx, { listingId: payload.listingId, priceMinor: payload.priceAfterMinor, bidCount: payload.bidCount, endsAt: new Date(payload.endsAt) });
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
