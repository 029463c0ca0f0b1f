// The Redis geo index of active couriers: CourierSessions write it, GET /v1/couriers/nearby reads it. Without Redis it is empty.
import type { AppEnv } from "../env";
import { COURIER_ACTIVE_WINDOW_MS } from "../platform/limits";
import { createRedis, redisKeyPrefix } from "../platform/redis";
import type { LatLng } from "./geo";

export interface NearbyCourier {
  travelerId: string;
  distanceKm: number;
  lat: number;
  lng: number;
  seenAt: string;
}

/** Member = traveller id in both: the geo set holds where they are, the sorted set when they were last seen (ms). */
function keys(env: AppEnv) {
  const prefix = redisKeyPrefix(env);
  return { geo: `${prefix}:couriers:geo`, seen: `${prefix}:couriers:seen` };
}

/** One round trip: the position and the time it was seen move together. */
export async function touchCourier(env: AppEnv, travelerId: string, position: LatLng, seenAtMs: number): Promise<void> {
  const redis = createRedis(env);
  if (!redis) return;
  const { geo, seen } = keys(env);
  const pipeline = redis.pipeline();
  pipeline.geoadd(geo, { longitude: position.lng, latitude: position.lat, member: travelerId });
  pipeline.zadd(seen, { score: seenAtMs, member: travelerId });
  await pipeline.exec();
}

export async function dropCourier(env: AppEnv, travelerId: string): Promise<void> {
  const redis = createRedis(env);
  if (!redis) return;
  const { geo, seen } = keys(env);
  const pipeline = redis.pipeline();
  pipeline.zrem(geo, travelerId);
  pipeline.zrem(seen, travelerId);
  await pipeline.exec();
}

/**
 * Nearest first. Couriers not seen within COURIER_ACTIVE_WINDOW_MS are left out, and removed from both sets as they are
 * met, so the index never grows with couriers whose app simply stopped.
 */
export async function nearbyCouriers(env: AppEnv, query: { lat: number; lng: number; radiusKm: number; limit: number; nowMs: number }): Promise<NearbyCourier[]> {
  const redis = createRedis(env);
  if (!redis) return [];
  const { geo, seen } = keys(env);
  // The client's typing cannot see that WITHDIST and WITHCOORD make `dist` and `coord` always present.
  const found = (await redis.geosearch<string>(
    geo,
    { type: "FROMLONLAT", coordinate: { lon: query.lng, lat: query.lat } },
    { type: "BYRADIUS", radius: query.radiusKm, radiusType: "KM" },
    "ASC",
    { count: { limit: query.limit }, withCoord: true, withDist: true },
  )) as { member: string; dist: number; coord: { long: number; lat: number } }[];
  if (found.length === 0) return [];
  const members = found.map((entry) => String(entry.member));
  const seenAtMs = await redis.zmscore(seen, members);
  const active: NearbyCourier[] = [];
  const stale: string[] = [];
  found.forEach((entry, index) => {
    const at = seenAtMs?.[index];
    if (at === null || at === undefined || query.nowMs - Number(at) > COURIER_ACTIVE_WINDOW_MS) {
      stale.push(members[index]!);
      return;
    }
    active.push({ travelerId: members[index]!, distanceKm: entry.dist, lat: entry.coord.lat, lng: entry.coord.long, seenAt: new Date(Number(at)).toISOString() });
  });
  if (stale.length > 0) {
    const pipeline = redis.pipeline();
    pipeline.zrem(geo, ...stale);
    pipeline.zrem(seen, ...stale);
    await pipeline.exec();
  }
  return active;
}
