// What the five search benchmarks share: a client that reads what each search answered, a probe one request at a time, and the reading against the 50 ms target.
import { Agent, request as httpRequest } from "node:http";
import { openNodeDatabase } from "../../db/node-database";
import type { Benchmark, BenchmarkContext, BenchmarkResult, RequestOutcome } from "../benchmark";
import { cpuMsPerRequest, describeCpuPerRequest } from "../cpu-usage";
import { percentile } from "../stats";
import { ensureSearchListings, type SeededListings } from "./search-data";

/** The issue's figures: 20 concurrent clients, p95 under 50 ms. */
export const SEARCH_CONCURRENCY = 20;
export const SEARCH_P95_TARGET_MS = 50;
/** Long enough for a thousand searches or more; the request sets are larger than that, so few repeat. */
const SEARCH_DURATION_MS = 10_000;
const SEARCH_MAX_REQUESTS = 50_000;
/** The web app's page size (web/src/features/search/search-state.ts): every search asks for it. */
export const SEARCH_PAGE_SIZE = 24;
/**
 * The probe asks for one fewer: a page size the load never uses, so nothing the probe leaves in the Redis cache is
 * found by the measurement, while the database does the same work.
 */
export const PROBE_PAGE_SIZE = SEARCH_PAGE_SIZE - 1;
/** Requests sent one at a time before the load: the latency without queueing. The first few only warm up. */
const PROBE_REQUESTS = 60;
const PROBE_WARMUP_REQUESTS = 5;
/** Long enough for the probe's last backends to exit and report their statistics. */
const STATS_SETTLE_MS = 500;
/** Paths a workload gives the probe: warm-up and measured. */
export const PROBE_PATHS = PROBE_WARMUP_REQUESTS + PROBE_REQUESTS;
/** As in the bench's own client: a request past this counts as an error instead of hanging the run. */
const REQUEST_TIMEOUT_MS = 30_000;
const ERROR_BODY_MAX_CHARS = 300;
const FIRST_ERROR_STATUS = 400;
/** At or above this share of all cores busy, the machine itself is the limit. */
const SATURATED_PERCENT = 90;
/** The Worker's thread running or waiting for a core this share of the time: it is the limit. */
const THREAD_SATURATED_PERCENT = 90;
/** Fewer answers of a kind than this say nothing about its latency. */
const MIN_SPLIT_SAMPLES = 20;

/** What one search answered, read cheaply from the body (no JSON parse of a 20 KB page per request). */
export interface SearchAnswer {
  status: number;
  /** X-Cache: "hit", "miss", or "bypass" (no Redis); null on routes without it (suggest). */
  cache: string | null;
  /** Matches (`total`), for /v1/search; a quoted key inside a title is escaped, so the top-level one is found as is. */
  total: number | null;
  /** The answer is for a corrected query (`didYouMean`). */
  corrected: boolean;
  nextCursor: string | null;
  /** Suggestions returned, for /v1/search/suggest. */
  suggestions: number | null;
  errorBody?: string;
}

/** `"key":value` of the top-level object: the last occurrence, since items (which come first) may contain anything. */
function lastField(body: string, key: string): string | null {
  const at = body.lastIndexOf(`"${key}":`);
  if (at < 0) return null;
  const rest = body.slice(at + key.length + 3);
  const match = /^("(?:[^"\\]|\\.)*"|[^,}\]]*)/.exec(rest);
  return match ? match[1]! : null;
}

const SUGGEST_PATH = "/v1/search/suggest";

export function readAnswer(path: string, status: number, cache: string | null, body: string): SearchAnswer {
  if (status >= FIRST_ERROR_STATUS) return { status, cache, total: null, corrected: false, nextCursor: null, suggestions: null, errorBody: body.slice(0, ERROR_BODY_MAX_CHARS) };
  if (path.startsWith(SUGGEST_PATH)) {
    // A few short strings: parsing costs nothing here.
    const parsed = JSON.parse(body) as { items: unknown[] };
    return { status, cache, total: null, corrected: false, nextCursor: null, suggestions: parsed.items.length };
  }
  const total = lastField(body, "total");
  const cursor = lastField(body, "nextCursor");
  return {
    status,
    cache,
    total: total === null ? null : Number(total),
    corrected: body.includes('"didYouMean":'),
    nextCursor: cursor && cursor !== "null" ? (JSON.parse(cursor) as string) : null,
    suggestions: null,
  };
}

export interface SearchClient {
  get(path: string): Promise<SearchAnswer>;
  close(): void;
}

/**
 * node:http with a keep-alive agent, like the bench's own client (scripts/bench/http-client.ts), but it keeps the body
 * and X-Cache: whether the Redis cache answered, how many listings matched, and the next page's cursor.
 */
