// Travellers' trips over HTTP: create, edit, cancel, read, list, the drop-off route and matching requests, with every refusal.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEvents, shipmentOffers, shipments } from "../../db/schema";
import { newId } from "../platform/ids";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import {
  createRequest,
  createTrip,
  DAY_MS,
  eventually,
  HOUR_MS,
  inMs,
  isolatedRoute,
  notificationsOf,
  offset,
  PLACES,
  postTrip,
  registerAdmin,
  registerTraveler,
  tripBody,
  tripRow,
  updateTrip,
  usd,
  type TestUser,
} from "./test-fixtures";
import { acceptedShipment } from "./shipment-test-fixtures";

type Trip = Awaited<ReturnType<typeof createTrip>>["trip"];
type Place = { city: string; country: string; lat: number; lng: number };

/** A shipment on the trip, written straight to the database: these tests are about trips, not how shipments are accepted. */
async function shipmentOn(trip: Trip, to: Place, status: "accepted" | "in_transit" | "delivered" = "accepted") {
  const id = newId("shipment");
  await withDatabase((db) =>
    db.orm.insert(shipments).values({
      id,
      requestId: newId("shipmentRequest"),
      offerId: newId("shipmentOffer"),
      tripId: trip.id,
      travelerId: trip.travelerId,
      requesterId: newId("user"),
      weightGrams: 500,
      currency: "USD",
      rewardMinor: 1_000,
      pinHash: "test-hash",
      fromPlace: trip.from,
      toPlace: to,
      deliverBy: new Date(Date.parse(trip.arriveAt) + DAY_MS),
      plannedArriveAt: new Date(trip.arriveAt),
      status,
    }),
  );
  return id;
}

const patchTrip = (user: TestUser, tripId: string, body: unknown) => call("PATCH", `/v1/trips/${tripId}`, { token: user.accessToken, body });
const cancel = (user: TestUser, tripId: string) => call("POST", `/v1/trips/${tripId}/cancel`, { token: user.accessToken });

describe("POST /v1/trips", () => {
  it("creates a scheduled trip with all its capacity free, kept to the gram", async () => {
    const traveler = await registerTraveler();
    const body = tripBody({ capacityKg: 2.345, categories: ["phones", "phones", "books"], notes: "One small bag" });
    const response = await postTrip(traveler, body);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^trp_/),
      travelerId: traveler.id,
      from: PLACES.paris,
      to: PLACES.london,
      departAt: new Date(body.departAt).toISOString(),
      arriveAt: new Date(body.arriveAt).toISOString(),
      capacityKg: 2.345,
      freeCapacityKg: 2.345,
      categories: ["phones", "books"],
      notes: "One small bag",
      status: "scheduled",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await tripRow(response.body.id)).toMatchObject({ capacityGrams: 2_345, reservedGrams: 0, status: "scheduled" });
    const events = await withDatabase((db) => db.orm.select().from(outboxEvents).where(and(eq(outboxEvents.type, "trip.created"))));
    expect(events.map((event) => event.payload)).toContainEqual({ tripId: response.body.id, travelerId: traveler.id });
  });

  it("tells the requesters of open requests it can carry", async () => {
    const route = isolatedRoute();
    const { requester, request } = await createRequest(route);
    const { trip } = await createTrip({ ...route, departAt: inMs(HOUR_MS), arriveAt: inMs(5 * HOUR_MS) });
    const found = await eventually(() => notificationsOf(requester.id), (rows) => rows.some((row) => row.kind === "crowdship_trip_match"));
    const match = found.find((row) => row.kind === "crowdship_trip_match");
    expect(match).toMatchObject({ title: "A traveller is going Testville → Otherton", data: { tripId: trip.id, requestId: request.id } });
  });

  it("refuses a user without the traveler role with 403 FORBIDDEN and creates nothing", async () => {
    const buyer = await registerUser("not-traveler");
    expectProblem(await postTrip(buyer, tripBody()), 403, "FORBIDDEN");
    const mine = await call("GET", "/v1/me/trips", { token: buyer.accessToken });
    expect(mine.body.items).toEqual([]);
  });

  it("answers bad input with 400 naming each field, and changes nothing", async () => {
    const traveler = await registerTraveler("bad-trip");
    const paths = async (body: unknown) => (expectProblem(await postTrip(traveler, body as Record<string, unknown>), 400, "VALIDATION_FAILED").errors ?? []).map((error) => error.path);
    expect(await paths(tripBody({ from: { ...PLACES.paris, lat: 90.5 } }))).toEqual(["from.lat"]);
    expect(await paths(tripBody({ to: { ...PLACES.london, lng: -180.01 } }))).toEqual(["to.lng"]);
    expect(await paths(tripBody({ to: { ...PLACES.london, country: "gb" } }))).toEqual(["to.country"]);
    expect(await paths(tripBody({ from: { ...PLACES.paris, altitude: 35 } }))).toEqual(["from.altitude"]);
    expect(await paths(tripBody({ capacityKg: 0 }))).toEqual(["capacityKg"]);
    expect(await paths(tripBody({ capacityKg: 46.001 }))).toEqual(["capacityKg"]);
    expect(await paths(tripBody({ capacityKg: 1.2345 }))).toEqual(["capacityKg"]);
    expect(await paths(tripBody({ categories: ["Not A Slug"] }))).toEqual(["categories.0"]);
    expect(await paths(tripBody({ departAt: "tomorrow" }))).toEqual(["departAt"]);
    expect(await paths(tripBody({ arriveAt: inMs(DAY_MS - HOUR_MS) }))).toEqual(["arriveAt"]);
    expect(await paths(tripBody({ departAt: inMs(-HOUR_MS), arriveAt: inMs(HOUR_MS) }))).toEqual(["departAt"]);
    expect(await paths(tripBody({ arriveAt: inMs(DAY_MS + 15 * DAY_MS) }))).toEqual(["arriveAt"]);
    expect(await paths(tripBody({ departAt: inMs(400 * DAY_MS), arriveAt: inMs(400 * DAY_MS + HOUR_MS) }))).toEqual(["departAt"]);
    expect(await paths({ ...tripBody(), seats: 2 })).toEqual(["seats"]);
    expectProblem(await call("POST", "/v1/trips", { token: traveler.accessToken, rawBody: "{nope" }), 400, "MALFORMED_JSON");
    expectProblem(await call("POST", "/v1/trips", { body: tripBody() }), 401, "UNAUTHENTICATED");
    expect((await call("GET", "/v1/me/trips", { token: traveler.accessToken })).body.items).toEqual([]);
  });
});

