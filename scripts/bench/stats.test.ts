// Tests for the benchmark statistics: exact percentiles, mean, max and throughput on small known inputs.
import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./stats";

const ONE_TO_HUNDRED = Array.from({ length: 100 }, (_, index) => index + 1);

describe("percentile", () => {
  it("picks the nearest-rank value, so p50 of 1..100 is 50 and p99 is 99", () => {
    expect([50, 90, 95, 99, 100].map((percent) => percentile(ONE_TO_HUNDRED, percent))).toEqual([50, 90, 95, 99, 100]);
  });

  it("gives the single value for every percentile of a one-value list", () => {
    expect([1, 50, 100].map((percent) => percentile([7], percent))).toEqual([7, 7, 7]);
  });

  it("rounds the rank up, so p50 of four values is the second", () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
  });

  it("refuses an empty list and percentiles outside (0, 100]", () => {
    expect(() => percentile([], 50)).toThrow("percentile of an empty list");
    expect(() => percentile([1], 0)).toThrow("percentile must be in (0, 100], got 0");
    expect(() => percentile([1], 101)).toThrow("percentile must be in (0, 100], got 101");
  });
});

describe("summarize", () => {
  it("reports percentiles, mean and max whatever order the latencies arrive in", () => {
    const shuffled = [...ONE_TO_HUNDRED].reverse();
    expect(summarize(shuffled, 2_000)).toEqual({
      count: 100,
      throughputPerSecond: 50,
      latency: { meanMs: 50.5, p50Ms: 50, p90Ms: 90, p95Ms: 95, p99Ms: 99, maxMs: 100 },
    });
  });

  it("counts throughput as requests per second of elapsed wall time", () => {
    expect(summarize([1, 1, 1], 500).throughputPerSecond).toBe(6);
  });

  it("leaves the input untouched", () => {
    const latencies = [3, 1, 2];
    summarize(latencies, 1_000);
    expect(latencies).toEqual([3, 1, 2]);
  });

  it("has no latency and zero throughput when nothing succeeded", () => {
    expect(summarize([], 1_000)).toEqual({ count: 0, throughputPerSecond: 0, latency: null });
  });

  it("refuses an elapsed time that is not positive", () => {
    expect(() => summarize([1], 0)).toThrow("elapsed time must be positive, got 0");
  });
});
