// Pure seed-listing generator: a seeded PRNG, the category vocabularies, and one realistic `listings` row per index. No I/O.
import { ulid } from "ulid";
import type { AttributeDefinition, listings, ShippingOptions } from "../../db/catalog";
import { categoryRows, type CategoryRow } from "../../db/seed/categories";
import { isAuctionCurrency } from "../../durable-objects/auction-room/increments";
import { ID_PREFIXES, type IdKind } from "../../workers/platform/ids";
import { AUCTION_DEFAULT_SOFT_CLOSE_SECONDS, LISTING_TITLE_MAX_LENGTH } from "../../workers/platform/limits";
import { CURRENCY_EXPONENTS, type Currency } from "../../workers/platform/money";
import { CONDITION_NOTES, SELLER_HOMES, SELLER_NOTES, SHARED_SLOTS, SHIPPING_NOTES, VOCABULARY, type CategoryVocabulary, type Condition, type SellerHome } from "./vocabulary";

export type ListingInsert = typeof listings.$inferInsert;
type ListingStatus = NonNullable<ListingInsert["status"]>;
type SlotValue = string | number;

/** A function returning floats in [0, 1), like Math.random. */
export type Rng = () => number;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Listings are created over the last 90 days, the horizon of "recent" in search and analytics. */
export const CREATED_WINDOW_MS = 90 * DAY_MS;
/** Live auctions end between 1 hour and 10 days from now: the auction page shows every stage of a countdown. */
export const AUCTION_MIN_REMAINING_MS = HOUR_MS;
export const AUCTION_MAX_REMAINING_MS = 10 * DAY_MS;
/** The lengths sellers pick on eBay-style sites; none exceeds the longest live remaining time above. */
const AUCTION_LENGTHS_DAYS = [1, 3, 5, 7, 10] as const;

/** About a quarter of listings are auctions (eBay's share is lower, but bidding needs plenty to exercise). */
const AUCTION_SHARE = 0.25;
const STATUS_SHARES: readonly (readonly [ListingStatus, number])[] = [["active", 0.95], ["ended", 0.025], ["sold", 0.017], ["draft", 0.008]];
const RESERVE_CHANCE = 0.3;
const BUY_IT_NOW_CHANCE = 0.4;
const SOFT_CLOSE_CHANCE = 0.5;
const CROWDSHIP_CHANCE = 0.3;
const FREE_SHIPPING_CHANCE = 0.3;
/** Domestic only, domestic plus neighbours, or worldwide ("WW"). */
const SHIPPING_SCOPES: readonly (readonly ["domestic" | "nearby" | "worldwide", number])[] = [["domestic", 0.45], ["nearby", 0.3], ["worldwide", 0.25]];
/** Shipping costs about 5% of the item's value, within what parcels actually cost; abroad costs more. */
const SHIPPING_SHARE_OF_VALUE = 0.05;
const SHIPPING_MIN_USD = 3.99;
const SHIPPING_MAX_USD = 60;
const WORLDWIDE_SHIPPING_FACTOR = 1.8;

/** Fixed-price stock: used items are mostly one-offs; otherwise 1–20, mostly small (the skew bends the draw toward 1). */
const MAX_FIXED_QUANTITY = 20;
const USED_SINGLE_ITEM_CHANCE = 0.8;
const QUANTITY_SKEW = 3;
/** A few sellers list far more than the rest: the seller is drawn with this skew toward the first ones. */
const SELLER_SKEW = 1.5;

/** Used and refurbished items sell below new ones. */
const CONDITION_VALUE: Readonly<Record<Condition, number>> = { new: 1, used: 0.6, refurbished: 0.78 };
/** Prices stay within three sigmas of the category median: the log-normal tail beyond that looks like a typo. */
const PRICE_Z_LIMIT = 3;
const MIN_VALUE_USD = 1;
/** Auction openings, reserves and Buy It Now prices as shares of the item's value. */
const START_PRICE_SHARE = [0.3, 0.9] as const;
const RESERVE_SHARE = [0.9, 1.2] as const;
const BUY_IT_NOW_SHARE = [1.25, 1.6] as const;
/** Rough rates from US dollars, only so amounts look plausible in each currency; nothing converts money with them. */
export const USD_RATES: Readonly<Partial<Record<Currency, number>>> = { USD: 1, EUR: 0.92, GBP: 0.79, AED: 3.6725, JPY: 150 };
/** [below this amount, round to this step] in major units: 4.50, 129, 1,245, 12,350, 45,600. */
const PRICE_STEPS: readonly (readonly [number, number])[] = [[20, 0.5], [200, 1], [2_000, 5], [20_000, 10], [200_000, 100]];
const LARGEST_PRICE_STEP = 1_000;
/** Most sellers in decimal currencies end prices in .99 (4.49, 129.99). */
const CHARM_PRICE_CHANCE = 0.6;