describe("PATCH /v1/trips/:id", () => {
  it("edits the traveller's own trip: capacity, categories, notes, times", async () => {
    const { traveler, trip } = await createTrip({ notes: "Old" });
    const arriveAt = inMs(DAY_MS + 5 * HOUR_MS);
    const response = await patchTrip(traveler, trip.id, { capacityKg: 7.5, categories: ["books"], notes: null, arriveAt });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: trip.id, capacityKg: 7.5, freeCapacityKg: 7.5, categories: ["books"], notes: null, arriveAt: new Date(arriveAt).toISOString(), departAt: trip.departAt });
    expect(await tripRow(trip.id)).toMatchObject({ capacityGrams: 7_500, notes: null });
  });

  it("refuses capacity below what accepted shipments reserve with 409 TRIP_CAPACITY_EXCEEDED, and changes nothing", async () => {
    const { traveler, trip } = await createTrip({ capacityKg: 5 });
    await updateTrip(trip.id, { reservedGrams: 3_000 });
    const problem = expectProblem(await patchTrip(traveler, trip.id, { capacityKg: 2.999 }), 409, "TRIP_CAPACITY_EXCEEDED");
    expect(problem.reservedKg).toBe(3);
    expect(await tripRow(trip.id)).toMatchObject({ capacityGrams: 5_000, reservedGrams: 3_000 });
    const exact = await patchTrip(traveler, trip.id, { capacityKg: 3 });
    expect(exact.body).toMatchObject({ capacityKg: 3, freeCapacityKg: 0 });
  });

  it("refuses to move the route or times of a trip carrying a shipment with 409 SHIPMENT_STATE_CONFLICT, but still edits notes", async () => {
    const { traveler, trip } = await createTrip();
    await shipmentOn(trip, PLACES.croydon, "in_transit");
    expectProblem(await patchTrip(traveler, trip.id, { to: PLACES.berlin }), 409, "SHIPMENT_STATE_CONFLICT");
    expectProblem(await patchTrip(traveler, trip.id, { departAt: inMs(2 * DAY_MS), arriveAt: inMs(2 * DAY_MS + HOUR_MS) }), 409, "SHIPMENT_STATE_CONFLICT");
    expect((await tripRow(trip.id))?.toPlace).toEqual(PLACES.london);
    expect((await patchTrip(traveler, trip.id, { notes: "Running late" })).body.notes).toBe("Running late");
  });

  it("refuses to edit a cancelled trip with 409 CONFLICT", async () => {
    const { traveler, trip } = await createTrip();
    expect((await cancel(traveler, trip.id)).status).toBe(200);
    expectProblem(await patchTrip(traveler, trip.id, { notes: "Back on" }), 409, "CONFLICT");
  });

  it("answers another traveller's trip and an unknown one with 404, even for a valid edit", async () => {
    const { trip } = await createTrip();
    const other = await registerTraveler("other-traveler");
    expectProblem(await patchTrip(other, trip.id, { capacityKg: 1 }), 404, "NOT_FOUND");
    expectProblem(await patchTrip(other, "trp_00000000000000000000000000", { capacityKg: 1 }), 404, "NOT_FOUND");
    expect(await tripRow(trip.id)).toMatchObject({ capacityGrams: 5_000 });
  });

  it("answers bad edits with 400 naming the field: arrival before departure, an out-of-range place, unknown fields", async () => {
    const { traveler, trip } = await createTrip();
    const paths = async (body: unknown) => (expectProblem(await patchTrip(traveler, trip.id, body), 400, "VALIDATION_FAILED").errors ?? []).map((error) => error.path);
    expect(await paths({ arriveAt: inMs(HOUR_MS) })).toEqual(["arriveAt"]);
    expect(await paths({ from: { ...PLACES.paris, lat: -91 } })).toEqual(["from.lat"]);
    expect(await paths({ capacityKg: -1 })).toEqual(["capacityKg"]);
    expect(await paths({ status: "completed" })).toEqual(["status"]);
    expectProblem(await call("PATCH", `/v1/trips/${trip.id}`, { token: traveler.accessToken, rawBody: "[" }), 400, "MALFORMED_JSON");
    expect(await tripRow(trip.id)).toMatchObject({ status: "scheduled", capacityGrams: 5_000 });
  });
});

