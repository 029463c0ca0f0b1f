// Offers over HTTP: making one with a trip that fits, listing, withdrawing, and accepting one (reward held, PIN once), with every refusal.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { idempotencyKeys, shipmentOffers, shipments } from "../../db/schema";
import { transferCount } from "../orders/test-fixtures";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { accept, eventsAbout, ITEM_COST_MINOR, openOffer, postOffer, REWARD_MINOR, shipmentRow } from "./shipment-test-fixtures";
import { createRequest, createTrip, DAY_MS, fund, inMs, registerTraveler, requestRow, tripRow, updateTrip, usd, wallet } from "./test-fixtures";

async function offerRow(offerId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(shipmentOffers).where(eq(shipmentOffers.id, offerId)))[0]);
}

describe("POST /v1/shipment-requests/:id/offers", () => {
  it("makes an open offer shown against the request's quote, and tells the requester", async () => {
    const traveler = await registerTraveler("offerer");
    const { trip } = await createTrip({}, traveler);
    const { request } = await createRequest();
    const response = await postOffer(traveler, request.id, { tripId: trip.id, price: usd(2_000), pickupPlan: "Gare du Nord", message: "Happy to help" });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^sof_/),
      status: "open",
      requestId: request.id,
      tripId: trip.id,
      travelerId: traveler.id,
      price: usd(2_000),
      quote: request.quote,
      pickupPlan: "Gare du Nord",
      message: "Happy to help",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [event] = await eventsAbout("shipment_offer.created", "offerId", response.body.id);
    expect(event?.payload).toEqual({ offerId: response.body.id, requestId: request.id, requesterId: request.requesterId, travelerId: traveler.id, price: usd(2_000) });
  });

  it("refuses a second open offer with the same trip (409), a price in another currency (422) and a trip that arrives too late (422)", async () => {
    const { traveler, trip, request } = await openOffer();
    expectProblem(await postOffer(traveler, request.id, { tripId: trip.id, price: usd(100) }), 409, "CONFLICT");
    const other = await createRequest();
    expectProblem(await postOffer(traveler, other.request.id, { tripId: trip.id, price: { amount: 100, currency: "EUR" } }), 422, "WRONG_CURRENCY");
    const { trip: late } = await createTrip({ departAt: inMs(4 * DAY_MS), arriveAt: inMs(4 * DAY_MS + 3_600_000) }, traveler);
    expectProblem(await postOffer(traveler, other.request.id, { tripId: late.id, price: usd(100) }), 422, "TRIP_NOT_SUITABLE");
  });

  it("refuses a request that is no longer open with 409 SHIPMENT_STATE_CONFLICT", async () => {
    const { requester, request } = await createRequest();
    expect((await call("POST", `/v1/shipment-requests/${request.id}/cancel`, { token: requester.accessToken })).status).toBe(200);
    const { traveler, trip } = await createTrip();
    expectProblem(await postOffer(traveler, request.id, { tripId: trip.id, price: usd(100) }), 409, "SHIPMENT_STATE_CONFLICT");
  });

  it("refuses a caller without the traveler role and an offer on one's own request with 403", async () => {
    const { request, requester } = await createRequest();
    expectProblem(await postOffer(await registerUser("no-role"), request.id, { tripId: "trp_x", price: usd(100) }), 403, "FORBIDDEN");
    await call("POST", "/v1/me/roles", { token: requester.accessToken, body: { role: "traveler" } });
    const { trip } = await createTrip({}, requester);
    expectProblem(await postOffer(requester, request.id, { tripId: trip.id, price: usd(100) }), 403, "FORBIDDEN");
  });

  it("answers 404 for another traveller's trip and an unknown request", async () => {
    const { trip } = await createTrip();
    const { request } = await createRequest();
    const stranger = await registerTraveler("stranger");
    expectProblem(await postOffer(stranger, request.id, { tripId: trip.id, price: usd(100) }), 404, "NOT_FOUND");
    expectProblem(await postOffer(stranger, "shr_unknown", { tripId: trip.id, price: usd(100) }), 404, "NOT_FOUND");
  });

  it("answers bad input with 400 naming the field: a zero price, an unknown field, an over-long message", async () => {
    const { traveler, trip } = await createTrip();
    const { request } = await createRequest();
    const send = (body: Record<string, unknown>) => postOffer(traveler, request.id, { tripId: trip.id, price: usd(100), ...body });
    expect(expectProblem(await send({ price: usd(0) }), 400, "VALIDATION_FAILED").errors).toContainEqual({ path: "price.amount", message: "must be more than zero" });
    expect(expectProblem(await send({ tip: 1 }), 400, "VALIDATION_FAILED").errors).toContainEqual({ path: "tip", message: "unknown field" });
    expect(expectProblem(await send({ message: "x".repeat(1_001) }), 400, "VALIDATION_FAILED").errors?.[0]?.path).toBe("message");
  });
});