const OPTIONAL_SEGMENT_CHANCE = 0.5;
const OPTIONAL_ATTRIBUTE_CHANCE = 0.6;
const SHIPPING_NOTE_CHANCE = 0.6;
const SELLER_NOTE_CHANCE = 0.45;
/** Templates nest (a fiction title holds an author holding a first name); deeper than this is a cycle in the vocabulary. */
const MAX_TEMPLATE_DEPTH = 5;

/** mulberry32: a tiny, fast 32-bit PRNG, good enough for test data (never for secrets). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("invariant failed: pick from an empty list");
  return item;
}

/** `count` different items, in the order drawn. */
function pickSome<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const remaining = [...items];
  const chosen: T[] = [];
  for (let taken = 0; taken < count && remaining.length > 0; taken += 1) {
    const [item] = remaining.splice(Math.floor(rng() * remaining.length), 1);
    if (item !== undefined) chosen.push(item);
  }
  return chosen;
}

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = rng() * total;
  for (const [value, weight] of entries) {
    remaining -= weight;
    if (remaining < 0) return value;
  }
  return pick(rng, entries)[0]; // only reached through float rounding at the very top of the range
}

const chance = (rng: Rng, probability: number): boolean => rng() < probability;
const between = (rng: Rng, [min, max]: readonly [number, number]): number => min + rng() * (max - min);
const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A prefixed id like `newId` makes, but for a given time and from `rng`: sortable by that time and reproducible. */
export function seedId(kind: IdKind, atMs: number, rng: Rng): string {
  return `${ID_PREFIXES[kind]}_${ulid(atMs, rng)}`;
}

export interface SeedCategory {
  row: CategoryRow;
  vocabulary: CategoryVocabulary;
}

export interface SeedSeller {
  id: string;
  home: SellerHome;
  city: string;
}

export interface GeneratorContext {
  nowMs: number;
  /** Listings in the run: creation times spread over the window in index order. */
  count: number;
  categories: readonly (readonly [SeedCategory, number])[];
  /** Currencies weighted by their sellers' homes, each with its sellers (first ones list the most). */
  currencies: readonly (readonly [Currency, number])[];
  sellersByCurrency: ReadonlyMap<Currency, readonly SeedSeller[]>;
  /** Chance that a listing in an auction currency is an auction, so that AUCTION_SHARE of all listings are. */
  auctionChance: number;
}

/** Every leaf category with its vocabulary; throws if one has none, so a new category cannot be skipped silently. */
export function seedCategories(): SeedCategory[] {
  const rows = categoryRows();
  const parents = new Set(rows.map((row) => row.parentId));
  return rows
    .filter((row) => !parents.has(row.id))
    .map((row) => {
      const vocabulary = VOCABULARY[row.slug];
      if (!vocabulary) throw new Error(`scripts/seed/vocabulary.ts has no words for the category ${row.path}`);
      return { row, vocabulary };
    });
}

/**
 * Where the seller with this number is based: the first sellers cover every home currency, the rest follow the homes'
 * weights. It depends on the number only, not on --seed, so a seller keeps its home from run to run.
 */
function sellerHome(sellerIndex: number): { home: SellerHome; city: string } {
  const rng = mulberry32(sellerIndex + 1);
  const currencies = [...new Set(SELLER_HOMES.map((home) => home.currency))];
  const firstOfCurrency = SELLER_HOMES.find((home) => home.currency === currencies[sellerIndex]);
  const home = firstOfCurrency ?? weighted(rng, SELLER_HOMES.map((entry) => [entry, entry.weight] as const));
  return { home, city: pick(rng, home.cities) };
}

