// Pure escrow arithmetic: the platform fee, and how a total splits between refund, seller and platform. Integer minor units only.

/** Basis points in one whole: 500 bps = 5%. */
export const BPS_PER_WHOLE = 10_000;
export const DEFAULT_PLATFORM_FEE_BPS = 500;

/**
 * Reads the PLATFORM_FEE_BPS wrangler var: unset → the default; anything but a whole number from 0 to 10,000 is a
 * deployment mistake, so it throws (a loud 500 on the first release) rather than charging a fee nobody chose.
 */
export function parsePlatformFeeBps(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_PLATFORM_FEE_BPS;
  if (!/^\d{1,5}$/.test(raw.trim())) throw new Error(`invariant failed: PLATFORM_FEE_BPS must be a whole number of basis points, got "${raw}"`);
  const bps = Number(raw.trim());
  if (bps > BPS_PER_WHOLE) throw new Error(`invariant failed: PLATFORM_FEE_BPS must be at most ${BPS_PER_WHOLE}, got ${bps}`);
  return bps;
}

/**
 * The fee on `amountMinor`: amount × bps / 10,000 rounded half up (half a cent goes to the platform, as card
 * networks round). BigInt because amount × bps can pass Number.MAX_SAFE_INTEGER for the largest amounts we accept.
 */
export function platformFee(amountMinor: number, bps: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new Error(`invariant failed: fee on a bad amount ${amountMinor}`);
  const whole = BigInt(BPS_PER_WHOLE);
  return Number((BigInt(amountMinor) * BigInt(bps) + whole / 2n) / whole);
}

export interface EscrowSplit {
  /** Back to the buyer's available balance. */
  refundMinor: number;
  /** Released from escrow: the seller's share plus the fee. */
  releaseMinor: number;
  sellerMinor: number;
  feeMinor: number;
}

/** How an escrowed total ends: `refundMinor` to the buyer, the rest to the seller less the fee on that rest. */
export function splitEscrow(totalMinor: number, refundMinor: number, bps: number): EscrowSplit {
  if (!Number.isSafeInteger(refundMinor) || refundMinor < 0 || refundMinor > totalMinor) throw new Error(`invariant failed: refund ${refundMinor} outside 0…${totalMinor}`);
  const releaseMinor = totalMinor - refundMinor;
  const feeMinor = platformFee(releaseMinor, bps);
  return { refundMinor, releaseMinor, sellerMinor: releaseMinor - feeMinor, feeMinor };
}
