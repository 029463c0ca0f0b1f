// Benchmark: GET /v1/health, the lightest route that still touches Postgres (and Redis when configured).
import type { Benchmark } from "../benchmark";

/** Long enough for tens of thousands of requests at wrangler dev's ~2,000 req/s ceiling (STACK.md). */
const HEALTH_DURATION_MS = 10_000;
/** A bound well above what 10 s can reach here, so the run stops by itself if time does not. */
const HEALTH_MAX_REQUESTS = 200_000;
const HEALTH_CONCURRENCY = 50;

export const healthBenchmark: Benchmark = {
  name: "health",
  description: "`GET /v1/health`: the Worker answers after a `select 1` on Postgres (and a Redis `PING` when Redis is configured).",
  concurrency: HEALTH_CONCURRENCY,
  durationMs: HEALTH_DURATION_MS,
  maxRequests: HEALTH_MAX_REQUESTS,
  async prepare(ctx) {
    return {
      async request() {
        const status = await ctx.http.send({ method: "GET", path: "/v1/health" });
        return { ok: status === 200, status };
      },
      interpret(result) {
        return "TODO";
      },
    };
  },
};
