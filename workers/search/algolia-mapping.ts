// Pure translation between Mnbara and Algolia: listing → record, a search → Algolia multi-query, its answer → SearchResult, and the engine's cursors.
import type { BatchRequest, SearchForHits } from "algoliasearch";
import { z } from "zod";
import type { ListingDocument } from "../catalog/search-documents";
import { sha256Base64Url } from "../platform/crypto";
import { decodeCursor, encodeCursor } from "../platform/cursor";
import { AppError } from "../platform/errors";
import { ALGOLIA_DESCRIPTION_MAX_BYTES, ALGOLIA_MAX_FACET_VALUES, SEARCH_MAX_OFFSET } from "../platform/limits";
import { isCurrency, type Currency } from "../platform/money";
import { indexForOrder } from "./algolia-client";
import type { ListingSummary, SearchResult } from "./engine";
import type { SearchFacets } from "./facets";
import { CONDITIONS, FORMATS, normalizeQueryText, type SearchFilters, type SearchOrder, type SearchParams } from "./query";

/**
 * One listing in the index. Times are epoch milliseconds: Algolia filters and sorts numbers, and ms keep the API's precision.
 * A type, not an interface, so it fits the client's Record<string, unknown> bodies.
 */
export type AlgoliaListingRecord = {
  objectID: string;
  title: string;
  description: string;
  categoryId: string;
  categoryPath: string;
  /** Every prefix of the path, root first: filtering on one finds that category and all below it. */
  categoryPaths: string[];
  condition: ListingSummary["condition"];
  format: ListingSummary["format"];
  priceMinor: number;
  currency: string;
  /** Null for fixed-price listings: Algolia ranks a missing value last whichever way it sorts (as NULLS LAST does). */
  endsAtMs: number | null;
  createdAtMs: number;
  shipsTo: string[];
  shipsFrom: string | null;
  crowdshipEligible: boolean;
  imageUrl: string | null;
  bidCount: number;
};

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never cutting a character in two. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  const { read } = encoder.encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}

/** "electronics/phones/cases" → ["electronics", "electronics/phones", "electronics/phones/cases"]. */
export function categoryPathPrefixes(path: string): string[] {
  const slugs = path.split("/");
  return slugs.map((_, index) => slugs.slice(0, index + 1).join("/"));
}

export function listingRecord(document: ListingDocument): AlgoliaListingRecord {
  return {
    objectID: document.id,
    title: document.title,
    description: truncateUtf8(document.description, ALGOLIA_DESCRIPTION_MAX_BYTES),
    categoryId: document.categoryId,
    categoryPath: document.categoryPath,
    categoryPaths: categoryPathPrefixes(document.categoryPath),
    condition: document.condition,
    format: document.format,
    priceMinor: document.priceMinor,
    currency: document.currency,
    endsAtMs: document.endsAt?.getTime() ?? null,
    createdAtMs: document.createdAt.getTime(),
    shipsTo: document.shipsTo,
    shipsFrom: document.shipsFrom,
    crowdshipEligible: document.crowdshipEligible,
    imageUrl: document.imageUrl,
    bidCount: document.bidCount,
  };
}

/**
 * One write per listing id, in the order given: active listings are replaced whole (created if new), any other status
 * (draft, ended, sold) or a listing that no longer exists is deleted (a no-op for one never indexed).
 */
export function syncRequests(listingIds: readonly string[], documents: readonly ListingDocument[]): BatchRequest[] {
  const byId = new Map(documents.map((document) => [document.id, document]));
  return listingIds.map((id) => {
    const document = byId.get(id);
    return document?.status === "active" ? { action: "updateObject", body: listingRecord(document) } : { action: "deleteObject", body: { objectID: id } };
  });
}

/** The facets each of whose counts ignore its own filter (see foldFacets): each one refined costs one extra query. */
export const DISJUNCTIVE_FACETS = ["condition", "format", "crowdshipEligible"] as const;
export type DisjunctiveFacet = (typeof DISJUNCTIVE_FACETS)[number];
const FACETS = ["categoryId", ...DISJUNCTIVE_FACETS];

/** What a result card needs; the description stays in Algolia. objectID always comes back. */
export const SUMMARY_ATTRIBUTES = ["title", "categoryId", "condition", "format", "priceMinor", "currency", "imageUrl", "endsAtMs", "bidCount", "crowdshipEligible", "shipsFrom", "createdAtMs"];

