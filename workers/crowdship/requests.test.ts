// Shipment requests over HTTP: standalone and from a crowdship order, reading, listing, cancelling, matches, and the notifications crowdship events raise.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shipmentRequests } from "../../db/schema";
import { newId } from "../platform/ids";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { ADDRESS, placeOrder, sellerWithListing } from "../orders/test-fixtures";
import {
  createRequest,
  createTrip,
  DAY_MS,
  deliverEvents,
  eventually,
  HOUR_MS,
  inMs,
  isolatedRoute,
  notificationsOf,
  offset,
  paidCrowdshipOrder,
  PLACES,
  postRequest,
  registerAdmin,
  registerTraveler,
  requestBody,
  requestRow,
  usd,
  type TestUser,
} from "./test-fixtures";

const cancelRequest = (user: TestUser, requestId: string) => call("POST", `/v1/shipment-requests/${requestId}/cancel`, { token: user.accessToken });
const matches = (user: TestUser, requestId: string) => call("GET", `/v1/shipment-requests/${requestId}/matches`, { token: user.accessToken });

async function requestsOf(userId: string) {
  return withDatabase((db) => db.orm.select().from(shipmentRequests).where(eq(shipmentRequests.requesterId, userId)));
}

describe("POST /v1/shipment-requests", () => {
  it("creates an open standalone request priced by the quote, weight kept to the gram", async () => {
    const requester = await registerUser("standalone");
    const body = requestBody({
      item: { title: "Limited edition sneakers", weightKg: 1.25, value: usd(25_000), link: "https://shop.example/sneakers", description: "Size 42", category: "shoes" },
      reward: usd(3_000),
    });
    const response = await postRequest(requester, body);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^shr_/),
      requesterId: requester.id,
      orderId: null,
      item: { title: "Limited edition sneakers", weightKg: 1.25, value: usd(25_000), link: "https://shop.example/sneakers", description: "Size 42", category: "shoes" },
      from: PLACES.paris,
      to: PLACES.london,
      readyAt: expect.any(String),
      deliverBy: new Date(body.deliverBy as string).toISOString(),
      reward: usd(3_000),
      quote: { amount: expect.any(Number), currency: "USD" },
      status: "open",
      shipmentId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    // At least the base, 1.25 kg, ~344 km and 1% of USD 250 cover, before the multipliers (never below ×0.8).
    expect(response.body.quote.amount).toBeGreaterThanOrEqual(Math.floor((500 + 500 + 103 + 250) * 0.8));
    expect(await requestRow(response.body.id)).toMatchObject({ weightGrams: 1_250, itemValueMinor: 25_000, rewardMinor: 3_000, quoteMinor: response.body.quote.amount });
  });

  it("tells the travellers whose trips can carry it", async () => {
    const route = isolatedRoute();
    const { traveler, trip } = await createTrip({ ...route, departAt: inMs(HOUR_MS), arriveAt: inMs(6 * HOUR_MS) });
    const { request } = await createRequest(route);
    const found = await eventually(() => notificationsOf(traveler.id), (rows) => rows.some((row) => row.kind === "crowdship_request_match"));
    expect(found.find((row) => row.kind === "crowdship_request_match")).toMatchObject({ title: "A request fits your trip to Otherton", data: { requestId: request.id, tripId: trip.id } });
  });

  it("carries the caller's paid crowdship order, its total the default value, one live request per order", async () => {
    const { buyer, order } = await paidCrowdshipOrder();
    const body = requestBody({ orderId: order.id, item: { title: "Order item", weightKg: 0.4 } });
    const response = await postRequest(buyer, body);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ orderId: order.id, status: "open", item: { title: "Order item", weightKg: 0.4, value: usd(10_000) } });
    expectProblem(await postRequest(buyer, body), 409, "CONFLICT");
    expect(await cancelRequest(buyer, response.body.id)).toMatchObject({ status: 200 });
    expect((await postRequest(buyer, body)).status).toBe(201);
  });

  it("refuses orders it cannot carry: another user's 404, not crowdship 422, unpaid 409", async () => {
    const { order } = await paidCrowdshipOrder();
    const stranger = await registerUser("order-thief");
    expectProblem(await postRequest(stranger, requestBody({ orderId: order.id })), 404, "NOT_FOUND");
    expectProblem(await postRequest(stranger, requestBody({ orderId: "ord_00000000000000000000000000" })), 404, "NOT_FOUND");
    const { listing } = await sellerWithListing({ crowdshipEligible: true });
    const buyer = await registerUser("shipping-buyer");
    const shipped = await placeOrder(buyer, listing.id);
    expectProblem(await postRequest(buyer, requestBody({ orderId: shipped.id })), 422, "DELIVERY_NOT_AVAILABLE");
    const unpaid = await placeOrder(buyer, listing.id, 1, { method: "crowdship", address: ADDRESS });
    expectProblem(await postRequest(buyer, requestBody({ orderId: unpaid.id })), 409, "ORDER_STATE_CONFLICT");
    expect(await requestsOf(buyer.id)).toEqual([]);
    expect(await requestsOf(stranger.id)).toEqual([]);
  });

  it("refuses a reward in another currency than the value with 422 WRONG_CURRENCY", async () => {
    const requester = await registerUser("two-currencies");
    expectProblem(await postRequest(requester, requestBody({ reward: { amount: 1_000, currency: "EUR" } })), 422, "WRONG_CURRENCY");
    const { buyer, order } = await paidCrowdshipOrder();
    expectProblem(await postRequest(buyer, requestBody({ orderId: order.id, item: { title: "x", weightKg: 1, value: { amount: 100, currency: "GBP" } } })), 422, "WRONG_CURRENCY");
    expect(await requestsOf(requester.id)).toEqual([]);
  });

  it("answers bad input with 400 naming each field, and changes nothing", async () => {
    const requester = await registerUser("bad-request");
    const paths = async (body: unknown) => (expectProblem(await postRequest(requester, body as Record<string, unknown>), 400, "VALIDATION_FAILED").errors ?? []).map((error) => error.path);
    const item = requestBody().item;
    expect(await paths(requestBody({ item: { title: "No value", weightKg: 1 } }))).toEqual(["item.value"]);
    expect(await paths(requestBody({ item: { ...item, weightKg: 0 } }))).toEqual(["item.weightKg"]);
    expect(await paths(requestBody({ item: { ...item, weightKg: 0.0005 } }))).toEqual(["item.weightKg"]);
    expect(await paths(requestBody({ item: { ...item, link: "http://shop.example/x" } }))).toEqual(["item.link"]);
    expect(await paths(requestBody({ item: { ...item, colour: "red" } }))).toEqual(["item.colour"]);
    expect(await paths(requestBody({ to: { ...PLACES.london, lat: 100 } }))).toEqual(["to.lat"]);
    expect(await paths(requestBody({ deliverBy: inMs(-HOUR_MS) }))).toEqual(["deliverBy"]);
    expect(await paths(requestBody({ readyAt: inMs(4 * DAY_MS) }))).toEqual(["deliverBy"]);
    expect(await paths(requestBody({ reward: { amount: 0, currency: "USD" } }))).toEqual(["reward.amount"]);
    expect(await paths({ ...requestBody(), urgent: true })).toEqual(["urgent"]);
    expectProblem(await call("POST", "/v1/shipment-requests", { token: requester.accessToken, rawBody: "{oops" }), 400, "MALFORMED_JSON");
    expectProblem(await call("POST", "/v1/shipment-requests", { body: requestBody() }), 401, "UNAUTHENTICATED");
    expect(await requestsOf(requester.id)).toEqual([]);
  });
});

