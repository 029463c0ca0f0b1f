// Keeps the Algolia index in step with listings: once per queue batch, one Algolia batch request for every listing its events touched.
import { sql } from "drizzle-orm";
import { listingDocuments } from "../catalog/search-documents";
import type { BatchEventHandler } from "../events/registry";
import type { Tx } from "../platform/db";
import { assert } from "../platform/errors";
import { algoliaConfig, createAlgoliaClient } from "./algolia-client";
import { syncRequests } from "./algolia-mapping";

/** Seeds the advisory-lock keys of this sync, apart from any other user of advisory locks. */
const LOCK_KEY_SEED = 7_301;

/**
 * Two queue batches may be consumed at once. Without this, one that read a listing earlier could reach Algolia later
 * and leave the older record standing. Each flush therefore holds a transaction-scoped advisory lock per listing
 * (taken in key order, so two flushes cannot deadlock) from before it reads until it commits, after Algolia answered:
 * a later flush of the same listing reads only then, and its write is sent after the earlier one. Catalog writes do not
 * take these locks and are never held up.
 */
async function takeTurnsPerListing(tx: Tx, listingIds: readonly string[]): Promise<void> {
  const ids = sql.join(
    listingIds.map((id) => sql`${id}`),
    sql`, `,
  );
  await tx.execute(sql`
    SELECT pg_advisory_xact_lock(key)
    FROM (SELECT DISTINCT hashtextextended(id, ${LOCK_KEY_SEED}) AS key FROM unnest(ARRAY[${ids}]::text[]) AS id ORDER BY key) AS keys`);
}

/** Every event after which a listing's record may differ: it appeared, changed, ended, took a bid (price, count), or closed. */
type ListingChange = "listing.created" | "listing.updated" | "listing.ended" | "auction.bid_placed" | "auction.closed";

/**
 * The events carry only ids: the records are built from the listings as they are now (read inside the claiming
 * transaction, after the batch's other handlers moved bids and closes onto the listing), so a late or repeated event
 * re-sends the current state rather than an old one.
 */
export const syncListingsToAlgolia: BatchEventHandler<ListingChange> = {
  consumer: "search.algolia_sync",
  types: ["listing.created", "listing.updated", "listing.ended", "auction.bid_placed", "auction.closed"],
  enabled: (env) => algoliaConfig(env) !== null,
  async handleBatch(ctx, { tx }, events) {
    const config = algoliaConfig(ctx.env);
    assert(config !== null, "the Algolia sync runs only when Algolia is configured");
    const listingIds = [...new Set(events.map((event) => event.payload.listingId))];
    await takeTurnsPerListing(tx, listingIds);
    const requests = syncRequests(listingIds, await listingDocuments(tx, listingIds));
    const client = createAlgoliaClient(config.appId, config.adminKey, config.hosts);
    // A failure throws: the claims roll back and every event of the batch is retried with backoff.
    await client.batch({ indexName: config.indexName, batchWriteParams: { requests } });
  },
};
