// Shared by the CourierSession tests in workerd: a session stub, its setup, a shipment row, live sockets, positions along a route.
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { shipments } from "../../db/crowdship";
import { PLACES } from "../../workers/crowdship/test-fixtures";
import { newId } from "../../workers/platform/ids";
import { testEnv, withDatabase } from "../../workers/test-support/api";
import type { CourierSession } from "./courier-session";
import type { Position, ServerMessage, SessionSetup } from "./protocol";

export { PLACES };
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const PIN_HASH = "right-pin-hash";

export function session(shipmentId: string): DurableObjectStub<CourierSession> {
  return testEnv.COURIER_SESSION.get(testEnv.COURIER_SESSION.idFromName(shipmentId));
}

/** Paris → London, planned to arrive in 3 hours; a fresh shipment id and traveller unless overridden. */
export function sessionSetup(overrides: Partial<SessionSetup> = {}): SessionSetup {
  return {
    shipmentId: newId("shipment"),
    travelerId: newId("user"),
    watcherIds: [newId("user")],
    origin: PLACES.paris,
    destination: PLACES.london,
    plannedArriveAt: new Date(Date.now() + 3 * HOUR_MS).toISOString(),
    deliverBy: new Date(Date.now() + 48 * HOUR_MS).toISOString(),
    pinHash: PIN_HASH,
    status: "accepted",
    milestones: [{ kind: "accepted", at: new Date().toISOString() }],
    ...overrides,
  };
}

/** A configured session over a shipment row (so its progress reports land), and its setup. */
export async function configuredSession(overrides: Partial<SessionSetup> = {}) {
  const setup = sessionSetup(overrides);
  await insertShipmentRow(setup);
  const stub = session(setup.shipmentId);
  await stub.configure(setup);
  return { setup, stub };
}

/** The row the accept step would have written: what recordProgress updates. */
export async function insertShipmentRow(setup: SessionSetup, status: SessionSetup["status"] = setup.status): Promise<void> {
  await withDatabase((db) =>
    db.orm.insert(shipments).values({
      id: setup.shipmentId,
      requestId: newId("shipmentRequest"),
      offerId: newId("shipmentOffer"),
      tripId: newId("trip"),
      travelerId: setup.travelerId,
      requesterId: setup.watcherIds[0]!,
      weightGrams: 1_200,
      currency: "USD",
      rewardMinor: 2_500,
      pinHash: setup.pinHash,
      fromPlace: setup.origin,
      toPlace: setup.destination,
      deliverBy: new Date(setup.deliverBy),
      plannedArriveAt: new Date(setup.plannedArriveAt),
      status,
      milestones: setup.milestones,
    }),
  );
}

export async function shipmentRow(shipmentId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(shipments).where(eq(shipments.id, shipmentId)))[0]);
}

/** A point `km` along the straight line from `from` to `to` (linear in degrees: close enough for tests over a few hundred km). */
export function along(from: { lat: number; lng: number }, to: { lat: number; lng: number }, fraction: number) {
  return { lat: from.lat + (to.lat - from.lat) * fraction, lng: from.lng + (to.lng - from.lng) * fraction };
}

export function positionAt(point: { lat: number; lng: number }, atMs: number): Position {
  return { lat: point.lat, lng: point.lng, at: new Date(atMs).toISOString() };
}

export interface LiveSocket {
  socket: WebSocket;
  messages: ServerMessage[];
  send(message: unknown): void;
  /** Resolves once a message matching `match` has arrived (or fails after ~5 s). */
  waitFor(match: (message: ServerMessage) => boolean): Promise<ServerMessage>;
}

export async function connect(stub: DurableObjectStub<CourierSession>, role: string, userId: string): Promise<LiveSocket> {
  const response = await stub.fetch("http://courier-session/live", { headers: { Upgrade: "websocket", "X-Courier-Role": role, "X-Courier-User": userId } });
  expect(response.status).toBe(101);
  const socket = response.webSocket!;
  const messages: ServerMessage[] = [];
  socket.accept();
  socket.addEventListener("message", (event) => messages.push(JSON.parse(String(event.data)) as ServerMessage));
  return {
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    async waitFor(match) {
      for (let attempt = 0; attempt < 100; attempt++) {
        const found = messages.find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no matching message among ${JSON.stringify(messages)}`);
    },
  };
}