describe("POST /v1/trips/:id/cancel", () => {
  it("cancels a trip with nothing on board, withdraws its open offers and raises trip.cancelled", async () => {
    const { traveler, trip } = await createTrip();
    const { request } = await createRequest();
    const offerId = newId("shipmentOffer");
    await withDatabase((db) => db.orm.insert(shipmentOffers).values({ id: offerId, requestId: request.id, tripId: trip.id, travelerId: traveler.id, priceMinor: 2_000, currency: "USD" }));
    await shipmentOn(trip, PLACES.croydon, "delivered");
    const response = await cancel(traveler, trip.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: trip.id, status: "cancelled" });
    expect((await withDatabase((db) => db.orm.select().from(shipmentOffers).where(eq(shipmentOffers.id, offerId))))[0]?.status).toBe("withdrawn");
    const events = await withDatabase((db) => db.orm.select().from(outboxEvents).where(eq(outboxEvents.type, "trip.cancelled")));
    expect(events.map((event) => event.payload)).toContainEqual({ tripId: trip.id, travelerId: traveler.id });
    expectProblem(await cancel(traveler, trip.id), 409, "CONFLICT");
  });

  it("refuses a trip with an active shipment with 409 SHIPMENT_STATE_CONFLICT and keeps it scheduled", async () => {
    const { traveler, trip } = await createTrip();
    await shipmentOn(trip, PLACES.croydon, "accepted");
    expectProblem(await cancel(traveler, trip.id), 409, "SHIPMENT_STATE_CONFLICT");
    expect((await tripRow(trip.id))?.status).toBe("scheduled");
  });

  it("answers another user's trip with 404", async () => {
    const { trip } = await createTrip();
    expectProblem(await cancel(await registerTraveler("stranger"), trip.id), 404, "NOT_FOUND");
    expect((await tripRow(trip.id))?.status).toBe("scheduled");
  });
});

describe("GET /v1/trips/:id and /v1/me/trips", () => {
  it("shows a trip to its traveller and to admins, and 404 to anyone else", async () => {
    const { traveler, trip } = await createTrip();
    expect((await call("GET", `/v1/trips/${trip.id}`, { token: traveler.accessToken })).body).toEqual(trip);
    expect((await call("GET", `/v1/trips/${trip.id}`, { token: (await registerAdmin()).accessToken })).body).toEqual(trip);
    expectProblem(await call("GET", `/v1/trips/${trip.id}`, { token: (await registerTraveler("peeker")).accessToken }), 404, "NOT_FOUND");
    expectProblem(await call("GET", `/v1/trips/${trip.id}`), 401, "UNAUTHENTICATED");
  });

  it("lists upcoming trips soonest first without cancelled ones, a page at a time", async () => {
    const traveler = await registerTraveler("lister");
    const { trip: later } = await createTrip({ departAt: inMs(3 * DAY_MS), arriveAt: inMs(3 * DAY_MS + HOUR_MS) }, traveler);
    const { trip: sooner } = await createTrip({ departAt: inMs(DAY_MS), arriveAt: inMs(DAY_MS + HOUR_MS) }, traveler);
    const { trip: cancelled } = await createTrip({ departAt: inMs(2 * DAY_MS), arriveAt: inMs(2 * DAY_MS + HOUR_MS) }, traveler);
    await cancel(traveler, cancelled.id);
    const first = await call("GET", "/v1/me/trips?upcoming=true&limit=1", { token: traveler.accessToken });
    expect(first.body.items.map((trip: Trip) => trip.id)).toEqual([sooner.id]);
    const second = await call("GET", `/v1/me/trips?upcoming=true&limit=1&cursor=${first.body.nextCursor}`, { token: traveler.accessToken });
    expect({ ids: second.body.items.map((trip: Trip) => trip.id), next: second.body.nextCursor }).toEqual({ ids: [later.id], next: null });
    const all = await call("GET", "/v1/me/trips", { token: traveler.accessToken });
    expect(all.body.items.map((trip: Trip) => trip.id)).toEqual([later.id, cancelled.id, sooner.id]);
    expectProblem(await call("GET", "/v1/me/trips?upcoming=yes", { token: traveler.accessToken }), 400, "VALIDATION_FAILED");
  });
});