export function createSearchClient(baseUrl: string, maxSockets: number): SearchClient {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  return {
    get(path) {
      return new Promise((resolve, reject) => {
        const outgoing = httpRequest({ host: base.hostname, port: base.port, method: "GET", path, agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
          const status = response.statusCode ?? 0;
          const cacheHeader = response.headers["x-cache"];
          const cache = typeof cacheHeader === "string" ? cacheHeader : null;
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () => {
            try {
              resolve(readAnswer(path, status, cache, body));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          response.on("error", reject);
        });
        outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
        outgoing.on("error", reject);
        outgoing.end();
      });
    },
    close: () => agent.destroy(),
  };
}

/** The requests one benchmark sends. */
export interface SearchWorkload {
  /** For the reading: "3,236 keyword searches (brands, models, product kinds)". */
  describe: string;
  /** Different requests the load can send; the Redis cache only answers a request seen within its 30 s. */
  distinct: number;
  /** Path of request number `index` (counted from 0 across warm-up and measurement). */
  path(index: number): string;
  /** Sees each answer; browse uses it to ask for the next page. */
  answered?(index: number, answer: SearchAnswer): void;
  /** Sent one at a time before the load; their answers must not be ones the load would find in the cache. */
  probePaths: string[];
}

interface Answered {
  ms: number;
  answer: SearchAnswer;
}

/** The figures of the measured window that the bench's own result does not carry. */
export interface WindowStats {
  answers: SearchAnswer[];
  /** Latency (ms) of successful answers by X-Cache value. */
  latencyByCache: Map<string, number[]>;
}

/** One request at a time: latency without queueing, and what each request cost in CPU. */
export interface ProbeStats {
  p50Ms: number;
  p95Ms: number;
  count: number;
  /**
   * Time Postgres spent executing each request's statements (pg_stat_database.active_time of the bench database, so
   * other databases on the server do not count); null with embedded PGlite.
   */
  postgresActivePerRequestMs: number | null;
}

export interface SearchBenchmarkOptions {
  name: string;
  description: string;
  build(ctx: BenchmarkContext, listings: SeededListings): Promise<SearchWorkload>;
  /** Sentences on what these answers were (matches, corrections…), from the measured window. */
  readAnswers(stats: WindowStats): string[];
  /** Whether each request writes search analytics (a search_queries row, a search_terms count) after its response. */
  writesAnalytics: boolean;
}

const integer = (value: number) => Math.round(value).toLocaleString("en-US");
const ms = (value: number) => (value < 10 ? value.toFixed(1) : integer(value));

export function searchBenchmark(options: SearchBenchmarkOptions): Benchmark {
  return {
    name: options.name,
    description: options.description,
    concurrency: SEARCH_CONCURRENCY,
    durationMs: SEARCH_DURATION_MS,
    maxRequests: SEARCH_MAX_REQUESTS,
    async prepare(ctx) {
      const listings = await ensureSearchListings(ctx);
      const workload = await options.build(ctx, listings);
      const client = createSearchClient(ctx.url, SEARCH_CONCURRENCY);
      // The floor: /v1/health opens the same per-request Postgres connection (and Redis round trip) but runs only `select 1`.
      const floor = await runProbe(ctx, client, Array.from({ length: PROBE_WARMUP_REQUESTS + PROBE_REQUESTS }, () => "/v1/health"));
      const probe = await runProbe(ctx, client, workload.probePaths);
      const answered: Answered[] = [];
      let lastIndex = -1;
      return {
        async request(index): Promise<RequestOutcome> {
          lastIndex = Math.max(lastIndex, index);
          const sentMs = performance.now();
          const answer = await client.get(workload.path(index));
          answered[index] = { ms: performance.now() - sentMs, answer };
          workload.answered?.(index, answer);
          return answer.status === 200 ? { ok: true, status: answer.status } : { ok: false, status: answer.status, detail: answer.errorBody ?? "" };
        },
        interpret(result) {
          // Called once, after the last measurement: the client is no longer needed.
          client.close();
          // The measured window is the last `requests` indices handed out (warm-up and earlier attempts came before).
          const measured = answered.slice(lastIndex + 1 - result.requests, lastIndex + 1).filter((entry) => entry !== undefined);
          const latencyByCache = new Map<string, number[]>();
          for (const entry of measured) {
            if (entry.answer.status !== 200) continue;
            const key = entry.answer.cache ?? "none";
            const latencies = latencyByCache.get(key) ?? [];
            latencies.push(entry.ms);
            latencyByCache.set(key, latencies);
          }
          const stats: WindowStats = { answers: measured.map((entry) => entry.answer), latencyByCache };
          return reading(ctx, result, listings, workload, { floor, probe }, stats, options);
        },
      };
    },
  };
}

/** How long Postgres spent executing statements in this database so far (ms); null with embedded PGlite. */
async function postgresActiveMs(ctx: BenchmarkContext): Promise<number | null> {
  if (ctx.mode.database !== "postgres") return null;
  const database = openNodeDatabase(ctx.database);
  try {
    // Per database, so other databases on the same server (other people's tests) do not count.
    const { rows } = await database.pool.query<{ activeMs: number }>(`SELECT active_time AS "activeMs" FROM pg_stat_database WHERE datname = current_database()`);
    return rows[0] ? Number(rows[0].activeMs) : null;
  } finally {
    await database.end();
  }
}

/** Sends `paths` one at a time (the first few only warm up): latency, and how long Postgres executed statements per request. */
async function runProbe(ctx: BenchmarkContext, client: SearchClient, paths: readonly string[]): Promise<ProbeStats | null> {
  const warmup = paths.slice(0, PROBE_WARMUP_REQUESTS);
  const measured = paths.slice(PROBE_WARMUP_REQUESTS, PROBE_WARMUP_REQUESTS + PROBE_REQUESTS);
  const send = async (path: string) => {
    const sentMs = performance.now();
    const answer = await client.get(path);
    if (answer.status !== 200) throw new Error(`search probe ${path}: ${answer.status} ${answer.errorBody ?? ""}`);
    return performance.now() - sentMs;
  };
  for (const path of warmup) await send(path);
  if (measured.length === 0) return null;
  await settle();
  const activeBefore = await postgresActiveMs(ctx);
  const latencies: number[] = [];
  for (const path of measured) latencies.push(await send(path));
  await settle();
  const activeAfter = await postgresActiveMs(ctx);
  latencies.sort((a, b) => a - b);
  const postgresActivePerRequestMs = activeBefore === null || activeAfter === null ? null : (activeAfter - activeBefore) / latencies.length;
  return { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), count: latencies.length, postgresActivePerRequestMs };
}

/** A backend reports its statistics when it exits, after the Worker has answered and closed its connection. */
const settle = () => new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));

