// Pure search-request logic: query text normalization, the filter description, and each sort's cursor. No I/O.
import type { listings } from "../../db/schema";
import { decodeCursor, encodeCursor } from "../platform/cursor";
import { AppError, type FieldError } from "../platform/errors";
import { SEARCH_CORRECTION_MAX_WORDS, SEARCH_MAX_OFFSET, SEARCH_QUERY_MAX_LENGTH } from "../platform/limits";
import { MAX_MONEY_AMOUNT_MINOR, type Currency } from "../platform/money";

type ListingRow = typeof listings.$inferSelect;
export type Condition = ListingRow["condition"];
export type Format = ListingRow["format"];
export const CONDITIONS = ["new", "used", "refurbished"] as const satisfies readonly Condition[];
export const FORMATS = ["fixed", "auction"] as const satisfies readonly Format[];
export const SEARCH_SORTS = ["relevance", "price_asc", "price_desc", "ending_soon", "newest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Only the filters a request set; arrays sorted and deduplicated, so equal searches describe (and cache) equally. */
export interface SearchFilters {
  categoryId?: string;
  conditions?: Condition[];
  formats?: Format[];
  currency?: Currency;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  /** ISO 3166-1 alpha-2, upper case; matches listings shipping there or worldwide. */
  shipsTo?: string;
  crowdship?: boolean;
}

export interface SearchParams {
  /** Normalized query text; "" browses by filters alone. */
  text: string;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
  /** As the client sent it: each engine issues and decodes its own. */
  cursor: string | null;
}

/** What the HTTP layer hands over once each field has the right shape. */
export interface SearchInput {
  q?: string;
  categoryId?: string;
  condition?: Condition[];
  format?: Format[];
  minPrice?: number;
  maxPrice?: number;
  currency?: Currency;
  shipsTo?: string;
  crowdship?: boolean;
  sort: SearchSort;
  limit: number;
  cursor?: string;
}

/** Lower case, one space between words, NFKC (full-width letters, ligatures) and bounded: the form stored in analytics and cache keys. */
export function normalizeQueryText(raw: string): string {
  const collapsed = raw.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
  return Array.from(collapsed).slice(0, SEARCH_QUERY_MAX_LENGTH).join("").trimEnd();
}

function inCanonicalOrder<T extends string>(values: readonly T[], order: readonly T[]): T[] {
  return order.filter((value) => values.includes(value));
}

/** Checks the rules that span fields and builds the engine's input. */
export function buildSearchParams(input: SearchInput): SearchParams {
  const errors: FieldError[] = [];
  if ((input.minPrice !== undefined || input.maxPrice !== undefined) && input.currency === undefined) {
    errors.push({ path: "currency", message: "required with minPrice or maxPrice (they are minor units of it)" });
  }
  if (input.minPrice !== undefined && input.maxPrice !== undefined && input.minPrice > input.maxPrice) {
    errors.push({ path: "maxPrice", message: "must not be below minPrice" });
  }
  if (errors.length > 0) throw new AppError("VALIDATION_FAILED", "The search query is invalid.", { errors });
  const filters: SearchFilters = {};
  if (input.categoryId !== undefined) filters.categoryId = input.categoryId;
  if (input.condition !== undefined) filters.conditions = inCanonicalOrder(input.condition, CONDITIONS);
  if (input.format !== undefined) filters.formats = inCanonicalOrder(input.format, FORMATS);
  if (input.currency !== undefined) filters.currency = input.currency;
  if (input.minPrice !== undefined) filters.minPriceMinor = input.minPrice;
  if (input.maxPrice !== undefined) filters.maxPriceMinor = input.maxPrice;
  if (input.shipsTo !== undefined) filters.shipsTo = input.shipsTo.toUpperCase();
  if (input.crowdship !== undefined) filters.crowdship = input.crowdship;
  return { text: normalizeQueryText(input.q ?? ""), filters, sort: input.sort, limit: input.limit, cursor: input.cursor ?? null };
}

/** The filters and sort as stored with each query in analytics. */
export function describeSearch(params: SearchParams): Record<string, unknown> {
  return { ...params.filters, sort: params.sort };
}

/** Everything that changes a result page, in a fixed order: the input of the cache key. */
export function cacheKeyMaterial(params: SearchParams): string {
  return JSON.stringify([params.text, params.filters, params.sort, params.limit, params.cursor]);
}

/** Words of a query (letters and digits), for typo correction; bounded so one query cannot ask for many lookups. */
export function queryWords(text: string): string[] {
  return [...new Set(text.match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, SEARCH_CORRECTION_MAX_WORDS);
}

/** The query with corrected words put in place (quotes and other syntax kept); null when nothing changed. */
export function applyCorrections(text: string, corrections: ReadonlyMap<string, string>): string | null {
  const corrected = text.replace(/[\p{L}\p{N}]+/gu, (word) => corrections.get(word) ?? word);
  return corrected === text ? null : corrected;
}

/** `text` matched literally inside a LIKE pattern (with the default backslash escape). */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** `text` matched literally inside a Postgres regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (character) => `\\${character}`);
}