describe("GET /v1/shipment-requests/:id/offers and withdrawing", () => {
  it("shows the requester every offer, a traveller only their own, and anyone else 404", async () => {
    const { requester, request, traveler, offer } = await openOffer();
    const second = await createTrip();
    const other = await postOffer(second.traveler, request.id, { tripId: second.trip.id, price: usd(3_000) });
    const list = (user: { accessToken: string }) => call("GET", `/v1/shipment-requests/${request.id}/offers`, { token: user.accessToken });
    expect((await list(requester)).body.items.map((item: { id: string }) => item.id)).toEqual([other.body.id, offer.id]);
    expect((await list(traveler)).body).toEqual({ items: [offer], nextCursor: null });
    expectProblem(await list(await registerUser("nosy")), 404, "NOT_FOUND");
  });

  it("lets the offer's traveller withdraw it once; anyone else gets 404", async () => {
    const { traveler, requester, offer } = await openOffer();
    expectProblem(await call("POST", `/v1/offers/${offer.id}/withdraw`, { token: requester.accessToken }), 404, "NOT_FOUND");
    const withdrawn = await call("POST", `/v1/offers/${offer.id}/withdraw`, { token: traveler.accessToken });
    expect({ status: withdrawn.status, offer: withdrawn.body.status }).toEqual({ status: 200, offer: "withdrawn" });
    expectProblem(await call("POST", `/v1/offers/${offer.id}/withdraw`, { token: traveler.accessToken }), 409, "OFFER_NOT_OPEN");
  });
});

