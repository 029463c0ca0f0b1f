// The shape of one benchmark: what it sends, how hard and how long, and how its figures are read.
import type { NodeDatabaseTarget } from "../db/node-database";
import type { DevSecrets } from "../platform/dev-secrets";
import type { CpuUsage } from "./cpu-usage";
import type { HttpClient } from "./http-client";
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
}

/** A benchmark once its data is in place. */
export interface PreparedBenchmark {
  /** Sends request number `index` (counted from 0 across warm-up and measurement). */
  request(index: number): Promise<RequestOutcome>;
  /** Reads the measured figures: what bounds them, in one line for BENCHMARKS.md. */
  interpret(result: Omit<BenchmarkResult, "interpretation">): string;
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
}