export function createGeneratorContext(options: { nowMs: number; count: number; sellerIds: readonly string[] }): GeneratorContext {
  if (options.sellerIds.length === 0) throw new Error("invariant failed: seed listings need at least one seller");
  const sellersByCurrency = new Map<Currency, SeedSeller[]>();
  options.sellerIds.forEach((id, index) => {
    const seller = { id, ...sellerHome(index) };
    sellersByCurrency.set(seller.home.currency, [...(sellersByCurrency.get(seller.home.currency) ?? []), seller]);
  });
  const currencies = [...sellersByCurrency.keys()].map(
    (currency) => [currency, SELLER_HOMES.filter((home) => home.currency === currency).reduce((sum, home) => sum + home.weight, 0)] as const,
  );
  const total = currencies.reduce((sum, [, weight]) => sum + weight, 0);
  const auctionable = currencies.filter(([currency]) => isAuctionCurrency(currency)).reduce((sum, [, weight]) => sum + weight, 0);
  return {
    nowMs: options.nowMs,
    count: options.count,
    categories: seedCategories().map((category) => [category, category.vocabulary.weight] as const),
    currencies,
    sellersByCurrency,
    auctionChance: auctionable === 0 ? 0 : Math.min(1, (AUCTION_SHARE * total) / auctionable),
  };
}

/** Per-listing template state: each name gets one value, shared by title, description and attributes. */
interface TextScope {
  rng: Rng;
  vocabulary: CategoryVocabulary;
  attributes: readonly AttributeDefinition[];
  bound: Map<string, SlotValue>;
}

const OPTIONAL_SEGMENT = /\[([^\]]*)\]/g;
const TOKEN = /\{(\^?)(\w+)\}/g;

function sourceOf(scope: TextScope, name: string): readonly SlotValue[] | undefined {
  return scope.vocabulary.slots?.[name] ?? SHARED_SLOTS[name] ?? scope.attributes.find((attribute) => attribute.name === name)?.options;
}

function valueOf(scope: TextScope, name: string, depth: number): SlotValue {
  const known = scope.bound.get(name);
  if (known !== undefined) return known;
  const source = sourceOf(scope, name);
  if (!source) throw new Error(`scripts/seed/vocabulary.ts: no value for {${name}}`);
  const raw = pick(scope.rng, source);
  const value = typeof raw === "string" ? render(scope, raw, depth + 1) : raw;
  scope.bound.set(name, value);
  return value;
}

const titleCase = (text: string): string => text.replace(/\b\p{Ll}/gu, (letter) => letter.toUpperCase());

function render(scope: TextScope, template: string, depth = 0): string {
  if (depth > MAX_TEMPLATE_DEPTH) throw new Error(`scripts/seed/vocabulary.ts: templates nest too deep at "${template}"`);
  const kept = template.replace(OPTIONAL_SEGMENT, (_whole, segment: string) => (chance(scope.rng, OPTIONAL_SEGMENT_CHANCE) ? segment : ""));
  return kept.replace(TOKEN, (_whole, capitalize: string, name: string) => {
    const value = String(valueOf(scope, name, depth));
    return capitalize ? titleCase(value) : value;
  });
}

function titleFrom(text: string): string {
  const title = text.replace(/\s+/g, " ").trim();
  if (title.length <= LISTING_TITLE_MAX_LENGTH) return title;
  const lastSpace = title.lastIndexOf(" ", LISTING_TITLE_MAX_LENGTH);
  return title.slice(0, lastSpace > 0 ? lastSpace : LISTING_TITLE_MAX_LENGTH);
}

/** Required attributes always; optional ones when the text already named them, else some of the time. */
function attributesOf(scope: TextScope): Record<string, SlotValue> {
  const values: Record<string, SlotValue> = {};
  for (const attribute of scope.attributes) {
    const wanted = attribute.required || scope.bound.has(attribute.name) || (sourceOf(scope, attribute.name) !== undefined && chance(scope.rng, OPTIONAL_ATTRIBUTE_CHANCE));
    if (!wanted) continue;
    const value = valueOf(scope, attribute.name, 0);
    values[attribute.name] = attribute.type === "number" ? Number(value) : String(value);
  }
  return values;
}

/** A price as sellers type it (4.49, 129.99, 1,250), in minor units of `currency`. */
function sellerPrice(rng: Rng, usd: number, currency: Currency): number {
  const major = usd * (USD_RATES[currency] ?? 1);
  const unit = 10 ** CURRENCY_EXPONENTS[currency];
  const step = PRICE_STEPS.find(([below]) => major < below)?.[1] ?? LARGEST_PRICE_STEP;
  const stepMinor = Math.max(1, Math.round(step * unit));
  const rounded = Math.max(stepMinor, Math.round((major * unit) / stepMinor) * stepMinor);
  return unit > 1 && rounded > stepMinor && chance(rng, CHARM_PRICE_CHANCE) ? rounded - 1 : rounded;
}

