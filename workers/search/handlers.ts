// Event handlers of the search domain: a change to what search shows retires the cached search pages.
import type { EventHandler } from "../events/registry";
import { invalidateSearchCache } from "./cache";

// Bids (auction.bid_placed) are left out on purpose: they would retire every cached page on every bid, and the
// cache TTL already bounds how stale a price or bid count can be. A closed auction leaves the results, so it counts.
type ResultsChange = "listing.created" | "listing.updated" | "listing.ended" | "auction.closed";

function invalidateOn<T extends ResultsChange>(type: T): EventHandler<T> {
  return { consumer: "search.cache", type, handle: (ctx) => invalidateSearchCache(ctx) };
}

export const invalidateSearchOnListingCreated = invalidateOn("listing.created");
export const invalidateSearchOnListingUpdated = invalidateOn("listing.updated");
export const invalidateSearchOnListingEnded = invalidateOn("listing.ended");
export const invalidateSearchOnAuctionClosed = invalidateOn("auction.closed");