describe("GET /v1/shipment-requests/:id and /v1/me/shipment-requests", () => {
  it("shows a request to its requester and admins, to travellers while it is open, and 404 to anyone else", async () => {
    const { requester, request } = await createRequest();
    const traveler = await registerTraveler("browsing");
    const buyer = await registerUser("just-a-buyer");
    const read = (user: TestUser) => call("GET", `/v1/shipment-requests/${request.id}`, { token: user.accessToken });
    expect((await read(requester)).body).toEqual(request);
    expect((await read(await registerAdmin())).body).toEqual(request);
    expect((await read(traveler)).body).toEqual(request);
    expectProblem(await read(buyer), 404, "NOT_FOUND");
    await cancelRequest(requester, request.id);
    expectProblem(await read(traveler), 404, "NOT_FOUND");
    expect((await read(requester)).body.status).toBe("cancelled");
  });

  it("lists the caller's requests newest first, optionally of one status", async () => {
    const requester = await registerUser("many-requests");
    const { request: first } = await createRequest({}, requester);
    const { request: second } = await createRequest({}, requester);
    await cancelRequest(requester, first.id);
    const all = await call("GET", "/v1/me/shipment-requests", { token: requester.accessToken });
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([second.id, first.id]);
    const open = await call("GET", "/v1/me/shipment-requests?status=open", { token: requester.accessToken });
    expect({ ids: open.body.items.map((item: { id: string }) => item.id), next: open.body.nextCursor }).toEqual({ ids: [second.id], next: null });
    expectProblem(await call("GET", "/v1/me/shipment-requests?status=lost", { token: requester.accessToken }), 400, "VALIDATION_FAILED");
  });
});

