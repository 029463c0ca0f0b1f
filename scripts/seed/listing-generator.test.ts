// Tests for the seed-listing generator: rows the catalog's own rules accept, whole minor units, sane auctions, and reproducible runs.
import { decodeTime } from "ulid";
import { describe, expect, it } from "vitest";
import { validateAttributes, validateAuctionTerms } from "../../workers/catalog/listing-rules";
import { isId } from "../../workers/platform/ids";
import { LISTING_TITLE_MAX_LENGTH } from "../../workers/platform/limits";
import { CURRENCY_EXPONENTS, isCurrency, type Currency } from "../../workers/platform/money";
import {
  AUCTION_MAX_REMAINING_MS,
  AUCTION_MIN_REMAINING_MS,
  CREATED_WINDOW_MS,
  createGeneratorContext,
  generateListing,
  mulberry32,
  seedCategories,
  USD_RATES,
  type ListingInsert,
} from "./listing-generator";
import { VOCABULARY } from "./vocabulary";

const NOW_MS = Date.UTC(2025, 5, 1, 12);
/** Enough rows that every category, currency, status and auction variant shows up. */
const ROWS = 4_000;
const SELLER_IDS = Array.from({ length: 50 }, (_, index) => `usr_seller${index}`);
const CATEGORIES = new Map(seedCategories().map(({ row }) => [row.id, row]));

function generate(seed: number, count: number): ListingInsert[] {
  const context = createGeneratorContext({ nowMs: NOW_MS, count, sellerIds: SELLER_IDS });
  const rng = mulberry32(seed);
  return Array.from({ length: count }, (_, index) => generateListing(index, rng, context));
}

const rows = generate(1, ROWS);
const auctions = rows.filter((row) => row.format === "auction");
const fixed = rows.filter((row) => row.format === "fixed");
const share = (part: ListingInsert[]) => part.length / rows.length;
const time = (value: Date | null | undefined) => value?.getTime() ?? Number.NaN;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