function marketValueUsd(rng: Rng, vocabulary: CategoryVocabulary, condition: Condition): number {
  const z = clamp(normal(rng), -PRICE_Z_LIMIT, PRICE_Z_LIMIT);
  return Math.max(MIN_VALUE_USD, vocabulary.medianUsd * Math.exp(vocabulary.spread * z) * CONDITION_VALUE[condition]);
}

function shippingOf(rng: Rng, seller: SeedSeller, currency: Currency, valueUsd: number): ShippingOptions {
  const scope = weighted(rng, SHIPPING_SCOPES);
  const home = seller.home.country;
  const regions = scope === "worldwide" ? ["WW"] : scope === "nearby" ? [home, ...seller.home.nearby.filter((country) => country !== home)] : [home];
  const costUsd = clamp(valueUsd * SHIPPING_SHARE_OF_VALUE, SHIPPING_MIN_USD, SHIPPING_MAX_USD) * (scope === "worldwide" ? WORLDWIDE_SHIPPING_FACTOR : 1);
  const amount = chance(rng, FREE_SHIPPING_CHANCE) ? 0 : sellerPrice(rng, costUsd, currency);
  return { shipsFrom: { country: seller.home.country, city: seller.city }, regions, cost: { amount, currency } };
}

interface AuctionPlan {
  columns: Pick<ListingInsert, "priceMinor" | "startPriceMinor" | "reservePriceMinor" | "buyItNowPriceMinor" | "endsAt" | "closeMode" | "softCloseSeconds">;
  createdAtMs: number;
  endedAtMs: number | null;
  status: ListingStatus;
}

function auctionPlan(rng: Rng, context: GeneratorContext, status: ListingStatus, timelineMs: number, valueUsd: number, currency: Currency): AuctionPlan {
  const startPriceMinor = sellerPrice(rng, valueUsd * between(rng, START_PRICE_SHARE), currency);
  const reservePriceMinor = chance(rng, RESERVE_CHANCE) ? Math.max(startPriceMinor, sellerPrice(rng, valueUsd * between(rng, RESERVE_SHARE), currency)) : null;
  const floorMinor = Math.max(startPriceMinor, reservePriceMinor ?? 0);
  const buyItNowPriceMinor = chance(rng, BUY_IT_NOW_CHANCE)
    ? Math.max(floorMinor + 10 ** CURRENCY_EXPONENTS[currency], sellerPrice(rng, valueUsd * between(rng, BUY_IT_NOW_SHARE), currency))
    : null;
  const closeMode = chance(rng, SOFT_CLOSE_CHANCE) ? "soft" : "hard";
  const priced = { priceMinor: startPriceMinor, startPriceMinor, reservePriceMinor, buyItNowPriceMinor, closeMode, softCloseSeconds: closeMode === "soft" ? AUCTION_DEFAULT_SOFT_CLOSE_SECONDS : null } as const;
  if (status === "active" || status === "draft") {
    // Live (or scheduled) auctions are young: created one auction length before their end.
    const remainingMs = between(rng, [AUCTION_MIN_REMAINING_MS, AUCTION_MAX_REMAINING_MS]);
    const lengthMs = pick(rng, AUCTION_LENGTHS_DAYS.filter((days) => days * DAY_MS >= remainingMs)) * DAY_MS;
    const endsAtMs = context.nowMs + remainingMs;
    return { columns: { ...priced, endsAt: new Date(endsAtMs) }, createdAtMs: endsAtMs - lengthMs, endedAtMs: null, status };
  }
  const lengthMs = pick(rng, AUCTION_LENGTHS_DAYS) * DAY_MS;
  const createdAtMs = Math.min(timelineMs, context.nowMs - lengthMs - HOUR_MS);
  const endsAtMs = createdAtMs + lengthMs;
  // With no bids recorded, a sold auction was bought outright; without a Buy It Now price it simply ended.
  const sold = status === "sold" && buyItNowPriceMinor !== null;
  return {
    columns: { ...priced, endsAt: new Date(endsAtMs) },
    createdAtMs,
    endedAtMs: sold ? createdAtMs + rng() * lengthMs : endsAtMs,
    status: sold ? "sold" : "ended",
  };
}

function fixedQuantities(rng: Rng, condition: Condition, status: ListingStatus): { quantity: number; quantityAvailable: number } {
  const quantity = condition === "used" && chance(rng, USED_SINGLE_ITEM_CHANCE) ? 1 : 1 + Math.floor(rng() ** QUANTITY_SKEW * MAX_FIXED_QUANTITY);
  if (status === "sold") return { quantity, quantityAvailable: 0 };
  if (status === "draft") return { quantity, quantityAvailable: quantity };
  return { quantity, quantityAvailable: intBetween(rng, 1, quantity) };
}

