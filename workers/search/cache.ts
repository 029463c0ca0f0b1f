// Search results cached in Redis for seconds; any listing change bumps one generation number, which retires every cached page at once.
import type { ServiceContext } from "../platform/context";
import { sha256Base64Url } from "../platform/crypto";
import { SEARCH_CACHE_TTL_SECONDS } from "../platform/limits";
import { errorFields } from "../platform/logger";
import { redisKeyPrefix } from "../platform/redis";
import type { SearchResult } from "./engine";
import { cacheKeyMaterial, type SearchParams } from "./query";

interface CachedEntry {
  generation: number;
  result: SearchResult;
}

/** Where a freshly computed result goes, and the generation it was computed under. */
export interface CacheSlot {
  key: string;
  generation: number;
}

/** "bypass": no Redis (or it failed), so nothing is read or written. */
export type CacheLookup = { status: "hit"; result: SearchResult } | { status: "miss"; slot: CacheSlot } | { status: "bypass" };

const generationKey = (ctx: ServiceContext) => `${redisKeyPrefix(ctx.env)}:search:gen`;

/**
 * One round trip: MGET of the generation and the entry. The entry carries the generation it was computed under
 * (instead of the key carrying it), so a lookup needs no first trip to learn its key; an older entry is a miss, then overwritten.
 */
export async function lookupCachedResult(ctx: ServiceContext, engineName: string, params: SearchParams): Promise<CacheLookup> {
  const redis = ctx.redis;
  if (!redis) return { status: "bypass" };
  const key = `${redisKeyPrefix(ctx.env)}:search:result:${engineName}:${await sha256Base64Url(cacheKeyMaterial(params))}`;
  try {
    const [generation, entry] = await redis.mget<[number | null, CachedEntry | null]>(generationKey(ctx), key);
    const current = generation ?? 0;
    if (entry?.generation === current) return { status: "hit", result: entry.result };
    return { status: "miss", slot: { key, generation: current } };
  } catch (error) {
    ctx.log.warn("search cache read failed; searching uncached", errorFields(error));
    return { status: "bypass" };
  }
}

/** Writes after the response; a failed write only costs the next search a trip to the engine. */
export function storeResult(ctx: ServiceContext, slot: CacheSlot, result: SearchResult): void {
  const redis = ctx.redis;
  if (!redis) return;
  const entry: CachedEntry = { generation: slot.generation, result };
  ctx.defer(redis.set(slot.key, entry, { ex: SEARCH_CACHE_TTL_SECONDS }).catch((error: unknown) => ctx.log.warn("search cache write failed", errorFields(error))));
}

/** Retires every cached search. A failure is logged, not retried: the TTL bounds how stale a page can get. */
export async function invalidateSearchCache(ctx: ServiceContext): Promise<void> {
  if (!ctx.redis) return;
  try {
    await ctx.redis.incr(generationKey(ctx));
  } catch (error) {
    ctx.log.warn("search cache invalidation failed; entries expire by TTL", errorFields(error));
  }
}
