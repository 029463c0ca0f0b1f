// Closed-loop load: N clients, each sending its next request only once the previous one has answered, bounded by time and count.
import type { RequestOutcome } from "./benchmark";

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** Index of the first request, so a measurement carries on from where its warm-up stopped. */
  firstIndex: number;
  request(index: number): Promise<RequestOutcome>;
}

export interface LoadResult {
  /** Latency of each successful request, in milliseconds. */
  latenciesMs: number[];
  requests: number;
  errorsByStatus: Record<string, number>;
  firstErrorDetails: Record<string, string>;
  /** From the first request sent to the last answer received. */
  elapsedMs: number;
  /** Index the next run should start from. */
  nextIndex: number;
}

/** A thrown request (connection refused, timeout) counts as an error with status 0: "no response". */
const NO_RESPONSE_STATUS = 0;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const errorsByStatus: Record<string, number> = {};
  const firstErrorDetails: Record<string, string> = {};
  let nextIndex = options.firstIndex;
  const lastIndex = options.firstIndex + options.maxRequests;
  const startedMs = performance.now();
  const deadlineMs = startedMs + options.durationMs;

  async function client(): Promise<void> {
    // Bounded by maxRequests and by the deadline; a request stuck past the deadline is bounded by the HTTP timeout.
    while (nextIndex < lastIndex && performance.now() < deadlineMs) {
      const index = nextIndex++;
      const sentMs = performance.now();
      let outcome: RequestOutcome;
      try {
        outcome = await options.request(index);
      } catch (error) {
        outcome = { ok: false, status: NO_RESPONSE_STATUS, detail: error instanceof Error ? error.message : String(error) };
      }
      if (outcome.ok) {
        latenciesMs.push(performance.now() - sentMs);
      } else {
        errorsByStatus[outcome.status] = (errorsByStatus[outcome.status] ?? 0) + 1;
        if (outcome.detail !== undefined) firstErrorDetails[outcome.status] ??= outcome.detail;
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { latenciesMs, requests: nextIndex - options.firstIndex, errorsByStatus, firstErrorDetails, elapsedMs: performance.now() - startedMs, nextIndex };
}
