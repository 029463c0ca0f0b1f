// Idempotency-Keys for money-moving requests: a fresh one per user action, the same one again when retrying that action.
import { ApiError } from "./api-error";

// crypto.randomUUID exists only in secure contexts; a plain-http preview still gets a random v4 UUID.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// The request an unanswered key was sent with, so only a retry of that same request reuses it.
export interface UnansweredAttempt {
  fingerprint: string;
  key: string;
}

/** The same key again only when retrying the very request whose answer never came; otherwise a fresh one. */
export function keyForAttempt(unanswered: UnansweredAttempt | null, fingerprint: string, fresh: () => string = newIdempotencyKey): string {
  return unanswered !== null && unanswered.fingerprint === fingerprint ? unanswered.key : fresh();
}

/**
 * True when a retry of the same request must send the same key: the server may have acted although no answer came
 * (network, 5xx), or it kept no answer for the key because the outcome can change (400, 409 such as a payment under
 * review that an admin may approve, 429). Any other answer is stored and final: the same key would only replay it.
 */
export function keepsKeyForRetry(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status >= 500 || error.status === 400 || error.status === 409 || error.status === 429;
}
