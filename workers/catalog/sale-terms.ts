// What the catalog tells the orders domain about a listing it sells: seller, format and status, price, delivery terms.
import { eq } from "drizzle-orm";
import { listings, type ShippingOptions } from "../../db/schema";
import type { Queryable } from "../platform/db";
import type { Currency, Money } from "../platform/money";
import type { ListingStatus } from "./listing-rules";

export interface SaleTerms {
  listingId: string;
  sellerId: string;
  title: string;
  format: "fixed" | "auction";
  status: ListingStatus;
  /** The fixed price, or an auction's current visible price. */
  price: Money;
  /** null: the seller set no shipping terms. */
  shipping: ShippingOptions | null;
  crowdshipEligible: boolean;
}

/** A listing's terms of sale, any status (the caller decides what it may buy), or null when there is no such listing. */
export async function saleTerms(q: Queryable, listingId: string): Promise<SaleTerms | null> {
  const [row] = await q
    .select({
      id: listings.id,
      sellerId: listings.sellerId,
      title: listings.title,
      format: listings.format,
      status: listings.status,
      priceMinor: listings.priceMinor,
      currency: listings.currency,
      shipping: listings.shipping,
      crowdshipEligible: listings.crowdshipEligible,
    })
    .from(listings)
    .where(eq(listings.id, listingId))
    .limit(1);
  if (!row) return null;
  return {
    listingId: row.id,
    sellerId: row.sellerId,
    title: row.title,
    format: row.format,
    status: row.status,
    price: { amount: row.priceMinor, currency: row.currency as Currency },
    shipping: row.shipping,
    crowdshipEligible: row.crowdshipEligible,
  };
}
