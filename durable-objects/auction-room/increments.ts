// Bid increments by price band, per currency (eBay's published tables), all in one place. Amounts in minor units.

/** [upper bound of the band (exclusive), increment]; the last band has no upper bound. */
type IncrementTable = readonly (readonly [upToMinor: number, incrementMinor: number])[];

const USD: IncrementTable = [
  [100, 5], // under 1.00 → 0.05
  [500, 25], // 1.00–4.99 → 0.25
  [2_500, 50], // 5.00–24.99 → 0.50
  [10_000, 100], // 25.00–99.99 → 1.00
  [25_000, 250], // 100.00–249.99 → 2.50
  [50_000, 500], // 250.00–499.99 → 5.00
  [100_000, 1_000], // 500.00–999.99 → 10.00
  [250_000, 2_500], // 1,000.00–2,499.99 → 25.00
  [500_000, 5_000], // 2,500.00–4,999.99 → 50.00
  [Number.POSITIVE_INFINITY, 10_000], // 5,000.00 and up → 100.00
];

// ebay.de
const EUR: IncrementTable = [
  [100, 5], // under 1.00 → 0.05
  [500, 25], // 1.00–4.99 → 0.25
  [1_500, 50], // 5.00–14.99 → 0.50
  [5_000, 100], // 15.00–49.99 → 1.00
  [50_000, 500], // 50.00–499.99 → 5.00
  [100_000, 1_000], // 500.00–999.99 → 10.00
  [500_000, 5_000], // 1,000.00–4,999.99 → 50.00
  [Number.POSITIVE_INFINITY, 10_000], // 5,000.00 and up → 100.00
];

// ebay.co.uk
const GBP: IncrementTable = [
  [101, 5], // up to 1.00 → 0.05
  [501, 20], // 1.01–5.00 → 0.20
  [1_501, 50], // 5.01–15.00 → 0.50
  [6_001, 100], // 15.01–60.00 → 1.00
  [15_001, 200], // 60.01–150.00 → 2.00
  [30_001, 500], // 150.01–300.00 → 5.00
  [60_001, 1_000], // 300.01–600.00 → 10.00
  [150_001, 2_000], // 600.01–1,500.00 → 20.00
  [300_001, 5_000], // 1,500.01–3,000.00 → 50.00
  [Number.POSITIVE_INFINITY, 10_000], // 3,000.01 and up → 100.00
];

export const INCREMENT_TABLES = { USD, EUR, GBP } as const;
export type AuctionCurrency = keyof typeof INCREMENT_TABLES;
export const AUCTION_CURRENCIES = Object.keys(INCREMENT_TABLES) as AuctionCurrency[];

export function isAuctionCurrency(currency: string): currency is AuctionCurrency {
  return Object.hasOwn(INCREMENT_TABLES, currency);
}

/** The increment for a price: the band the price falls in decides it. */
export function incrementFor(currency: AuctionCurrency, priceMinor: number): number {
  for (const [upToMinor, incrementMinor] of INCREMENT_TABLES[currency]) {
    if (priceMinor < upToMinor) return incrementMinor;
  }
  throw new Error("invariant failed: increment tables end with an unbounded band");
}
