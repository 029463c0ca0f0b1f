// The Redis geo index of active couriers, written by CourierSessions and read by nearbyCouriers (needs REDIS_URL).
import { describe, expect, it } from "vitest";
import { nearbyCouriers } from "../../workers/crowdship/couriers-geo";
import { greatCircleKm } from "../../workers/crowdship/geo";
import { eventually } from "../../workers/crowdship/test-fixtures";
import { COURIER_ACTIVE_WINDOW_MS } from "../../workers/platform/limits";
import { createRedis, redisKeyPrefix } from "../../workers/platform/redis";
import { testEnv } from "../../workers/test-support/api";
import { configuredSession, MINUTE_MS, PIN_HASH, PLACES, positionAt } from "./test-fixtures";

const near = (travelerId: string, point: { lat: number; lng: number }) =>
  nearbyCouriers(testEnv, { lat: point.lat, lng: point.lng, radiusKm: 50, limit: 100, nowMs: Date.now() }).then((found) => found.find((courier) => courier.travelerId === travelerId));

describe("couriers nearby", () => {
  it("finds a courier by their last position, with the distance and when they were seen", async () => {
    const { setup, stub } = await configuredSession();
    const fix = positionAt(PLACES.versailles, Date.now() - MINUTE_MS);
    await stub.recordPositions(setup.travelerId, [fix]);
    const courier = await eventually(() => near(setup.travelerId, PLACES.paris), (found) => found !== undefined);
    expect(courier).toMatchObject({ travelerId: setup.travelerId, seenAt: fix.at });
    expect(courier!.distanceKm).toBeCloseTo(greatCircleKm(PLACES.paris, PLACES.versailles), 0);
    expect({ lat: courier!.lat, lng: courier!.lng }).toEqual({ lat: expect.closeTo(fix.lat, 4), lng: expect.closeTo(fix.lng, 4) });
    expect(await near(setup.travelerId, PLACES.berlin)).toBeUndefined();
  });

  it("writes a session's position at most once per interval", async () => {
    const { setup, stub } = await configuredSession();
    const first = positionAt(PLACES.versailles, Date.now() - 2 * MINUTE_MS);
    await stub.recordPositions(setup.travelerId, [first]);
    await eventually(() => near(setup.travelerId, PLACES.paris), (found) => found !== undefined);
    await stub.recordPositions(setup.travelerId, [positionAt(PLACES.paris, Date.now() - MINUTE_MS)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await near(setup.travelerId, PLACES.paris)).toMatchObject({ seenAt: first.at });
  });

  it("leaves out and forgets a courier not seen within the active window", async () => {
    const { setup, stub } = await configuredSession();
    await stub.recordPositions(setup.travelerId, [positionAt(PLACES.versailles, Date.now() - COURIER_ACTIVE_WINDOW_MS - MINUTE_MS)]);
    const seenKey = `${redisKeyPrefix(testEnv)}:couriers:seen`;
    const redis = createRedis(testEnv)!;
    await eventually(() => redis.zscore(seenKey, setup.travelerId), (score) => score !== null);
    expect(await near(setup.travelerId, PLACES.paris)).toBeUndefined();
    expect(await redis.zscore(seenKey, setup.travelerId)).toBeNull();
  });

  it("drops the courier once the shipment is delivered", async () => {
    const { setup, stub } = await configuredSession();
    await stub.recordPositions(setup.travelerId, [positionAt(PLACES.versailles, Date.now() - MINUTE_MS)]);
    await eventually(() => near(setup.travelerId, PLACES.paris), (found) => found !== undefined);
    expect(await stub.submitPin(setup.travelerId, PIN_HASH)).toMatchObject({ ok: true });
    expect(await eventually(() => near(setup.travelerId, PLACES.paris), (found) => found === undefined)).toBeUndefined();
  });
});