describe("generateListing", () => {
  it("has words for every leaf category and none for categories that do not exist", () => {
    expect(Object.keys(VOCABULARY).sort()).toEqual([...CATEGORIES.values()].map((category) => category.slug).sort());
  });

  it("fills every leaf category with listings whose attributes pass the catalog's own validation", () => {
    expect(new Set(rows.map((row) => row.categoryId))).toEqual(new Set(CATEGORIES.keys()));
    for (const row of rows) {
      const category = CATEGORIES.get(row.categoryId);
      expect(row.categoryPath).toBe(category?.path);
      expect(validateAttributes(category?.attributes ?? [], row.attributes ?? {}), `${row.title}: ${JSON.stringify(row.attributes)}`).toEqual([]);
    }
  });

  it("writes titles within the catalog's limit and leaves no template syntax in titles or descriptions", () => {
    for (const row of rows) {
      expect(row.title.length).toBeGreaterThanOrEqual(3);
      expect(row.title.length).toBeLessThanOrEqual(LISTING_TITLE_MAX_LENGTH);
      expect(`${row.title} ${row.description}`).not.toMatch(/[{}[\]]|undefined|\s{2}/);
      expect(row.description.length).toBeGreaterThan(row.title.length / 2);
    }
  });

  it("keeps every amount a whole number of minor units in the listing's own currency", () => {
    for (const row of rows) {
      expect(isCurrency(row.currency)).toBe(true);
      const amounts = [row.priceMinor, row.startPriceMinor, row.reservePriceMinor, row.buyItNowPriceMinor, row.shipping?.cost.amount].filter((amount) => amount !== null && amount !== undefined);
      for (const amount of amounts) {
        expect(Number.isSafeInteger(amount)).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(0);
      }
      expect(row.priceMinor).toBeGreaterThan(0);
      expect(row.shipping?.cost.currency).toBe(row.currency);
    }
  });

  it("prices each currency at its exponent, so yen, dirhams and euros converted back sit at the dollar level", () => {
    const dollars = (row: ListingInsert) => row.priceMinor / 10 ** CURRENCY_EXPONENTS[row.currency as Currency] / (USD_RATES[row.currency as Currency] ?? Number.NaN);
    const usdMedian = median(rows.filter((row) => row.currency === "USD").map(dollars));
    for (const currency of ["EUR", "GBP", "AED", "JPY"] as const) {
      const inCurrency = rows.filter((row) => row.currency === currency);
      expect(inCurrency.length, currency).toBeGreaterThan(ROWS * 0.02);
      const ratio = median(inCurrency.map(dollars)) / usdMedian;
      expect(ratio, currency).toBeGreaterThan(0.6);
      expect(ratio, currency).toBeLessThan(1.6);
    }
  });

  it("makes auctions of one item whose terms the catalog accepts, live ones ending 1 hour to 10 days from now", () => {
    expect(auctions.length).toBeGreaterThan(0);
    for (const row of auctions) {
      expect(row).toMatchObject({ quantity: 1, bidCount: 0, priceMinor: row.startPriceMinor });
      expect(row.quantityAvailable).toBe(row.status === "sold" ? 0 : 1);
      expect(row.softCloseSeconds).toBe(row.closeMode === "soft" ? 120 : null);
      const currency = row.currency as Currency;
      const terms = {
        startPrice: { amount: row.startPriceMinor ?? Number.NaN, currency },
        reservePrice: row.reservePriceMinor === null ? undefined : { amount: row.reservePriceMinor ?? Number.NaN, currency },
        buyItNowPrice: row.buyItNowPriceMinor === null ? undefined : { amount: row.buyItNowPriceMinor ?? Number.NaN, currency },
        endsAt: row.endsAt ?? new Date(Number.NaN),
        closeMode: row.closeMode ?? "hard",
        softCloseSeconds: row.softCloseSeconds ?? undefined,
      };
      expect(validateAuctionTerms(terms, row.createdAt ?? new Date(Number.NaN)), row.title).toEqual([]);
      if (row.status === "active" || row.status === "draft") {
        expect(time(row.endsAt) - NOW_MS).toBeGreaterThanOrEqual(AUCTION_MIN_REMAINING_MS);
        expect(time(row.endsAt) - NOW_MS).toBeLessThanOrEqual(AUCTION_MAX_REMAINING_MS);
      } else {
        expect(time(row.endsAt)).toBeLessThanOrEqual(NOW_MS);
        expect(time(row.endedAt)).toBeLessThanOrEqual(time(row.endsAt));
      }
    }
    expect(new Set(auctions.map((row) => row.status))).toEqual(new Set(["active", "draft", "ended", "sold"]));
  });

  it("sells fixed-price stock of 1 to 20, with nothing left once sold and no auction terms", () => {
    for (const row of fixed) {
      expect(row.quantity).toBeGreaterThanOrEqual(1);
      expect(row.quantity).toBeLessThanOrEqual(20);
      expect(row.quantityAvailable).toBeGreaterThanOrEqual(row.status === "sold" ? 0 : 1);
      expect(row.quantityAvailable).toBeLessThanOrEqual(row.status === "sold" ? 0 : (row.quantity ?? 0));
      expect([row.startPriceMinor, row.reservePriceMinor, row.buyItNowPriceMinor, row.endsAt, row.closeMode, row.softCloseSeconds]).toEqual([null, null, null, null, null, null]);
    }
  });

  it("follows the intended mix: about 75% fixed price, 95% active, 30% crowdship eligible, all three conditions", () => {
    expect(share(fixed)).toBeCloseTo(0.75, 1);
    expect(share(rows.filter((row) => row.status === "active"))).toBeCloseTo(0.95, 1);
    expect(share(rows.filter((row) => row.crowdshipEligible))).toBeCloseTo(0.3, 1);
    expect(new Set(rows.map((row) => row.condition))).toEqual(new Set(["new", "used", "refurbished"]));
    expect(share(rows.filter((row) => row.currency === "USD"))).toBeCloseTo(0.7, 1);
  });

  it("ships to the regions its shipping names, from the seller's country, sometimes worldwide", () => {
    for (const row of rows) {
      expect(row.shipsTo).toEqual(row.shipping?.regions);
      expect(new Set(row.shipsTo).size).toBe(row.shipsTo?.length);
      for (const region of row.shipsTo ?? []) expect(region).toMatch(/^([A-Z]{2})$/);
      expect(row.shipping?.shipsFrom.city).toBeTruthy();
    }
    expect(share(rows.filter((row) => row.shipsTo?.includes("WW")))).toBeCloseTo(0.25, 1);
  });

  it("spreads creation over the last 90 days and stamps each unique id with its creation time", () => {
    for (const row of rows) {
      expect(time(row.createdAt)).toBeGreaterThanOrEqual(NOW_MS - CREATED_WINDOW_MS);
      expect(time(row.createdAt)).toBeLessThanOrEqual(NOW_MS);
      expect(isId("listing", row.id)).toBe(true);
      expect(decodeTime(row.id.slice("lst_".length))).toBe(time(row.createdAt));
      expect(row.publishedAt === null).toBe(row.status === "draft");
      expect(row.endedAt === null).toBe(row.status === "active" || row.status === "draft");
    }
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });

  it("gives the same rows for the same seed and different rows for another seed", () => {
    expect(generate(7, 300)).toEqual(generate(7, 300));
    expect(generate(8, 300).map((row) => row.title)).not.toEqual(generate(7, 300).map((row) => row.title));
  });
});
