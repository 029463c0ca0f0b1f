// The Upstash Redis client when configured, or null: Redis accelerates, it is never the source of truth.
import { Redis } from "@upstash/redis/cloudflare";
import type { AppEnv } from "../env";

export function createRedis(env: AppEnv): Redis | null {
  if (!env.UPSTASH_REDIS_REST_URL || !env.UPSTASH_REDIS_REST_TOKEN) return null;
  return new Redis({
    url: env.UPSTASH_REDIS_REST_URL,
    token: env.UPSTASH_REDIS_REST_TOKEN,
    // A slow or failing Redis must not hold a request up: one quick retry, then the caller falls back.
    retry: { retries: 1, backoff: () => 50 },
    enableTelemetry: false,
  });
}

export function redisKeyPrefix(env: AppEnv): string {
  return env.REDIS_KEY_PREFIX ?? "mnbara";
}
