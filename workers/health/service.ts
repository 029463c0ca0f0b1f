// Dependency checks for /v1/health: each one timed, bounded by a timeout, and reported as up, down or disabled.
import { sql } from "drizzle-orm";
import { type AnchoringHealth, anchoringHealth } from "../anchoring/service";
import type { ServiceContext } from "../platform/context";
import { HEALTH_CHECK_TIMEOUT_MS } from "../platform/limits";

export type DependencyStatus = "up" | "down" | "disabled";

export interface DependencyHealth {
  status: DependencyStatus;
  latencyMs: number | null;
  detail?: string;
}

export interface Health {
  status: "ok" | "degraded" | "down";
  time: string;
  dependencies: { postgres: DependencyHealth; redis: DependencyHealth; queue: DependencyHealth };
  /** Whether the cron anchors to a chain, and how far it got. Not a dependency: a chain outage never degrades serving. */
  anchoring: AnchoringHealth;
}

async function timed(check: () => Promise<unknown>): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`)), HEALTH_CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "up", latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: "down", latencyMs: null, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

export async function checkHealth(ctx: ServiceContext): Promise<Health> {
  const redis = ctx.redis;
  const [postgres, redisHealth, anchoring] = await Promise.all([
    timed(() => ctx.db.orm.execute(sql`select 1`)),
    redis ? timed(() => redis.ping()) : Promise.resolve<DependencyHealth>({ status: "disabled", latencyMs: null, detail: "UPSTASH_REDIS_REST_URL not set: caching off, rate limits per isolate" }),
    anchoringHealth(ctx),
  ]);
  const queue: DependencyHealth = ctx.env.EVENTS_QUEUE ? { status: "up", latencyMs: null, detail: "binding present" } : { status: "down", latencyMs: null, detail: "EVENTS_QUEUE binding missing" };
  const status = postgres.status !== "up" ? "down" : redisHealth.status === "down" || queue.status === "down" ? "degraded" : "ok";
  return { status, time: ctx.now().toISOString(), dependencies: { postgres, redis: redisHealth, queue }, anchoring };
}