/** A filter value, quoted and escaped for Algolia's filter syntax. */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

function anyOf(attribute: string, values: readonly string[]): string {
  const alternatives = values.map((value) => `${attribute}:${quoted(value)}`);
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" OR ")})`;
}

/** The `filters` string for the search, leaving out one facet's own filter when counting that facet. */
export function filterString(filters: SearchFilters, categoryPath: string | null, without: DisjunctiveFacet | null = null): string {
  const clauses: string[] = [];
  if (categoryPath !== null) clauses.push(`categoryPaths:${quoted(categoryPath)}`);
  if (filters.currency !== undefined) clauses.push(`currency:${quoted(filters.currency)}`);
  if (filters.minPriceMinor !== undefined) clauses.push(`priceMinor >= ${filters.minPriceMinor}`);
  if (filters.maxPriceMinor !== undefined) clauses.push(`priceMinor <= ${filters.maxPriceMinor}`);
  if (filters.shipsTo !== undefined) clauses.push(anyOf("shipsTo", [filters.shipsTo, "WW"]));
  if (filters.conditions !== undefined && without !== "condition") clauses.push(anyOf("condition", filters.conditions));
  if (filters.formats !== undefined && without !== "format") clauses.push(anyOf("format", filters.formats));
  if (filters.crowdship !== undefined && without !== "crowdshipEligible") clauses.push(`crowdshipEligible:${filters.crowdship}`);
  return clauses.join(" AND ");
}

/** The facets whose filter the search sets, in a fixed order: each gets a counting query after the main one. */
export function refinedFacets(filters: SearchFilters): DisjunctiveFacet[] {
  return DISJUNCTIVE_FACETS.filter((facet) => (facet === "condition" ? filters.conditions : facet === "format" ? filters.formats : filters.crowdship) !== undefined);
}

export interface AlgoliaSearchInput {
  indexName: string;
  params: SearchParams;
  order: SearchOrder;
  page: number;
  /** The path of params.filters.categoryId, already looked up (null without a category filter). */
  categoryPath: string | null;
}

/**
 * One multi-query: the page with every filter (hits, total, category facet, and the facets whose filter is not set),
 * then per refined facet a query with no hits that counts that facet without its own filter (Algolia's disjunctive faceting).
 */
export function algoliaSearchRequests(input: AlgoliaSearchInput): SearchForHits[] {
  const { params, categoryPath } = input;
  const indexName = indexForOrder(input.indexName, input.order);
  const main: SearchForHits = {
    indexName,
    query: params.text,
    filters: filterString(params.filters, categoryPath),
    facets: FACETS,
    maxValuesPerFacet: ALGOLIA_MAX_FACET_VALUES,
    hitsPerPage: params.limit,
    page: input.page,
    attributesToRetrieve: SUMMARY_ATTRIBUTES,
    attributesToHighlight: [],
  };
  const counts = refinedFacets(params.filters).map(
    (facet): SearchForHits => ({
      indexName,
      query: params.text,
      filters: filterString(params.filters, categoryPath, facet),
      facets: [facet],
      hitsPerPage: 0,
      attributesToRetrieve: [],
      attributesToHighlight: [],
      analytics: false, // a counting query is not a search someone made
    }),
  );
  return [main, ...counts];
}

const FacetCountsSchema = z.record(z.string(), z.record(z.string(), z.number().int()));

const SearchAnswerSchema = z.object({
  hits: z.array(z.unknown()),
  nbHits: z.number().int(),
  nbPages: z.number().int(),
  facets: FacetCountsSchema.optional(),
});

const HitSchema = z.object({
  objectID: z.string(),
  title: z.string(),
  categoryId: z.string(),
  condition: z.enum(CONDITIONS),
  format: z.enum(FORMATS),
  priceMinor: z.number().int(),
  currency: z.custom<Currency>((value) => typeof value === "string" && isCurrency(value)),
  imageUrl: z.string().nullable(),
  endsAtMs: z.number().nullable(),
  bidCount: z.number().int(),
  crowdshipEligible: z.boolean(),
  shipsFrom: z.string().nullable(),
  createdAtMs: z.number(),
});

/** An answer we cannot read means the index and this code disagree: a broken invariant, not a user error. */
function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`invariant failed: Algolia returned ${what} this code cannot read: ${parsed.error.message}`);
  return parsed.data;
}

function toSummary(hit: z.infer<typeof HitSchema>): ListingSummary {
  return {
    id: hit.objectID,
    title: hit.title,
    categoryId: hit.categoryId,
    condition: hit.condition,
    format: hit.format,
    price: { amount: hit.priceMinor, currency: hit.currency },
    imageUrl: hit.imageUrl,
    endsAt: hit.endsAtMs === null ? null : new Date(hit.endsAtMs).toISOString(),
    bidCount: hit.bidCount,
    crowdshipEligible: hit.crowdshipEligible,
    shipsFrom: hit.shipsFrom,
    createdAt: new Date(hit.createdAtMs).toISOString(),
  };
}

/** Counts for each of `values`, zero for those Algolia did not return (it omits values with no matches). */
function countsOf<T extends string>(values: readonly T[], counts: Record<string, number> | undefined): Record<T, number> {
  return Object.fromEntries(values.map((value) => [value, counts?.[value] ?? 0])) as Record<T, number>;
}

/**
 * Maps the multi-query's results (in algoliaSearchRequests' order) to the engine's result: items and total from the main
 * query, each refined facet's counts from its own query. didYouMean stays unset: Algolia's typo tolerance answers a
 * misspelt query directly and reports no corrected query.
 */
export function algoliaSearchResult(params: SearchParams, page: number, fingerprint: string, results: readonly unknown[]): SearchResult {
  const refined = refinedFacets(params.filters);
  if (results.length !== 1 + refined.length) throw new Error(`invariant failed: ${1 + refined.length} Algolia results expected, got ${results.length}`);
  const [main, ...counted] = results.map((result, index) => parseOrThrow(SearchAnswerSchema, result, `result ${index}`));
  const facetCounts = (facet: DisjunctiveFacet) => {
    const index = refined.indexOf(facet);
    return (index < 0 ? main! : counted[index]!).facets?.[facet];
  };
  const crowdship = facetCounts("crowdshipEligible");
  const facets: SearchFacets = {
    categoryId: { ...main!.facets?.categoryId },
    condition: countsOf(CONDITIONS, facetCounts("condition")),
    format: countsOf(FORMATS, facetCounts("format")),
    crowdshipEligible: { true: crowdship?.true ?? 0, false: crowdship?.false ?? 0 },
  };
  return {
    items: main!.hits.map((hit, index) => toSummary(parseOrThrow(HitSchema, hit, `hit ${index}`))),
    facets,
    total: main!.nbHits,
    nextCursor: page + 1 < main!.nbPages ? encodeAlgoliaCursor(page + 1, fingerprint) : null,
  };
}

/** Titles of the hits as suggestions: normalized like a typed query (the other suggestions are past queries), duplicates dropped. */
export function suggestionTitles(hits: readonly unknown[]): string[] {
  const titles = hits.map((hit) => parseOrThrow(z.object({ title: z.string() }), hit, "a suggestion hit").title);
  return [...new Set(titles.map(normalizeQueryText).filter((title) => title !== ""))];
}

/** Identifies the search a cursor belongs to: everything but the cursor itself. 128 bits of SHA-256 is plenty to tell searches apart. */
export async function searchFingerprint(params: SearchParams): Promise<string> {
  return (await sha256Base64Url(JSON.stringify([params.text, params.filters, params.sort, params.limit]))).slice(0, 22);
}

/** Algolia pages by number: the cursor is the next page and the fingerprint of the search it continues. */
export function encodeAlgoliaCursor(page: number, fingerprint: string): string {
  return encodeCursor({ key: page, id: fingerprint });
}

function invalidCursor(message: string): never {
  throw new AppError("VALIDATION_FAILED", "The cursor is not one this search issued.", { errors: [{ path: "cursor", message }] });
}

/** The page a cursor points to; one from another search (or another engine), or past the last page anyone may read, is a 400. */
export function decodeAlgoliaCursor(text: string, fingerprint: string, limit: number): number {
  const { key: page, id } = decodeCursor(text);
  if (typeof page !== "number" || !Number.isSafeInteger(page) || page < 1) invalidCursor("invalid page");
  if (id !== fingerprint) invalidCursor("this cursor belongs to another search");
  if (page * limit >= SEARCH_MAX_OFFSET) invalidCursor("past the last page");
  return page;
}