function describeCache(ctx: BenchmarkContext, workload: SearchWorkload, stats: WindowStats): string | null {
  if (!ctx.mode.redis) return "No Redis here: every search ran its SQL.";
  const counts = new Map<string, number>();
  for (const answer of stats.answers) if (answer.cache) counts.set(answer.cache, (counts.get(answer.cache) ?? 0) + 1);
  if (counts.size === 0) return null; // suggest: not cached
  const hits = counts.get("hit") ?? 0;
  const misses = counts.get("miss") ?? 0;
  const sentences = [`Redis result cache (30 s): ${integer(misses)} misses and ${integer(hits)} hits in the measured window, from ${integer(workload.distinct)} different requests.`];
  const hitLatencies = stats.latencyByCache.get("hit") ?? [];
  const missLatencies = stats.latencyByCache.get("miss") ?? [];
  if (hitLatencies.length >= MIN_SPLIT_SAMPLES && missLatencies.length >= MIN_SPLIT_SAMPLES) {
    const p95 = (values: number[]) => percentile([...values].sort((a, b) => a - b), 95);
    sentences.push(`Misses p95 ${ms(p95(missLatencies))} ms, hits p95 ${ms(p95(hitLatencies))} ms.`);
  } else if (hits === 0) {
    sentences.push("So these figures are the SQL path, not the cache.");
  }
  return sentences.join(" ");
}

interface Probes {
  /** /v1/health one at a time: what any request that opens a Postgres connection costs here. */
  floor: ProbeStats | null;
  /** This benchmark's own kind of request, one at a time. */
  probe: ProbeStats | null;
}

