// Rate limits: shared across isolates through @upstash/ratelimit when Redis is there, kept per isolate when it is not.
import { Ratelimit } from "@upstash/ratelimit";
import type { ServiceContext } from "./context";
import { AppError } from "./errors";
import { LOCAL_RATE_LIMIT_MAX_KEYS } from "./limits";
import { errorFields } from "./logger";
import { redisKeyPrefix } from "./redis";

export interface RateLimitRule {
  /** Names the limit in keys and logs, e.g. "login-account". */
  name: string;
  max: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Redis answers slower than this are treated as allowed: a limiter must not take the API down with it. */
const REDIS_LIMIT_TIMEOUT_MS = 1_000;

// Per-isolate caches of identifiers already blocked, so a hammering client does not cost a Redis call each time.
const ephemeralCaches = new Map<string, Map<string, number>>();

// Fallback counters when Redis is absent or failing: fixed windows, at most LOCAL_RATE_LIMIT_MAX_KEYS keys.
const localWindows = new Map<string, { windowStartMs: number; count: number }>();

function limitLocally(rule: RateLimitRule, identifier: string, nowMs: number): RateLimitResult {
  const windowMs = rule.windowSeconds * 1000;
  const key = `${rule.name}:${identifier}`;
  const windowStartMs = nowMs - (nowMs % windowMs);
  let entry = localWindows.get(key);
  if (!entry || entry.windowStartMs !== windowStartMs) {
    entry = { windowStartMs, count: 0 };
    localWindows.delete(key); // re-insert so Map order stays oldest-first for eviction
    localWindows.set(key, entry);
    if (localWindows.size > LOCAL_RATE_LIMIT_MAX_KEYS) {
      const oldest = localWindows.keys().next().value;
      if (oldest !== undefined) localWindows.delete(oldest);
    }
  }
  entry.count += 1;
  const allowed = entry.count <= rule.max;
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((windowStartMs + windowMs - nowMs) / 1000) };
}

export async function checkRateLimit(ctx: ServiceContext, rule: RateLimitRule, identifier: string): Promise<RateLimitResult> {
  const nowMs = ctx.now().getTime();
  if (!ctx.redis) return limitLocally(rule, identifier, nowMs);
  let cache = ephemeralCaches.get(rule.name);
  if (!cache) ephemeralCaches.set(rule.name, (cache = new Map()));
  const limiter = new Ratelimit({
    redis: ctx.redis,
    limiter: Ratelimit.slidingWindow(rule.max, `${rule.windowSeconds} s`),
    prefix: `${redisKeyPrefix(ctx.env)}:ratelimit:${rule.name}`,
    ephemeralCache: cache,
    timeout: REDIS_LIMIT_TIMEOUT_MS,
    analytics: false,
  });
  try {
    const result = await limiter.limit(identifier);
    ctx.defer(result.pending);
    return { allowed: result.success, retryAfterSeconds: result.success ? 0 : Math.max(1, Math.ceil((result.reset - nowMs) / 1000)) };
  } catch (error) {
    ctx.log.warn("redis rate limit failed; using the per-isolate limit", { rule: rule.name, ...errorFields(error) });
    return limitLocally(rule, identifier, nowMs);
  }
}

/** Throws 429 RATE_LIMITED with Retry-After when the limit is exceeded. */
export async function enforceRateLimit(ctx: ServiceContext, rule: RateLimitRule, identifier: string): Promise<void> {
  const result = await checkRateLimit(ctx, rule, identifier);
  if (!result.allowed) {
    throw new AppError("RATE_LIMITED", `Too many attempts. Try again in ${result.retryAfterSeconds} seconds.`, {
      headers: { "Retry-After": String(result.retryAfterSeconds) },
      extra: { retryAfterSeconds: result.retryAfterSeconds },
    });
  }
}
