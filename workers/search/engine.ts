// The contract every search engine implements (Postgres by default; Algolia can slot in), and the results it returns.
import type { Money } from "../platform/money";
import type { SearchFacets } from "./facets";
import type { Condition, Format, SearchParams } from "./query";

/** One search hit: what a result card needs, without a second request. */
export interface ListingSummary {
  id: string;
  title: string;
  categoryId: string;
  condition: Condition;
  format: Format;
  /** The fixed price, or an auction's current price. */
  price: Money;
  /** `/v1/images/<primaryImageId>`, or null without photos. */
  imageUrl: string | null;
  endsAt: string | null;
  bidCount: number;
  crowdshipEligible: boolean;
  /** Country the item ships from (shipping.shipsFrom.country). */
  shipsFrom: string | null;
  createdAt: string;
}

export interface SearchResult {
  items: ListingSummary[];
  facets: SearchFacets;
  total: number;
  nextCursor: string | null;
  /** A corrected query when the text as typed matched nothing; the items are then for the correction. */
  didYouMean?: string;
}

export interface SearchEngine {
  /** Stored with each query in analytics: "postgres", "algolia". */
  readonly name: string;
  /**
   * One page of active listings matching `params`, with facet counts (see foldFacets for the rule) and the total.
   * Cursors are the engine's own; one it did not issue, or an unknown category, is a 400 VALIDATION_FAILED.
   */
  search(params: SearchParams): Promise<SearchResult>;
  /** Completions of a normalized, partly typed query from the engine's own index (listing titles), most common first. */
  suggest(prefix: string, limit: number): Promise<string[]>;
}
