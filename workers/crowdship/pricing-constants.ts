// Every constant of the crowdship quote (pricing.ts), each with its reason. Fees are in USD minor units (cents), converted to
// other currencies by their exponent and by the price level below.
import type { Currency } from "../platform/money";

/** Minor-unit exponent the fee constants below are written in (USD cents). */
export const PRICING_CONSTANTS_EXPONENT = 2;

/**
 * Units of each currency that buy what one US dollar does, in basis points (¥150 per $1 → 1,500,000). These are price
 * levels for pricing constants, not exchange rates: a quote must not swing with the market minute by minute, and a pure
 * function cannot read the FX table. Revised by hand (last: 2026-11); money itself only converts at FX quotes.
 */
export const PRICE_LEVEL_BPS_PER_USD: Readonly<Record<Currency, number>> = {
  USD: 10_000, EUR: 9_200, GBP: 7_900, CAD: 13_700, AUD: 15_200, CHF: 8_800, SEK: 105_000, NOK: 108_000, DKK: 69_000, PLN: 40_000,
  AED: 36_700, SAR: 37_500, QAR: 36_400, EGP: 480_000, MAD: 100_000, TRY: 340_000, INR: 840_000, CNY: 72_000, SGD: 13_400, HKD: 78_000,
  MXN: 180_000, BRL: 55_000, ZAR: 180_000, NGN: 16_000_000, KES: 1_290_000,
  JPY: 1_500_000, KRW: 13_800_000,
  KWD: 3_100, BHD: 3_760, OMR: 3_850, JOD: 7_090,
};

/** Fixed part of every quote: meeting twice (pickup and hand-over) costs a traveller about this much time whatever the item. */
export const QUOTE_BASE_MINOR = 500; // $5.00
/** Per kilogram carried, prorated per gram: luggage allowance is what a traveller gives up (excess bags cost ~$5–10/kg). */
export const QUOTE_PER_KG_MINOR = 400; // $4.00 per kg
/** Per 1,000 km of the item's route plus the traveller's detour, prorated per metre: longer trips carry more risk and waiting. */
export const QUOTE_PER_1000_KM_MINOR = 300; // $3.00 per 1,000 km
/** Cover for loss or damage, as a share of the declared item value (the item's own currency): 1% as carriers' declared-value cover charges. */
export const QUOTE_INSURANCE_BPS = 100;
/** No quote is below this: under it no traveller would bother with the two meetings. */
export const QUOTE_MINIMUM_MINOR = 500; // $5.00

/** At or beyond this many hours before deliver-by there is no urgency surcharge: a week lets a request wait for a cheap trip. */
export const URGENCY_RELAXED_HOURS = 168;
/** Surcharge at 0 hours left, growing linearly from nothing at URGENCY_RELAXED_HOURS: at most ×1.5 so an urgent quote stays a quote. */
export const URGENCY_MAX_EXTRA_BPS = 5_000;

/** Pseudo-count added to both open requests and trips, so a route with no data prices at ×1 and one request moves it a little. */
export const DEMAND_PRIOR_COUNT = 2;
/** How strongly the route's imbalance moves the price: (requests − trips) / (trips + prior) × 25%. */
export const DEMAND_ELASTICITY_BPS = 2_500;
/** A route flooded with trips still pays at least ×0.8: below that travellers stop offering. */
export const DEMAND_MIN_BPS = 8_000;
/** A route starved of trips pays at most ×1.5: surge pricing beyond that reads as gouging. */
export const DEMAND_MAX_BPS = 15_000;
