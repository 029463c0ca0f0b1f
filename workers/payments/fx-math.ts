// Pure FX arithmetic on exact integers: rates are fixed-point with 1e8 scale, amounts are minor units, rounding is down (the platform's favour).

/** Rates are stored and passed as integers: rate × 1e8. Eight places is what FX feeds quote to. */
export const FX_RATE_SCALE = 100_000_000n;
const RATE_DECIMALS = 8;
const BPS_SCALE = 10_000n;

export interface ConversionInput {
  sellMinor: number;
  /** Minor-unit exponents (USD 2, JPY 0, KWD 3). */
  sellExponent: number;
  buyExponent: number;
  /** Units of each currency per 1 USD, × FX_RATE_SCALE. */
  sellUnitsPerUsdScaled: number;
  buyUnitsPerUsdScaled: number;
  spreadBps: number;
}

/**
 * What the buyer of `buyCurrency` receives for `sellMinor`, in buy minor units:
 *   floor(sell × (buyPerUsd / sellPerUsd) × 10^(buyExp − sellExp) × (10000 − spread) / 10000)
 * computed as one fraction of BigInts, so there is exactly one rounding, always down: the user never gets a fraction
 * of a minor unit more than the quoted rate allows, and what is rounded off stays in the platform's fx account.
 */
export function convertMinor(input: ConversionInput): bigint {
  if (!Number.isSafeInteger(input.sellMinor) || input.sellMinor < 0) throw new Error(`invariant failed: sell amount ${input.sellMinor} is not a non-negative integer`);
  if (input.sellUnitsPerUsdScaled <= 0 || input.buyUnitsPerUsdScaled <= 0) throw new Error("invariant failed: FX rates must be positive");
  if (input.spreadBps < 0 || input.spreadBps >= 10_000) throw new Error(`invariant failed: spread ${input.spreadBps} bps is out of range`);
  const exponentShift = input.buyExponent - input.sellExponent;
  let numerator = BigInt(input.sellMinor) * BigInt(input.buyUnitsPerUsdScaled) * (BPS_SCALE - BigInt(input.spreadBps));
  let denominator = BigInt(input.sellUnitsPerUsdScaled) * BPS_SCALE;
  if (exponentShift >= 0) numerator *= 10n ** BigInt(exponentShift);
  else denominator *= 10n ** BigInt(-exponentShift);
  return numerator / denominator; // BigInt division truncates; both are positive, so this is floor
}

/** The mid rate from sell to buy (buy major units per sell major unit) × 1e8, rounded down; for display and audit. */
export function midRateScaled(sellUnitsPerUsdScaled: number, buyUnitsPerUsdScaled: number): bigint {
  return (BigInt(buyUnitsPerUsdScaled) * FX_RATE_SCALE) / BigInt(sellUnitsPerUsdScaled);
}

/** 92_000_000 → "0.92000000": exact decimal text, never a float. */
export function formatScaledRate(scaled: number | bigint): string {
  const value = BigInt(scaled);
  if (value < 0n) throw new Error("invariant failed: rates are positive");
  const digits = value.toString().padStart(RATE_DECIMALS + 1, "0");
  return `${digits.slice(0, -RATE_DECIMALS)}.${digits.slice(-RATE_DECIMALS)}`;
}

const DECIMAL_RATE = /^(\d{1,9})(?:\.(\d{1,8}))?$/;

/** "0.92" → 92_000_000n; null for anything that is not a plain positive decimal with at most 8 places. */
export function parseDecimalRate(text: string): bigint | null {
  const match = DECIMAL_RATE.exec(text);
  if (!match) return null;
  const scaled = BigInt(match[1]!) * FX_RATE_SCALE + BigInt((match[2] ?? "").padEnd(RATE_DECIMALS, "0"));
  return scaled > 0n ? scaled : null;
}
