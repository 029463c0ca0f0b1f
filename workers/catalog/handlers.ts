// Event handlers of the catalog: keep the cached public listing view in step with changes made by other paths.
import type { EventHandler } from "../events/registry";
import { forgetCachedListing } from "./listings-service";

function forgetOn<T extends "listing.updated" | "listing.ended" | "auction.closed">(type: T): EventHandler<T> {
  return {
    consumer: `catalog.forget_cached_listing.${type}`,
    type,
    async handle(ctx, _scope, event) {
      forgetCachedListing(ctx, (event.payload as { listingId: string }).listingId);
    },
  };
}

/**
 * Stock reservations, photos and closes change what a listing shows without going through listings-service. (Bids do
 * too: the auctions' batch handler that copies them forgets the listing in the same pass.)
 */
export const listingCacheHandlers = [forgetOn("listing.updated"), forgetOn("listing.ended"), forgetOn("auction.closed")];