describe("POST /v1/offers/:id/accept", () => {
  it("creates the shipment, holds the reward and the item's price, reserves the trip, declines the other offers and shows the PIN once", async () => {
    const { requester, request, trip, offer, traveler } = await openOffer();
    const second = await createTrip();
    const other = await postOffer(second.traveler, request.id, { tripId: second.trip.id, price: usd(3_000) });
    await fund(requester, REWARD_MINOR + ITEM_COST_MINOR);
    const response = await accept(requester, offer.id);
    expect(response.status).toBe(201);
    const { shipment, pin } = response.body;
    expect(pin).toMatch(/^\d{6}$/);
    expect(shipment).toMatchObject({ id: expect.stringMatching(/^shp_/), status: "accepted", requestId: request.id, offerId: offer.id, tripId: trip.id, travelerId: traveler.id, requesterId: requester.id });
    expect(shipment).toMatchObject({ orderId: null, reward: usd(REWARD_MINOR), itemCost: usd(ITEM_COST_MINOR), item: { title: "Box of macarons", weightKg: 1.2 }, plannedArriveAt: trip.arriveAt, milestones: [{ kind: "accepted", at: expect.any(String) }] });
    expect(await wallet(requester)).toEqual({ available: 0, held: REWARD_MINOR + ITEM_COST_MINOR });
    expect((await tripRow(trip.id))?.reservedGrams).toBe(1_200);
    expect((await requestRow(request.id))?.status).toBe("accepted");
    expect((await call("GET", `/v1/shipment-requests/${request.id}`, { token: requester.accessToken })).body).toMatchObject({ status: "accepted", shipmentId: shipment.id });
    expect((await call("GET", "/v1/me/shipment-requests", { token: requester.accessToken })).body.items).toEqual([expect.objectContaining({ id: request.id, shipmentId: shipment.id })]);
    expect([(await offerRow(offer.id))?.status, (await offerRow(other.body.id))?.status]).toEqual(["accepted", "declined"]);
    const row = await shipmentRow(shipment.id);
    expect(row?.pinHash).not.toContain(pin);
    expect(JSON.stringify((await call("GET", `/v1/shipments/${shipment.id}`, { token: requester.accessToken })).body)).not.toContain(pin);
    expect(await eventsAbout("shipment.accepted", "shipmentId", shipment.id)).toHaveLength(1);
  });

  it("replays the first answer for the same Idempotency-Key with the PIN left out, since it is kept only hashed, moving the money once", async () => {
    const { requester, offer } = await openOffer();
    await fund(requester, REWARD_MINOR + ITEM_COST_MINOR);
    const first = await accept(requester, offer.id, "accept-once");
    const again = await accept(requester, offer.id, "accept-once");
    expect(first.body.pin).toMatch(/^\d{6}$/);
    expect({ status: again.status, replayed: again.headers.get("Idempotent-Replayed"), body: again.body }).toEqual({ status: 201, replayed: "true", body: { ...first.body, pin: null } });
    const stored = await withDatabase((db) => db.orm.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "accept-once")));
    expect(stored.map((row) => JSON.parse(row.responseBody ?? "{}").pin)).toEqual([null]);
    expect(await transferCount(`shipment:${first.body.shipment.id}:reward_hold`)).toBe(1);
    expectProblem(await accept(requester, offer.id), 409, "OFFER_NOT_OPEN");
  });

  it("refuses a short wallet with 422 INSUFFICIENT_FUNDS and changes nothing", async () => {
    const { requester, request, trip, offer } = await openOffer();
    await fund(requester, REWARD_MINOR + ITEM_COST_MINOR - 1);
    expectProblem(await accept(requester, offer.id), 422, "INSUFFICIENT_FUNDS");
    expect((await offerRow(offer.id))?.status).toBe("open");
    expect((await requestRow(request.id))?.status).toBe("open");
    expect((await tripRow(trip.id))?.reservedGrams).toBe(0);
    expect(await withDatabase((db) => db.orm.select().from(shipments).where(eq(shipments.requestId, request.id)))).toEqual([]);
    expect(await wallet(requester)).toEqual({ available: REWARD_MINOR + ITEM_COST_MINOR - 1, held: 0 });
  });

  it("refuses a trip without room left with 409 TRIP_CAPACITY_EXCEEDED", async () => {
    const { requester, trip, offer } = await openOffer();
    await fund(requester, REWARD_MINOR + ITEM_COST_MINOR);
    await updateTrip(trip.id, { reservedGrams: 4_000 });
    expect(expectProblem(await accept(requester, offer.id), 409, "TRIP_CAPACITY_EXCEEDED").freeCapacityKg).toBe(1);
  });

  it("answers 404 to anyone but the requester, and 400 without an Idempotency-Key", async () => {
    const { traveler, requester, offer } = await openOffer();
    expectProblem(await accept(traveler, offer.id), 404, "NOT_FOUND");
    expectProblem(await accept(await registerUser("other"), offer.id), 404, "NOT_FOUND");
    expectProblem(await call("POST", `/v1/offers/${offer.id}/accept`, { token: requester.accessToken }), 400, "IDEMPOTENCY_KEY_REQUIRED");
  });

  it("refuses a declined offer with 409 OFFER_NOT_OPEN and new offers on the accepted request with 409 SHIPMENT_STATE_CONFLICT", async () => {
    const { requester, request, offer } = await openOffer();
    const second = await createTrip();
    const declined = await postOffer(second.traveler, request.id, { tripId: second.trip.id, price: usd(3_000) });
    await fund(requester, REWARD_MINOR + ITEM_COST_MINOR);
    expect((await accept(requester, offer.id)).status).toBe(201);
    expectProblem(await accept(requester, declined.body.id), 409, "OFFER_NOT_OPEN");
    const late = await createTrip();
    expectProblem(await postOffer(late.traveler, request.id, { tripId: late.trip.id, price: usd(100) }), 409, "SHIPMENT_STATE_CONFLICT");
  });
});