describe("POST /v1/shipment-requests/:id/cancel", () => {
  it("cancels an open request once; another user gets 404", async () => {
    const { requester, request } = await createRequest();
    expectProblem(await cancelRequest(await registerUser("not-mine"), request.id), 404, "NOT_FOUND");
    const response = await cancelRequest(requester, request.id);
    expect(response.body).toMatchObject({ id: request.id, status: "cancelled" });
    expectProblem(await cancelRequest(requester, request.id), 409, "SHIPMENT_STATE_CONFLICT");
    expect((await requestRow(request.id))?.status).toBe("cancelled");
  });
});

describe("GET /v1/shipment-requests/:id/matches", () => {
  it("lists a trip that can carry it with its quote and prediction, and leaves out trips arriving too late, too far or full", async () => {
    const route = isolatedRoute();
    const arriveAt = inMs(DAY_MS + 3 * HOUR_MS);
    const { traveler, trip } = await createTrip({ ...route, from: offset(route.from, 10), departAt: inMs(DAY_MS), arriveAt });
    await createTrip({ ...route, departAt: inMs(2 * DAY_MS), arriveAt: inMs(4 * DAY_MS) });
    await createTrip({ ...route, from: offset(route.from, 60), departAt: inMs(DAY_MS), arriveAt });
    await createTrip({ ...route, capacityKg: 1, departAt: inMs(DAY_MS), arriveAt });
    const { requester, request } = await createRequest(route);
    const response = await matches(requester, request.id);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        tripId: trip.id,
        travelerId: traveler.id,
        travelerName: "Test trip-owner",
        score: expect.any(Number),
        quote: { amount: expect.any(Number), currency: "USD" },
        estimatedDeliveryAt: new Date(Date.parse(arriveAt) + Math.round(16.8 * HOUR_MS)).toISOString(),
        onTimeProbability: expect.any(Number),
        detourKm: expect.closeTo(10, 1),
        departAt: trip.departAt,
        arriveAt: trip.arriveAt,
        from: trip.from,
        to: trip.to,
        freeCapacityKg: 5,
        traveler: { ratingAverage: null, ratingCount: 0, deliveredCount: 0, onTimeCount: 0 },
      },
    ]);
    const [match] = response.body.items;
    expect(match.score).toBeGreaterThan(0);
    expect(match.score).toBeLessThanOrEqual(1);
    expect(match.onTimeProbability).toBeGreaterThan(0.5);
    expect(match.onTimeProbability).toBeLessThan(0.8);
    // The detour costs something on top of the request's own quote.
    expect(match.quote.amount).toBeGreaterThan(request.quote.amount);
  });

  it("shows matches to the requester and admins only, and none once the request is cancelled", async () => {
    const route = isolatedRoute();
    await createTrip(route);
    const { requester, request } = await createRequest(route);
    expect((await matches(await registerAdmin(), request.id)).body.items).toHaveLength(1);
    expectProblem(await matches(await registerTraveler("curious"), request.id), 404, "NOT_FOUND");
    expectProblem(await matches(requester, "shr_00000000000000000000000000"), 404, "NOT_FOUND");
    await cancelRequest(requester, request.id);
    expect((await matches(requester, request.id)).body).toEqual({ items: [] });
  });
});

