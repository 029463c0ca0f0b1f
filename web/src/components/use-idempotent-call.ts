// Runs a money-moving call with an Idempotency-Key that survives a failed attempt, so retrying never charges or moves money twice.
import { useCallback, useRef } from "react";
import { keepsKeyForRetry, keyForAttempt, type UnansweredAttempt } from "../api/idempotency-key";

/**
 * `fingerprint` names the request (its action and body): a retry of the same one after an unanswered or unsettled attempt
 * reuses the key, so the server replays its first answer (or lets an approved review through) instead of acting twice;
 * a changed request gets a new key.
 */
export function useIdempotentCall() {
  const unanswered = useRef<UnansweredAttempt | null>(null);
  return useCallback(async <T>(fingerprint: string, call: (idempotencyKey: string) => Promise<T>): Promise<T> => {
    const key = keyForAttempt(unanswered.current, fingerprint);
    try {
      const result = await call(key);
      unanswered.current = null;
      return result;
    } catch (error) {
      unanswered.current = keepsKeyForRetry(error) ? { fingerprint, key } : null;
      throw error;
    }
  }, []);
}
