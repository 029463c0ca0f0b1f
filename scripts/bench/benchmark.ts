// The shape of one benchmark: what it sends, how hard and how long, and how its figures are read.
import type { NodeDatabaseTarget } from "../db/node-database";
import type { DevSecrets } from "../platform/dev-secrets";
import type { CpuUsage } from "./cpu-usage";
import type { HttpClient } from "./http-client";
import type { LoadResult } from "./load";
import type { Summary } from "./stats";

/** What a benchmark may use to prepare its data and send its requests. */
export interface BenchmarkContext {
  /** Base URL of the running platform, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Keep-alive client sized to the benchmark's concurrency. */
  http: HttpClient;
  /** The platform's database, reachable from Node through the local Neon proxy. */
  database: NodeDatabaseTarget;
  /** The dev secrets the Worker runs with (the password pepper, for one). */
  secrets: DevSecrets;
  /** Upstash REST url + token of the local bridge to Redis (for Workers a benchmark serves itself), or null without REDIS_URL. */
  redis: { url: string; token: string } | null;
  /** Unique per run, so data and rate-limit keys left in Redis by earlier runs never collide with this one. */
  runTag: string;
  mode: RunMode;
}

export interface RunMode {
  /** A PostgreSQL server from DATABASE_URL, or the embedded PGlite. */
  database: "postgres" | "pglite";
  /** True when REDIS_URL is set and the Worker reaches Redis through the local Upstash bridge. */
  redis: boolean;
}

export interface RequestOutcome {
  ok: boolean;
  /** HTTP status, or 0 when no response came (connection error, timeout). */
  status: number;
  /** For a failure: what came back (an error body, or the connection error), to show in the report. */
  detail?: string;
}

export interface BenchmarkResult {
  name: string;
  description: string;
  concurrency: number;
  /** Requests sent in the measured window (successes and errors). */
  requests: number;
  errors: number;
  /** Error count per HTTP status ("0" = no response). */
  errorsByStatus: Record<string, number>;
  /** The first failure's detail for each status that failed. */
  firstErrorDetails: Record<string, string>;
  summary: Summary;
  /** Why the measured window is not clean even after retries (the Worker restarted, other work ran), or null. */
  disturbance: string | null;
  /** How busy the machine and its busiest processes were while measuring; null where /proc is missing. */
  cpu: CpuUsage | null;
  /** One honest line on what bounds these figures. */
  interpretation: string;
  /** Set after the whole run: this result against another one of the same run (a ceiling, a baseline), with the target. */
  comparisons?: Comparison[];
}

/** One result against another of the same run, as a ratio with its target: the machine is noisy, ratios travel better than figures. */
export interface Comparison {
  title: string;
  /** What is compared, e.g. "accepted bids/s" or "p99 fan-out (ms)". */
  metric: string;
  subject: { name: string; value: number };
  reference: { name: string; value: number };
  /** subject ÷ reference. */
  ratio: number;
  /** Whether a higher ratio is better (throughput) or a lower one (latency). */
  better: "higher" | "lower";
  /** The ratio the target asks for: at least this when higher is better, at most this when lower is. */
  target: number;
  meets: boolean;
  /** What bounds the ratio, in a sentence or two. */
  reading: string;
}

/** A benchmark once its data is in place. */
export interface PreparedBenchmark {
  /** Sends request number `index` (counted from 0 across warm-up and measurement). */
  request(index: number): Promise<RequestOutcome>;
  /** Reads the measured figures: what bounds them, in one line for BENCHMARKS.md. */
  interpret(result: Omit<BenchmarkResult, "interpretation">): string;
  /**
   * Instead of the closed loop over `request`: the benchmark measures itself (e.g. fan-out: one bid at a time,
   * each latency the time until the last watcher has it), `count` samples from `firstIndex` on. Used for warm-up too.
   */
  measure?(options: { firstIndex: number; count: number; durationMs: number }): Promise<LoadResult>;
  /** Stops what `prepare` started (a Miniflare instance, a second wrangler dev, sockets); called once, also after a failure. */
  dispose?(): Promise<void>;
  /** Renames process labels in the CPU lines, e.g. the Miniflare workerd this benchmark started. */
  processLabels?: Record<string, string>;
  /** The CPU lines name the platform's Worker thread; false when this benchmark's load goes elsewhere. */
  followsWorkerThread?: boolean;
}

export interface Benchmark {
  name: string;
  description: string;
  /** Closed-loop clients: each waits for its answer before sending the next request. */
  concurrency: number;
  /** The measured window ends at this time or at `maxRequests`, whichever comes first. */
  durationMs: number;
  maxRequests: number;
  /** Makes the data the requests need (users, listings…) and returns the request to repeat. */
  prepare(ctx: BenchmarkContext): Promise<PreparedBenchmark>;
  /** After the whole run: this benchmark's result against others of the run (missing ones are skipped). */
  compare?(result: BenchmarkResult, all: readonly BenchmarkResult[]): Comparison[];
  /** Why this benchmark cannot run in this run (e.g. it needs a Postgres server), or null: a skipped one is named in the report. */
  skipReason?(ctx: Omit<BenchmarkContext, "http">): string | null;
  /** Warm-up, when not the run's default (fan-out warms up with a few bids, not seconds of them). */
  warmup?: { durationMs: number; maxRequests: number };
}
