// Couriers nearby (needs Redis: the CourierSession writes the geo index there): a moving courier is found, blurred to about 1 km.
import { describe, expect, it } from "vitest";
import { call, registerUser } from "../test-support/api";
import { acceptedShipment, shipmentAction, walkNorthFromParis } from "./shipment-test-fixtures";
import { eventually } from "./test-fixtures";

describe("GET /v1/couriers/nearby", () => {
  it("finds a moving courier near their last position, rounded to about a kilometre", async () => {
    const { traveler, shipment } = await acceptedShipment();
    await shipmentAction(traveler, shipment.id, "pickup");
    const path = walkNorthFromParis(3, 5);
    await shipmentAction(traveler, shipment.id, "positions", { positions: path });
    const last = path.at(-1)!;
    const user = await registerUser("map-viewer");
    const found = await eventually(
      async () => (await call("GET", `/v1/couriers/nearby?lat=${last.lat}&lng=${last.lng}&radiusKm=5`, { token: user.accessToken })).body.items as { travelerId: string }[],
      (items) => items.some((item) => item.travelerId === traveler.id),
    );
    expect(found.find((item) => item.travelerId === traveler.id)).toEqual({ travelerId: traveler.id, distanceKm: 0, lat: Number(last.lat.toFixed(2)), lng: 2.35, seenAt: last.at });
  });
});