/** Listing number `index` of the run; call in index order with one `rng` per run, and the same seed gives the same rows. */
export function generateListing(index: number, rng: Rng, context: GeneratorContext): ListingInsert {
  const { row: category, vocabulary } = weighted(rng, context.categories);
  const currency = weighted(rng, context.currencies);
  const sellers = context.sellersByCurrency.get(currency) ?? [];
  const seller = sellers[Math.floor(rng() ** SELLER_SKEW * sellers.length)];
  if (!seller) throw new Error(`invariant failed: no seller for ${currency}`);
  const condition = weighted(rng, (["new", "used", "refurbished"] as const).map((name, position) => [name, vocabulary.mix[position] ?? 0] as const));
  const format = isAuctionCurrency(currency) && chance(rng, context.auctionChance) ? "auction" : "fixed";
  const requestedStatus = weighted(rng, STATUS_SHARES);
  const timelineMs = context.nowMs - CREATED_WINDOW_MS + ((index + rng()) / context.count) * CREATED_WINDOW_MS;

  const scope: TextScope = { rng, vocabulary, attributes: category.attributes, bound: new Map() };
  if (vocabulary.products) {
    const fields = pick(rng, vocabulary.products.rows).split("|");
    vocabulary.products.fields.forEach((field, position) => scope.bound.set(field, fields[position] ?? ""));
  }
  scope.bound.set("city", seller.city).set("carrier", pick(rng, seller.home.carriers)).set("categoryName", category.name.toLowerCase());
  const title = titleFrom(render(scope, pick(rng, vocabulary.titles)));

  const valueUsd = marketValueUsd(rng, vocabulary, condition);
  const shipping = shippingOf(rng, seller, currency, valueUsd);
  const facts = condition === "new" ? vocabulary.features : [...vocabulary.features, ...(vocabulary.wear ?? [])];
  const sentences = [...pickSome(rng, facts, intBetween(rng, 1, 2)), pick(rng, (vocabulary.conditionNotes ?? CONDITION_NOTES)[condition])];
  if (chance(rng, SHIPPING_NOTE_CHANCE)) sentences.push(pick(rng, shipping.regions.includes("WW") ? SHIPPING_NOTES.worldwide : SHIPPING_NOTES.domestic));
  if (chance(rng, SELLER_NOTE_CHANCE)) sentences.push(pick(rng, SELLER_NOTES));
  const description = sentences.map((sentence) => render(scope, sentence)).join(" ");
  const attributes = attributesOf(scope);

  let createdAtMs = timelineMs;
  let endedAtMs: number | null = null;
  let status = requestedStatus;
  let terms: Partial<AuctionPlan["columns"]> = { startPriceMinor: null, reservePriceMinor: null, buyItNowPriceMinor: null, endsAt: null, closeMode: null, softCloseSeconds: null };
  let quantities = { quantity: 1, quantityAvailable: 1 };
  let priceMinor: number;
  if (format === "auction") {
    const plan = auctionPlan(rng, context, requestedStatus, timelineMs, valueUsd, currency);
    ({ createdAtMs, endedAtMs, status } = plan);
    terms = plan.columns;
    priceMinor = plan.columns.priceMinor;
    if (status === "sold") quantities = { quantity: 1, quantityAvailable: 0 };
  } else {
    priceMinor = sellerPrice(rng, valueUsd, currency);
    quantities = fixedQuantities(rng, condition, status);
    if (status === "ended" || status === "sold") endedAtMs = createdAtMs + rng() * (context.nowMs - createdAtMs);
  }
  const createdAt = new Date(Math.floor(createdAtMs));
  return {
    id: seedId("listing", createdAt.getTime(), rng),
    sellerId: seller.id,
    title,
    description,
    categoryId: category.id,
    categoryPath: category.path,
    condition,
    format,
    status,
    currency,
    priceMinor,
    ...terms,
    bidCount: 0,
    ...quantities,
    attributes,
    shipping,
    shipsTo: shipping.regions,
    crowdshipEligible: chance(rng, CROWDSHIP_CHANCE),
    createdAt,
    updatedAt: endedAtMs === null ? createdAt : new Date(Math.floor(endedAtMs)),
    publishedAt: status === "draft" ? null : createdAt,
    endedAt: endedAtMs === null ? null : new Date(Math.floor(endedAtMs)),
  };
}
