// The tracking page's state takes live positions, ETA and milestones in order and never lets an older picture replace a newer one.
import { describe, expect, it } from "vitest";
import type { Shipment, ShipmentLiveMessage } from "../../api/types";
import { initialLiveShipment, liveShipmentReducer, type LiveShipment } from "./shipment-live-state";

const shipment: Shipment = {
  id: "shp_1",
  status: "picked_up",
  requestId: "shr_1",
  offerId: "sof_1",
  tripId: "trp_1",
  travelerId: "usr_t",
  requesterId: "usr_r",
  orderId: null,
  sellerId: null,
  item: { title: "Camera", weightKg: 1 },
  reward: { amount: 2000, currency: "USD" },
  itemCost: { amount: 0, currency: "USD" },
  from: { city: "Berlin", country: "DE", lat: 52.52, lng: 13.405 },
  to: { city: "Dubai", country: "AE", lat: 25.2048, lng: 55.2708 },
  deliverBy: "2026-12-01T00:00:00.000Z",
  plannedArriveAt: "2026-11-30T00:00:00.000Z",
  deliveredAt: null,
  rating: null,
  milestones: [{ kind: "accepted", at: "2026-11-25T10:00:00.000Z" }, { kind: "picked_up", at: "2026-11-25T11:00:00.000Z" }],
  lastPosition: { lat: 52.5, lng: 13.4, at: "2026-11-25T11:00:00.000Z" },
  eta: "2026-11-30T00:00:00.000Z",
  trace: [{ lat: 52.5, lng: 13.4, at: "2026-11-25T11:00:00.000Z" }],
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T11:00:00.000Z",
};

const apply = (state: LiveShipment, ...messages: ShipmentLiveMessage[]) => messages.reduce((current, message) => liveShipmentReducer(current, { type: "message", message }), state);
const loaded = liveShipmentReducer(initialLiveShipment, { type: "loaded", shipment });

describe("liveShipmentReducer", () => {
  it("a newer position moves the courier, extends the trace and is announced", () => {
    const next = apply(loaded, { type: "position", lat: 48.1, lng: 11.6, at: "2026-11-25T12:00:00.000Z" });
    expect(next.lastPosition).toEqual({ lat: 48.1, lng: 11.6, at: "2026-11-25T12:00:00.000Z" });
    expect(next.trace).toHaveLength(2);
    expect(next.announcement).toBe("New position 48.1000, 11.6000.");
  });

  it("an older position changes nothing", () => {
    expect(apply(loaded, { type: "position", lat: 1, lng: 1, at: "2026-11-25T10:30:00.000Z" })).toBe(loaded);
  });

  it("a milestone is added once and moves the status", () => {
    const milestone: ShipmentLiveMessage = { type: "milestone", kind: "departed", at: "2026-11-25T12:00:00.000Z" };
    const next = apply(loaded, milestone, milestone);
    expect(next.milestones.map((entry) => entry.kind)).toEqual(["accepted", "picked_up", "departed"]);
    expect(next.status).toBe("in_transit");
    expect(next.announcement).toBe("Departed.");
  });

  it("delivered by PIN shows as delivered", () => {
    expect(apply(loaded, { type: "milestone", kind: "delivered", at: "2026-11-26T12:00:00.000Z" }).status).toBe("delivered");
  });

  it("the state on reconnect does not take back a position the socket already brought", () => {
    const moved = apply(loaded, { type: "position", lat: 48.1, lng: 11.6, at: "2026-11-25T12:00:00.000Z" }, { type: "eta", eta: "2026-11-29T00:00:00.000Z" });
    const next = apply(moved, {
      type: "state",
      state: { shipmentId: "shp_1", status: "picked_up", lastPosition: shipment.lastPosition!, eta: "2026-11-29T06:00:00.000Z", milestones: shipment.milestones, trace: shipment.trace!, pinAttemptsLeft: 5 },
    });
    expect(next.lastPosition?.at).toBe("2026-11-25T12:00:00.000Z");
    expect(next.trace).toHaveLength(2);
    expect(next.eta).toBe("2026-11-29T06:00:00.000Z");
  });
});