/**
 * The order results come in. Relevance without text has nothing to rank, so it is newest first.
 * Fixed-price listings have no end, so ending_soon (ends_at ascending, nulls last) lists auctions first.
 */
export type SearchOrder = "relevance" | "newest" | "price_asc" | "price_desc" | "ending_soon";

export function searchOrder(params: Pick<SearchParams, "text" | "sort">): SearchOrder {
  return params.sort === "relevance" && params.text === "" ? "newest" : params.sort;
}

/** Where the next page starts: an offset into ranked matches (a float rank makes a poor keyset), else the last item's sort key and id. */
export type SearchPosition =
  | { order: "relevance"; offset: number }
  | { order: "newest"; createdAt: string; id: string }
  | { order: "price_asc" | "price_desc"; priceMinor: number; id: string }
  | { order: "ending_soon"; endsAt: string | null; id: string };

/** Timestamps travel with microseconds: Postgres keeps them, and a keyset rounded to milliseconds would repeat or skip rows. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const LISTING_ID = /^[A-Za-z0-9_]{1,64}$/;
const DIGITS = /^\d{1,16}$/;

export function encodeSearchPosition(position: SearchPosition): string {
  switch (position.order) {
    case "relevance":
      return encodeCursor({ key: `relevance:${position.offset}`, id: "" });
    case "newest":
      return encodeCursor({ key: `newest:${position.createdAt}`, id: position.id });
    case "price_asc":
    case "price_desc":
      return encodeCursor({ key: `${position.order}:${position.priceMinor}`, id: position.id });
    case "ending_soon":
      return encodeCursor({ key: `ending_soon:${position.endsAt ?? ""}`, id: position.id });
  }
}

function invalidCursor(message: string): never {
  throw new AppError("VALIDATION_FAILED", "The cursor is not one this search issued.", { errors: [{ path: "cursor", message }] });
}

/** Decodes a cursor for `order`; one from another sort, or with a malformed key, is a 400. */
export function decodeSearchPosition(text: string, order: SearchOrder): SearchPosition {
  const { key, id } = decodeCursor(text);
  const separator = typeof key === "string" ? key.indexOf(":") : -1;
  if (typeof key !== "string" || separator < 0) invalidCursor("invalid cursor");
  if (key.slice(0, separator) !== order) invalidCursor(`this cursor belongs to another sort than ${order}`);
  const value = key.slice(separator + 1);
  if (order === "relevance") {
    const offset = Number(value);
    if (!DIGITS.test(value) || offset > SEARCH_MAX_OFFSET) invalidCursor("invalid offset");
    return { order, offset };
  }
  if (!LISTING_ID.test(id)) invalidCursor("invalid listing id");
  if (order === "newest") {
    if (!TIMESTAMP.test(value)) invalidCursor("invalid time");
    return { order, createdAt: value, id };
  }
  if (order === "ending_soon") {
    if (value !== "" && !TIMESTAMP.test(value)) invalidCursor("invalid time");
    return { order, endsAt: value === "" ? null : value, id };
  }
  const priceMinor = Number(value);
  if (!DIGITS.test(value) || priceMinor > MAX_MONEY_AMOUNT_MINOR) invalidCursor("invalid price");
  return { order, priceMinor, id };
}