describe("crowdship notifications", () => {
  const parties = async () => ({ requester: await registerUser("n-requester"), traveler: await registerTraveler("n-traveler"), seller: await registerUser("n-seller") });
  const shipment = (p: { requester: TestUser; traveler: TestUser; seller: TestUser }) => ({
    shipmentId: "shp_01JD3V9X4W7Q2S5T8Y1Z3B6C9E",
    requestId: "shr_01JD3V9X4W7Q2S5T8Y1Z3B6C9E",
    travelerId: p.traveler.id,
    requesterId: p.requester.id,
    orderId: "ord_01JD3V9X4W7Q2S5T8Y1Z3B6C9E",
    sellerId: p.seller.id,
  });
  const kinds = async (user: TestUser) => (await notificationsOf(user.id)).map((row) => row.kind).filter((kind) => kind !== "welcome").sort();

  it("tells the requester of an offer, and every party of acceptance and delivery, once even if an event comes twice", async () => {
    const p = await parties();
    const accepted = { id: newId("event"), type: "shipment.accepted" as const, payload: { ...shipment(p), offerId: "sof_01JD3V9X4W7Q2S5T8Y1Z3B6C9E" } };
    await deliverEvents([{ type: "shipment_offer.created", payload: { offerId: "sof_1", requestId: "shr_1", requesterId: p.requester.id, travelerId: p.traveler.id, price: { amount: 2_500, currency: "USD" as const } } }]);
    await deliverEvents([accepted]);
    await deliverEvents([accepted]);
    await deliverEvents([{ type: "shipment.milestone", payload: { ...shipment(p), milestone: "picked_up", at: new Date().toISOString() } }]);
    await deliverEvents([{ type: "shipment.milestone", payload: { ...shipment(p), milestone: "arrived", at: new Date().toISOString() } }]);
    await deliverEvents([{ type: "shipment.delivered", payload: { ...shipment(p), deliveredAt: new Date().toISOString(), onTime: true } }]);
    expect(await kinds(p.requester)).toEqual(["shipment_delivered", "shipment_milestone", "shipment_milestone", "shipment_offer"]);
    expect(await kinds(p.traveler)).toEqual(["shipment_accepted", "shipment_delivered"]);
    expect(await kinds(p.seller)).toEqual(["shipment_accepted", "shipment_delivered", "shipment_milestone"]);
    const offer = (await notificationsOf(p.requester.id)).find((row) => row.kind === "shipment_offer");
    expect(offer).toMatchObject({ body: expect.stringContaining("USD 25.00"), data: { offerId: "sof_1", requestId: "shr_1" } });
  });

  it("tells every admin of a locked shipment, and nobody else", async () => {
    const p = await parties();
    const admin = await registerAdmin();
    await deliverEvents([{ type: "shipment.locked", payload: { ...shipment(p), at: new Date().toISOString() } }]);
    expect((await notificationsOf(admin.id)).filter((row) => row.kind === "shipment_locked")).toEqual([
      expect.objectContaining({ title: "A shipment is locked after 5 wrong PINs", data: expect.objectContaining({ shipmentId: "shp_01JD3V9X4W7Q2S5T8Y1Z3B6C9E" }) }),
    ]);
    expect(await kinds(p.requester)).toEqual([]);
    expect(await kinds(p.traveler)).toEqual([]);
  });
});
