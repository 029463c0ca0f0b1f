// Pure summaries of one benchmark's measurements: latency percentiles, mean, max and throughput.

export interface LatencySummary {
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface Summary {
  /** Requests that succeeded; latencies and throughput count only these. */
  count: number;
  throughputPerSecond: number;
  /** Null when nothing succeeded: there is no latency to report. */
  latency: LatencySummary | null;
}

/** Nearest-rank percentile of an ascending list: the smallest value with at least `percent`% of the values at or below it. */
export function percentile(sortedAscending: readonly number[], percent: number): number {
  if (sortedAscending.length === 0) throw new Error("percentile of an empty list");
  if (!(percent > 0 && percent <= 100)) throw new Error(`percentile must be in (0, 100], got ${percent}`);
  const rank = Math.ceil((percent / 100) * sortedAscending.length);
  return sortedAscending[rank - 1]!;
}

export function summarize(latenciesMs: readonly number[], elapsedMs: number): Summary {
  if (!(elapsedMs > 0)) throw new Error(`elapsed time must be positive, got ${elapsedMs}`);
  const count = latenciesMs.length;
  const throughputPerSecond = (count * 1000) / elapsedMs;
  if (count === 0) return { count, throughputPerSecond, latency: null };
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count,
    throughputPerSecond,
    latency: {
      meanMs: total / count,
      p50Ms: percentile(sorted, 50),
      p90Ms: percentile(sorted, 90),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[count - 1]!,
    },
  };
}