function reading(
  ctx: BenchmarkContext,
  result: Omit<BenchmarkResult, "interpretation">,
  listings: SeededListings,
  workload: SearchWorkload,
  { floor, probe }: Probes,
  stats: WindowStats,
  options: SearchBenchmarkOptions,
): string {
  const latency = result.summary.latency;
  const throughputPerSecond = result.summary.throughputPerSecond;
  const sentences: string[] = [];
  sentences.push(`${listings.count.toLocaleString("en-US")} listings seeded${ctx.mode.database === "pglite" ? " (a tenth of the issue's 100,000, which embedded PGlite takes ~2 min to seed)" : ""}; ${workload.describe}.`);
  if (latency) {
    const verdict = latency.p95Ms <= SEARCH_P95_TARGET_MS ? "meets" : `misses, ${(latency.p95Ms / SEARCH_P95_TARGET_MS).toFixed(1)}× over,`;
    sentences.push(
      `p95 ${ms(latency.p95Ms)} ms ${verdict} the ${SEARCH_P95_TARGET_MS} ms target. In a closed loop the mean latency is clients ÷ throughput, so ${SEARCH_CONCURRENCY} clients within ${SEARCH_P95_TARGET_MS} ms need well over ${integer((SEARCH_CONCURRENCY * 1000) / SEARCH_P95_TARGET_MS)} req/s; this served ${integer(throughputPerSecond)}.`,
    );
  }
  if (result.cpu) {
    const cpu = result.cpu;
    const busy = Math.round(cpu.machineBusyPercent);
    const cpuMs = cpuMsPerRequest((cpu.machineBusyPercent / 100) * cpu.cores - cpu.otherWorkCores, throughputPerSecond);
    const thread = cpu.workerThread;
    if (busy >= SATURATED_PERCENT) {
      sentences.push(`The machine was ${busy}% busy: bound by CPU. Each request cost ${ms(cpuMs)} ms of CPU across the stack, so ${cpu.cores} cores serve at most ~${integer((cpu.cores * 1000) / cpuMs)} req/s and the rest of the latency is queueing for a core.`);
    } else if (thread && thread.runningPercent + thread.waitingPercent >= THREAD_SATURATED_PERCENT) {
      sentences.push(`The machine was ${busy}% busy, but the Worker's one JavaScript thread was running ${Math.round(thread.runningPercent)}% of the time and waiting for a core ${Math.round(thread.waitingPercent)}%: bound by that thread.`);
    } else if (ctx.mode.database === "pglite") {
      sentences.push(`The machine was only ${busy}% busy: bound by PGlite, which serves one connection at a time, so requests queue for it (and its CPU shows under the bench process, where it runs).`);
    } else {
      sentences.push(`The machine was only ${busy}% busy and no one thread was saturated: bound by waiting on round trips (Postgres, Redis), not CPU.`);
    }
    sentences.push(`CPU per request: ${describeCpuPerRequest(cpu, throughputPerSecond)}.`);
  }
  if (probe) {
    const floorText = floor ? `; \`/v1/health\`, which opens the same per-request Postgres connection but runs only \`select 1\`, takes p50 ${ms(floor.p50Ms)} ms` : "";
    const aloneOver = probe.p95Ms > SEARCH_P95_TARGET_MS ? ` — over the target with no load at all` : "";
    sentences.push(`Alone, one request at a time (${probe.count} before the load): p50 ${ms(probe.p50Ms)} ms, p95 ${ms(probe.p95Ms)} ms through wrangler dev${aloneOver}${floorText}.`);
    const sqlMs = probe.postgresActivePerRequestMs;
    if (sqlMs !== null) {
      const floorSql = floor?.postgresActivePerRequestMs ?? null;
      sentences.push(
        `Alone, Postgres was executing statements for ${ms(sqlMs)} ms per request${floorSql !== null ? ` (${ms(floorSql)} ms per health check)` : ""}: that is this request's SQL${options.writesAnalytics ? ", with the analytics rows written after it" : ""}, on a new backend whose caches start cold.`,
      );
      if (result.cpu) {
        const cpu = result.cpu;
        const loadedMs = cpuMsPerRequest((cpu.machineBusyPercent / 100) * cpu.cores - cpu.otherWorkCores, throughputPerSecond);
        const restMs = loadedMs - sqlMs;
        if (restMs > 0) {
          const restCeiling = (cpu.cores * 1000) / restMs;
          const restLatency = (SEARCH_CONCURRENCY * 1000) / restCeiling;
          sentences.push(
            restLatency > SEARCH_P95_TARGET_MS
              ? `Even with that SQL free, the other ${ms(restMs)} ms of CPU a request cost under load would cap ${cpu.cores} cores at ~${integer(restCeiling)} req/s, ~${ms(restLatency)} ms per request at ${SEARCH_CONCURRENCY} clients: the stack under wrangler dev misses the target before the search SQL does.`
              : `With that SQL free, the other ${ms(restMs)} ms of CPU a request cost under load would allow ~${integer(restCeiling)} req/s, ~${ms(restLatency)} ms per request at ${SEARCH_CONCURRENCY} clients: here the search SQL is what stands between this and the target.`,
          );
        }
      }
    }
  }
  const cache = describeCache(ctx, workload, stats);
  if (cache) sentences.push(cache);
  sentences.push(...options.readAnswers(stats));
  return sentences.join(" ");
}

/** "median 120, p90 1,400, max 9,800 matches; 3% found nothing" over the answers that carry a total. */
export function describeTotals(answers: readonly SearchAnswer[]): string | null {
  const totals = answers.flatMap((answer) => (answer.total === null ? [] : [answer.total])).sort((a, b) => a - b);
  if (totals.length === 0) return null;
  const empty = totals.filter((total) => total === 0).length;
  return `median ${integer(percentile(totals, 50))}, p90 ${integer(percentile(totals, 90))}, max ${integer(totals[totals.length - 1]!)} matches; ${Math.round((100 * empty) / totals.length)}% found nothing`;
}