describe("a trip with an accepted delivery", () => {
  it("has that much less free capacity, shows the drop-off on its route, and cannot be cancelled", async () => {
    const { traveler, trip, shipment } = await acceptedShipment();
    const read = await call("GET", `/v1/trips/${trip.id}`, { token: traveler.accessToken });
    expect(read.body).toMatchObject({ capacityKg: 5, freeCapacityKg: 3.8 });
    const route = await call("GET", `/v1/trips/${trip.id}/route`, { token: traveler.accessToken });
    expect(route.body).toEqual({ start: PLACES.london, stops: [{ shipmentId: shipment.id, place: PLACES.london, legKm: 0 }], distanceKm: 0 });
    expectProblem(await patchTrip(traveler, trip.id, { capacityKg: 1.1 }), 409, "TRIP_CAPACITY_EXCEEDED");
    expectProblem(await cancel(traveler, trip.id), 409, "SHIPMENT_STATE_CONFLICT");
  });
});

describe("GET /v1/trips/:id/route", () => {
  it("orders the active shipments' drop-offs from the trip's destination, each leg measured", async () => {
    const { traveler, trip } = await createTrip();
    const far = await shipmentOn(trip, offset(PLACES.london, 0, 40));
    const near = await shipmentOn(trip, offset(PLACES.london, 0, 10));
    const middle = await shipmentOn(trip, offset(PLACES.london, 0, 25));
    await shipmentOn(trip, offset(PLACES.london, 0, 5), "delivered");
    const response = await call("GET", `/v1/trips/${trip.id}/route`, { token: traveler.accessToken });
    expect(response.status).toBe(200);
    expect(response.body.start).toEqual(PLACES.london);
    expect(response.body.stops.map((stop: { shipmentId: string }) => stop.shipmentId)).toEqual([near, middle, far]);
    const legs = response.body.stops.map((stop: { legKm: number }) => stop.legKm);
    expect(legs[0]).toBeCloseTo(10, 0);
    expect(legs[1]).toBeCloseTo(15, 0);
    expect(legs[2]).toBeCloseTo(15, 0);
    expect(response.body.distanceKm).toBeCloseTo(legs[0] + legs[1] + legs[2], 6);
  });

  it("is empty for a trip with nothing on board, and 404 for anyone but its traveller", async () => {
    const { traveler, trip } = await createTrip();
    expect((await call("GET", `/v1/trips/${trip.id}/route`, { token: traveler.accessToken })).body).toEqual({ start: PLACES.london, stops: [], distanceKm: 0 });
    expectProblem(await call("GET", `/v1/trips/${trip.id}/route`, { token: (await registerTraveler("nosy")).accessToken }), 404, "NOT_FOUND");
  });
});

describe("GET /v1/trips/:id/requests", () => {
  it("lists the open requests the trip can carry with a quote for each, leaving out ones too far or too soon", async () => {
    const route = isolatedRoute();
    const { trip, traveler } = await createTrip({ ...route, departAt: inMs(DAY_MS), arriveAt: inMs(DAY_MS + 4 * HOUR_MS) });
    await createRequest({ ...route, from: offset(route.from, 120) });
    await createRequest({ ...route, deliverBy: inMs(DAY_MS + 2 * HOUR_MS) });
    // Last, so the route's market is the same when it was priced as when the trip's list prices it.
    const { request: fits } = await createRequest({ ...route, reward: usd(1_500) });
    const response = await call("GET", `/v1/trips/${trip.id}/requests`, { token: traveler.accessToken });
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        request: fits,
        score: expect.any(Number),
        quote: { amount: expect.any(Number), currency: "USD" },
        estimatedDeliveryAt: new Date(Date.parse(trip.arriveAt) + Math.round(16.8 * HOUR_MS)).toISOString(),
        onTimeProbability: expect.any(Number),
        detourKm: 0,
      },
    ]);
    expect(Math.abs(response.body.items[0].quote.amount - fits.quote.amount)).toBeLessThanOrEqual(1);
    expectProblem(await call("GET", `/v1/trips/${trip.id}/requests`, { token: (await registerTraveler("rival")).accessToken }), 404, "NOT_FOUND");
  });
});
