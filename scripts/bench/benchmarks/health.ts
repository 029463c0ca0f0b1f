// Benchmark: GET /v1/health, the lightest route that still touches Postgres (and Redis when configured).
import type { Benchmark } from "../benchmark";
import { describeCpuPerRequest } from "../cpu-usage";

/** Long enough for tens of thousands of requests at wrangler dev's ~2,000 req/s ceiling (STACK.md). */
const HEALTH_DURATION_MS = 10_000;
/** A bound well above what 10 s can reach here, so the run stops by itself if time does not. */
const HEALTH_MAX_REQUESTS = 200_000;
const HEALTH_CONCURRENCY = 50;
/** At or above this share of all cores busy, the machine itself is the limit. */
const SATURATED_PERCENT = 90;

export const healthBenchmark: Benchmark = {
  name: "health",
  description: "`GET /v1/health`: the Worker answers after a `select 1` on Postgres (and a Redis `PING` when Redis is configured).",
  concurrency: HEALTH_CONCURRENCY,
  durationMs: HEALTH_DURATION_MS,
  maxRequests: HEALTH_MAX_REQUESTS,
  async prepare(ctx) {
    return {
      async request() {
        const response = await ctx.http.send({ method: "GET", path: "/v1/health" });
        return response.status === 200 ? { ok: true, status: response.status } : { ok: false, status: response.status, detail: response.errorBody ?? "" };
      },
      interpret(result) {
        const throughput = Math.round(result.summary.throughputPerSecond).toLocaleString("en-US");
        const sentences: string[] = [];
        if (result.cpu) {
          const busy = Math.round(result.cpu.machineBusyPercent);
          sentences.push(
            busy >= SATURATED_PERCENT
              ? `${throughput} req/s with the machine ${busy}% busy: bound by CPU on ${result.cpu.cores} cores, far below wrangler dev's ~2,000 simple req/s.`
              : `${throughput} req/s with the machine only ${busy}% busy: bound by waiting, not CPU.`,
            `CPU per request: ${describeCpuPerRequest(result.cpu, result.summary.throughputPerSecond)}.`,
          );
        }
        sentences.push(
          ctx.mode.database === "postgres"
            ? "Every request opens a new Postgres connection (one Neon Pool per request, through the WebSocket proxy), and starting that backend, not the `select 1`, is Postgres' share: pgbench on this machine does ~400 connect-and-select/s against ~60,000 selects/s on open connections."
            : "PGlite runs inside the bench process and serves one connection at a time; every request opens a new one, so requests queue for it.",
        );
        if (ctx.mode.redis) sentences.push("The Redis `PING` is one more HTTP round trip, to the Upstash bridge in the bench process.");
        sentences.push(`With ${result.concurrency} clients in a closed loop, latency is mostly queueing: p50 ≈ clients ÷ throughput.`);
        return sentences.join(" ");
      },
    };
  },
};
