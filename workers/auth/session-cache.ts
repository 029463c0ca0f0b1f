// The access-token check's cache in Redis: whether a session is live and a user's roles, so most requests skip Postgres.
import type { Role } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { SESSION_CACHE_TTL_SECONDS, SESSION_ISOLATE_CACHE_MAX_ENTRIES, SESSION_ISOLATE_CACHE_SECONDS, SESSION_TOMBSTONE_TTL_SECONDS } from "../platform/limits";
import { errorFields } from "../platform/logger";
import { redisKeyPrefix } from "../platform/redis";

/** What the cache knows about a session: live until `expiresAtMs`, or ended (a tombstone written at revocation). */
type SessionEntry = { live: true; userId: string; expiresAtMs: number } | { live: false };

export interface CachedSession {
  session: SessionEntry | null;
  roles: Role[] | null;
}

const sessionKey = (ctx: ServiceContext, sessionId: string) => `${redisKeyPrefix(ctx.env)}:session:${sessionId}`;
const rolesKey = (ctx: ServiceContext, userId: string) => `${redisKeyPrefix(ctx.env)}:user-roles:${userId}`;

/**
 * A few seconds of memory in front of Redis, per isolate. Revocations clear it in the isolate that handles them; in
 * others a revoked session lives at most SESSION_ISOLATE_CACHE_SECONDS longer (the price of not calling Redis per request).
 */
const isolateCache = new Map<string, { userId: string; roles: Role[]; untilMs: number }>();

function fromIsolate(ctx: ServiceContext, sessionId: string, userId: string): CachedSession | null {
  const entry = isolateCache.get(sessionId);
  if (!entry || entry.userId !== userId) return null;
  if (entry.untilMs <= ctx.now().getTime()) {
    isolateCache.delete(sessionId);
    return null;
  }
  return { session: { live: true, userId, expiresAtMs: entry.untilMs }, roles: entry.roles };
}

function keepInIsolate(ctx: ServiceContext, sessionId: string, userId: string, roles: Role[], expiresAtMs: number): void {
  if (isolateCache.size >= SESSION_ISOLATE_CACHE_MAX_ENTRIES) isolateCache.clear();
  isolateCache.set(sessionId, { userId, roles, untilMs: Math.min(expiresAtMs, ctx.now().getTime() + SESSION_ISOLATE_CACHE_SECONDS * 1000) });
}

/** One round trip for both keys; null when Redis is absent or failing (the caller asks Postgres, the truth). */
export async function readCachedSession(ctx: ServiceContext, sessionId: string, userId: string): Promise<CachedSession | null> {
  if (!ctx.redis) return null;
  const local = fromIsolate(ctx, sessionId, userId);
  if (local) return local;
  try {
    const [session, roles] = await ctx.redis.mget<[SessionEntry | null, Role[] | null]>(sessionKey(ctx, sessionId), rolesKey(ctx, userId));
    if (session?.live && roles && session.userId === userId) keepInIsolate(ctx, sessionId, userId, roles, session.expiresAtMs);
    return { session, roles };
  } catch (error) {
    ctx.log.warn("session cache unreachable; checking Postgres", errorFields(error));
    return null;
  }
}

/**
 * Remembers a live session checked in Postgres. NX: a revocation's tombstone written meanwhile wins over this
 * (older) read, so a logout can never be undone by a request that was checking the session at the same moment.
 */
export async function cacheLiveSession(ctx: ServiceContext, sessionId: string, entry: { userId: string; expiresAtMs: number; roles: Role[] }): Promise<void> {
  if (!ctx.redis) return;
  const ttlSeconds = Math.max(1, Math.min(SESSION_CACHE_TTL_SECONDS, Math.floor((entry.expiresAtMs - ctx.now().getTime()) / 1000)));
  try {
    const live: SessionEntry = { live: true, userId: entry.userId, expiresAtMs: entry.expiresAtMs };
    await ctx.redis.pipeline().set(sessionKey(ctx, sessionId), live, { ex: ttlSeconds, nx: true }).set(rolesKey(ctx, entry.userId), entry.roles, { ex: SESSION_CACHE_TTL_SECONDS }).exec();
  } catch (error) {
    ctx.log.warn("could not cache a session", errorFields(error));
  }
}

/**
 * Called after a revocation has committed. The tombstone outlives any cached "live" entry, so every isolate sees the
 * session end at once. If Redis cannot be reached the cached entry (if any) expires within SESSION_CACHE_TTL_SECONDS.
 */
export async function forgetSession(ctx: ServiceContext, sessionId: string): Promise<void> {
  isolateCache.delete(sessionId);
  if (!ctx.redis) return;
  try {
    await ctx.redis.set(sessionKey(ctx, sessionId), { live: false } satisfies SessionEntry, { ex: SESSION_TOMBSTONE_TTL_SECONDS });
  } catch (error) {
    ctx.log.error("could not end a cached session; it lapses with the cache TTL", { sessionId, ...errorFields(error) });
  }
}

/** Roles only ever grow, so a stale cached list can only under-grant, never let a user do more than they may. */
export async function forgetRoles(ctx: ServiceContext, userId: string): Promise<void> {
  for (const [sessionId, entry] of isolateCache) if (entry.userId === userId) isolateCache.delete(sessionId);
  if (!ctx.redis) return;
  try {
    await ctx.redis.del(rolesKey(ctx, userId));
  } catch (error) {
    ctx.log.warn("could not drop cached roles; they lapse with the cache TTL", { userId, ...errorFields(error) });
  }
}
