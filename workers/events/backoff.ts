// Retry delay for a failed event delivery: exponential from a base, capped, with the attempt number from the queue.
import { EVENT_RETRY_BASE_DELAY_SECONDS, EVENT_RETRY_MAX_DELAY_SECONDS } from "../platform/limits";

/** attempts is the queue's 1-based delivery count: 1 → base, 2 → 2×base, 3 → 4×base … capped. */
export function retryDelaySeconds(attempts: number): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 16); // bounds 2^n long before the cap matters
  return Math.min(EVENT_RETRY_BASE_DELAY_SECONDS * 2 ** exponent, EVENT_RETRY_MAX_DELAY_SECONDS);
}
