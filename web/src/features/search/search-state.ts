// The search's state as it lives in the URL (so a search can be shared), and the API query it stands for.
import type { Condition, ListingFormat, SearchQuery, SearchSort } from "../../api/types";
import { countryCodes } from "../catalog/countries";
import { currencies, defaultCurrency, parseAmount } from "../catalog/money";

export const searchPageSize = 24;

/**
 * URL parameters: q, categoryId (on /search; /c/:categoryId carries it in the path), condition, format,
 * crowdship (true|false), shipsTo, sort, and the price range as typed: min and max in major units of currency
 * ("12.50", easier to read and edit in a shared link than minor units).
 */
export interface SearchState {
  q: string;
  categoryId: string | null;
  condition: Condition | null;
  format: ListingFormat | null;
  crowdship: boolean | null;
  shipsTo: string | null;
  currency: string;
  min: string;
  max: string;
  // null: the default for the query (relevance with words, newest without).
  sort: SearchSort | null;
}

export const sortLabels: Record<SearchSort, string> = {
  relevance: "Best match",
  newest: "Newest first",
  price_asc: "Price: lowest first",
  price_desc: "Price: highest first",
  ending_soon: "Ending soonest",
};

const conditions: readonly Condition[] = ["new", "used", "refurbished"];
const formats: readonly ListingFormat[] = ["fixed", "auction"];

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export function readSearchState(params: URLSearchParams, categoryFromPath?: string): SearchState {
  const crowdship = params.get("crowdship");
  const shipsTo = params.get("shipsTo")?.toUpperCase() ?? null;
  return {
    q: params.get("q")?.trim() ?? "",
    categoryId: categoryFromPath ?? (params.get("categoryId") || null),
    condition: oneOf(params.get("condition"), conditions),
    format: oneOf(params.get("format"), formats),
    crowdship: crowdship === "true" ? true : crowdship === "false" ? false : null,
    shipsTo: shipsTo !== null && countryCodes.has(shipsTo) ? shipsTo : null,
    currency: oneOf(params.get("currency"), currencies) ?? defaultCurrency,
    min: params.get("min") ?? "",
    max: params.get("max") ?? "",
    sort: oneOf(params.get("sort"), Object.keys(sortLabels) as SearchSort[]),
  };
}

/** The query string for a state; the category is left out when the path carries it. */
export function searchParamsOf(state: SearchState, categoryInPath: boolean): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q !== "") params.set("q", state.q);
  if (state.categoryId !== null && !categoryInPath) params.set("categoryId", state.categoryId);
  if (state.condition !== null) params.set("condition", state.condition);
  if (state.format !== null) params.set("format", state.format);
  if (state.crowdship !== null) params.set("crowdship", String(state.crowdship));
  if (state.shipsTo !== null) params.set("shipsTo", state.shipsTo);
  if (state.min !== "" || state.max !== "") {
    if (state.min !== "") params.set("min", state.min);
    if (state.max !== "") params.set("max", state.max);
    params.set("currency", state.currency);
  }
  if (state.sort !== null) params.set("sort", state.sort);
  return params;
}

export function effectiveSort(state: SearchState): SearchSort {
  return state.sort ?? (state.q === "" ? "newest" : "relevance");
}

/** Minor units for a typed bound, or undefined when it is empty or not an amount (the price form reports that). */
function boundMinor(text: string, currency: string): number | undefined {
  if (text.trim() === "") return undefined;
  const parsed = parseAmount(text, currency);
  return parsed.ok ? parsed.amountMinor : undefined;
}

export function searchQueryOf(state: SearchState, cursor?: string): SearchQuery {
  const minPrice = boundMinor(state.min, state.currency);
  const maxPrice = boundMinor(state.max, state.currency);
  return {
    ...(state.q === "" ? {} : { q: state.q }),
    ...(state.categoryId === null ? {} : { categoryId: state.categoryId }),
    ...(state.condition === null ? {} : { condition: state.condition }),
    ...(state.format === null ? {} : { format: state.format }),
    ...(state.crowdship === null ? {} : { crowdship: state.crowdship }),
    ...(state.shipsTo === null ? {} : { shipsTo: state.shipsTo }),
    ...(minPrice === undefined ? {} : { minPrice }),
    ...(maxPrice === undefined ? {} : { maxPrice }),
    ...(minPrice === undefined && maxPrice === undefined ? {} : { currency: state.currency }),
    sort: effectiveSort(state),
    limit: searchPageSize,
    ...(cursor === undefined ? {} : { cursor }),
  };
}

/** True when anything narrows the results beyond the words and the page's own category. */
export function hasFilters(state: SearchState, categoryInPath: boolean): boolean {
  return (
    (state.categoryId !== null && !categoryInPath) ||
    state.condition !== null ||
    state.format !== null ||
    state.crowdship !== null ||
    state.shipsTo !== null ||
    state.min !== "" ||
    state.max !== ""
  );
}
