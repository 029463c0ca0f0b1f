// The crowdship quote: what carrying an item should cost, from weight, distance, urgency, item value and the route's supply and demand. Integer money only.
import { CURRENCY_EXPONENTS, MAX_MONEY_AMOUNT_MINOR, type Currency } from "../platform/money";
import {
  DEMAND_ELASTICITY_BPS,
  DEMAND_MAX_BPS,
  DEMAND_MIN_BPS,
  DEMAND_PRIOR_COUNT,
  PRICE_LEVEL_BPS_PER_USD,
  PRICING_CONSTANTS_EXPONENT,
  QUOTE_BASE_MINOR,
  QUOTE_INSURANCE_BPS,
  QUOTE_MINIMUM_MINOR,
  QUOTE_PER_1000_KM_MINOR,
  QUOTE_PER_KG_MINOR,
  URGENCY_MAX_EXTRA_BPS,
  URGENCY_RELAXED_HOURS,
} from "./pricing-constants";

/** Supply and demand on a route in the request's window: open requests against scheduled trips. */
export interface RouteMarket {
  openRequests: number;
  tripsInWindow: number;
}

export const NEUTRAL_MARKET: Readonly<RouteMarket> = Object.freeze({ openRequests: 0, tripsInWindow: 0 });

export interface QuoteInput {
  weightGrams: number;
  distanceKm: number;
  hoursUntilDeliverBy: number;
  itemValueMinor: number;
  currency: Currency;
  market: RouteMarket;
}

export interface Quote {
  totalMinor: number;
  currency: Currency;
  /** Each part rounded on its own for display; the total is computed exactly and rounded once, so the parts may not add up to it by a unit. */
  breakdown: { baseMinor: number; weightMinor: number; distanceMinor: number; insuranceMinor: number; urgencyMultiplierBps: number; demandMultiplierBps: number };
}

const BPS = 10_000n;
const GRAMS_PER_KG = 1_000n;
const METRES_PER_1000_KM = 1_000_000n;

/** ⌊(numerator + denominator/2) / denominator⌋: half up, for non-negative numerators. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator / 2n) / denominator;
}

function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`invariant failed: ${name} must be a non-negative integer, got ${value}`);
}

/** ×1 at URGENCY_RELAXED_HOURS or more, rising linearly to ×(1 + URGENCY_MAX_EXTRA_BPS) at 0 hours (past deliver-by counts as 0). */
export function urgencyMultiplierBps(hoursUntilDeliverBy: number): number {
  const hours = Math.min(URGENCY_RELAXED_HOURS, Math.max(0, hoursUntilDeliverBy));
  return Number(BPS) + Math.floor((URGENCY_MAX_EXTRA_BPS * (URGENCY_RELAXED_HOURS - hours)) / URGENCY_RELAXED_HOURS);
}

/** ×(1 + elasticity × (requests − trips) / (trips + prior)), clamped to [DEMAND_MIN_BPS, DEMAND_MAX_BPS]. */
export function demandMultiplierBps(market: RouteMarket): number {
  requireCount("openRequests", market.openRequests);
  requireCount("tripsInWindow", market.tripsInWindow);
  const imbalance = BigInt(market.openRequests - market.tripsInWindow) * BigInt(DEMAND_ELASTICITY_BPS);
  const denominator = BigInt(market.tripsInWindow + DEMAND_PRIOR_COUNT);
  // Floor division towards −∞ (BigInt division truncates towards 0), so the multiplier is monotone across 0.
  const floored = imbalance >= 0n ? imbalance / denominator : -((-imbalance + denominator - 1n) / denominator);
  return Math.min(DEMAND_MAX_BPS, Math.max(DEMAND_MIN_BPS, Number(BPS + floored)));
}

/** A USD-cent constant in `currency`'s minor units: ×10^(exponent − 2) × the price level, so $5.00 → ¥750 and KWD 1.550. */
function scaledMinor(usdMinor: bigint, currency: Currency): { numerator: bigint; denominator: bigint } {
  const shift = CURRENCY_EXPONENTS[currency] - PRICING_CONSTANTS_EXPONENT;
  const level = BigInt(PRICE_LEVEL_BPS_PER_USD[currency]);
  return shift >= 0 ? { numerator: usdMinor * level * 10n ** BigInt(shift), denominator: BPS } : { numerator: usdMinor * level, denominator: BPS * 10n ** BigInt(-shift) };
}

/**
 * total = max(minimum, round½↑((base + perKg·kg + per1000Km·km/1000) · urgency · demand + value · insurance)).
 * Everything is an exact fraction of BigInts until the single rounding; distance is taken to the whole metre.
 */
export function quoteShipment(input: QuoteInput): Quote {
  requireCount("weightGrams", input.weightGrams);
  requireCount("itemValueMinor", input.itemValueMinor);
  if (input.itemValueMinor > MAX_MONEY_AMOUNT_MINOR) throw new Error(`invariant failed: item value ${input.itemValueMinor} above the money limit`);
  if (!Number.isFinite(input.distanceKm) || input.distanceKm < 0) throw new Error(`invariant failed: distance ${input.distanceKm} km`);
  if (Number.isNaN(input.hoursUntilDeliverBy)) throw new Error("invariant failed: hours until deliver-by is NaN");

  const grams = BigInt(input.weightGrams);
  const metres = BigInt(Math.round(input.distanceKm * 1000));
  const urgencyBps = urgencyMultiplierBps(input.hoursUntilDeliverBy);
  const demandBps = demandMultiplierBps(input.market);

  // The carrying part in USD cents × 1,000,000 (the common denominator of per-gram and per-metre prorating).
  const carryingMicro = BigInt(QUOTE_BASE_MINOR) * METRES_PER_1000_KM + BigInt(QUOTE_PER_KG_MINOR) * grams * (METRES_PER_1000_KM / GRAMS_PER_KG) + BigInt(QUOTE_PER_1000_KM_MINOR) * metres;
  const carrying = scaledMinor(carryingMicro * BigInt(urgencyBps) * BigInt(demandBps), input.currency);
  const carryingDenominator = carrying.denominator * METRES_PER_1000_KM * BPS * BPS;
  const insuranceNumerator = BigInt(input.itemValueMinor) * BigInt(QUOTE_INSURANCE_BPS);
  // carrying/carryingDenominator + insurance/BPS over one denominator (BPS divides carryingDenominator).
  const exactTotal = roundHalfUp(carrying.numerator + insuranceNumerator * (carryingDenominator / BPS), carryingDenominator);

  const part = (usdMinor: bigint, extraDenominator: bigint) => {
    const scaled = scaledMinor(usdMinor, input.currency);
    return Number(roundHalfUp(scaled.numerator, scaled.denominator * extraDenominator));
  };
  const minimumMinor = part(BigInt(QUOTE_MINIMUM_MINOR), 1n);
  return {
    totalMinor: Math.max(minimumMinor, Number(exactTotal)),
    currency: input.currency,
    breakdown: {
      baseMinor: part(BigInt(QUOTE_BASE_MINOR), 1n),
      weightMinor: part(BigInt(QUOTE_PER_KG_MINOR) * grams, GRAMS_PER_KG),
      distanceMinor: part(BigInt(QUOTE_PER_1000_KM_MINOR) * metres, METRES_PER_1000_KM),
      insuranceMinor: Number(roundHalfUp(insuranceNumerator, BPS)),
      urgencyMultiplierBps: urgencyBps,
      demandMultiplierBps: demandBps,
    },
  };
}
