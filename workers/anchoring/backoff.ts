// When a batch whose send failed is tried again: exponential backoff, bounded so a long outage is still retried hourly.
import { ANCHOR_RETRY_BASE_MS, ANCHOR_RETRY_MAX_MS } from "../platform/limits";

/** Delay before the next attempt after `failedAttempts` failures (≥ 1): base · 2^(n−1), at most the maximum. */
export function retryDelayMs(failedAttempts: number): number {
  // The exponent is capped first so a huge attempt count cannot overflow to Infinity before the min.
  return Math.min(ANCHOR_RETRY_BASE_MS * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 30), ANCHOR_RETRY_MAX_MS);
}
