// Couriers near a point, for the map: from the live geo index, with positions blurred so nobody can be tracked to their door.
import type { ServiceContext } from "../platform/context";
import { COURIERS_NEARBY_COORDINATE_DECIMALS, COURIERS_NEARBY_MAX_ITEMS } from "../platform/limits";
import { nearbyCouriers, type NearbyCourier } from "./couriers-geo";

const blur = (degrees: number) => Number(degrees.toFixed(COURIERS_NEARBY_COORDINATE_DECIMALS));

/**
 * Active couriers within `radiusKm`, nearest first. Coordinates keep 2 decimals (about 1 km) and distances whole km:
 * a finer distance from a few searches around a courier would give their exact position back.
 */
export async function couriersNearby(ctx: ServiceContext, query: { lat: number; lng: number; radiusKm: number }): Promise<{ items: NearbyCourier[] }> {
  const found = await nearbyCouriers(ctx.env, { ...query, limit: COURIERS_NEARBY_MAX_ITEMS, nowMs: ctx.now().getTime() });
  return { items: found.map((courier) => ({ ...courier, lat: blur(courier.lat), lng: blur(courier.lng), distanceKm: Math.round(courier.distanceKm) })) };
}
