// What the catalog tells an outside search index about listings: the fields a search record is built from.
import { inArray } from "drizzle-orm";
import { listings } from "../../db/schema";
import type { Queryable } from "../platform/db";
import { imageUrl } from "./listing-view";

type ListingRow = typeof listings.$inferSelect;

export interface ListingDocument {
  id: string;
  /** Only "active" listings belong in a search index; the others are to be removed from it. */
  status: ListingRow["status"];
  title: string;
  description: string;
  categoryId: string;
  /** Slugs from the root, "electronics/phones". */
  categoryPath: string;
  condition: ListingRow["condition"];
  format: ListingRow["format"];
  /** The fixed price, or an auction's current price. */
  priceMinor: number;
  currency: string;
  endsAt: Date | null;
  createdAt: Date;
  /** ISO 3166-1 alpha-2 codes, "WW" for worldwide. */
  shipsTo: string[];
  shipsFrom: string | null;
  crowdshipEligible: boolean;
  imageUrl: string | null;
  bidCount: number;
}

/** The listings with these ids that exist, in no particular order (an id with no row is simply absent). */
export async function listingDocuments(q: Queryable, ids: readonly string[]): Promise<ListingDocument[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .select({
      id: listings.id,
      status: listings.status,
      title: listings.title,
      description: listings.description,
      categoryId: listings.categoryId,
      categoryPath: listings.categoryPath,
      condition: listings.condition,
      format: listings.format,
      priceMinor: listings.priceMinor,
      currency: listings.currency,
      endsAt: listings.endsAt,
      createdAt: listings.createdAt,
      shipsTo: listings.shipsTo,
      shipping: listings.shipping,
      crowdshipEligible: listings.crowdshipEligible,
      primaryImageId: listings.primaryImageId,
      bidCount: listings.bidCount,
    })
    .from(listings)
    .where(inArray(listings.id, [...ids]));
  return rows.map(({ shipping, primaryImageId, ...row }) => ({
    ...row,
    shipsFrom: shipping?.shipsFrom.country ?? null,
    imageUrl: primaryImageId === null ? null : imageUrl(primaryImageId),
  }));
}
