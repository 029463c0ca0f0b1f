// Shipments over HTTP: the whole trip → delivery flow, PIN delivery and locking, who may see and do what, the live socket, cancel, rating.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accounts, transferEntries } from "../orders/test-fixtures";
import { call, expectProblem, registerUser } from "../test-support/api";
import { accept, acceptedShipment, deliverWith, eventsAbout, ITEM_COST_MINOR, postOffer, REWARD_MINOR, shipmentAction, shipmentRow, walkNorthFromParis, wrongPin } from "./shipment-test-fixtures";
import { createRequest, createTrip, deliverEvents, eventually, fund, notificationsOf, paidCrowdshipOrder, registerAdmin, registerTraveler, requestRow, tripRow, usd, wallet } from "./test-fixtures";

/** 5% of the USD 25 reward. */
const FEE_MINOR = 125;

describe("the crowdship flow", () => {
  it("carries a request from trip to delivery: matches, offer, accept, pickup, positions, a wrong PIN, then the right one pays the traveller the reward less the fee and the item's price", async () => {
    const traveler = await registerTraveler("flow-traveler");
    const { trip } = await createTrip({}, traveler);
    const { requester, request } = await createRequest();
    const matches = await call("GET", `/v1/shipment-requests/${request.id}/matches`, { token: requester.accessToken });
    expect(matches.body.items.map((match: { tripId: string }) => match.tripId)).toContain(trip.id);
    const offer = await postOffer(traveler, request.id, { tripId: trip.id, price: usd(REWARD_MINOR) });
    await fund(requester, REWARD_MINOR + ITEM_COST_MINOR);
    const accepted = await accept(requester, offer.body.id);
    const { shipment, pin } = accepted.body;
    expect({ reward: shipment.reward, itemCost: shipment.itemCost }).toEqual({ reward: usd(REWARD_MINOR), itemCost: usd(ITEM_COST_MINOR) });
    expect(await wallet(requester)).toEqual({ available: 0, held: REWARD_MINOR + ITEM_COST_MINOR });

    const picked = await shipmentAction(traveler, shipment.id, "pickup");
    expect({ status: picked.status, shipment: picked.body.status }).toEqual({ status: 200, shipment: "picked_up" });
    const path = walkNorthFromParis(5, 5);
    const moved = await shipmentAction(traveler, shipment.id, "positions", { positions: path });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ accepted: 5, lastPosition: path.at(-1), eta: expect.any(String), status: "in_transit" });
    const seen = await call("GET", `/v1/shipments/${shipment.id}`, { token: requester.accessToken });
    expect(seen.body).toMatchObject({ status: "in_transit", lastPosition: path.at(-1), pinAttemptsLeft: 5, eta: moved.body.eta });
    expect(seen.body.milestones.map((milestone: { kind: string }) => milestone.kind)).toEqual(["accepted", "picked_up", "departed"]);
    expect(seen.body.trace.length).toBeGreaterThan(0);

    expect(expectProblem(await deliverWith(traveler, shipment.id, wrongPin(pin)), 422, "WRONG_PIN").attemptsLeft).toBe(4);
    const delivered = await deliverWith(traveler, shipment.id, pin);
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ status: "delivered", deliveredAt: expect.any(String), pinAttemptsLeft: 4 });
    expect(await wallet(traveler)).toEqual({ available: ITEM_COST_MINOR + REWARD_MINOR - FEE_MINOR, held: 0 });
    expect(await wallet(requester)).toEqual({ available: 0, held: 0 });
    expect(await transferEntries(`shipment:${shipment.id}:reward_release`)).toEqual({
      [accounts.held(requester.id)]: -(REWARD_MINOR + ITEM_COST_MINOR),
      [accounts.available(traveler.id)]: ITEM_COST_MINOR + REWARD_MINOR - FEE_MINOR,
      [accounts.fees]: FEE_MINOR,
    });
    const [event] = await eventsAbout("shipment.delivered", "shipmentId", shipment.id);
    expect(event?.payload).toMatchObject({ shipmentId: shipment.id, travelerId: traveler.id, requesterId: requester.id, onTime: true });

    const again = await deliverWith(traveler, shipment.id, pin);
    expect({ status: again.status, shipment: again.body.status }).toEqual({ status: 200, shipment: "delivered" });
    expect(await wallet(traveler)).toEqual({ available: ITEM_COST_MINOR + REWARD_MINOR - FEE_MINOR, held: 0 });
    expect((await tripRow(trip.id))?.reservedGrams).toBe(1_200);
  });

  it("with an order: pickup puts it in transit, the PIN completes it and pays the seller, who may watch the shipment", async () => {
    const { seller, buyer, order } = await paidCrowdshipOrder();
    const { shipment, pin, traveler } = await acceptedShipment({ orderId: order.id }, buyer);
    // The order's own escrow pays the seller: only the reward is held for the traveller.
    expect({ orderId: shipment.orderId, sellerId: shipment.sellerId, itemCost: shipment.itemCost }).toEqual({ orderId: order.id, sellerId: seller.id, itemCost: usd(0) });
    await shipmentAction(traveler, shipment.id, "pickup");
    const readOrder = () => call("GET", `/v1/orders/${order.id}`, { token: buyer.accessToken });
    expect((await readOrder()).body.status).toBe("in_transit");
    const watched = await call("GET", `/v1/shipments/${shipment.id}`, { token: seller.accessToken });
    expect(watched.status).toBe(200);
    expect(watched.body.pinAttemptsLeft).toBeUndefined();
    expect((await deliverWith(traveler, shipment.id, pin)).status).toBe(200);
    expect((await readOrder()).body.status).toBe("completed");
    expect(await wallet(seller)).toEqual({ available: order.total.amount - 500, held: 0 });
    expect(await wallet(buyer)).toEqual({ available: 0, held: 0 });
  });
});

describe("wrong PINs", () => {
  it("lock the shipment on the fifth try; then even the right PIN is 409 SHIPMENT_LOCKED, support is told, and an admin can unlock it", async () => {
    const admin = await registerAdmin();
    const { traveler, requester, shipment, pin } = await acceptedShipment();
    const wrong = wrongPin(pin);
    const left: unknown[] = [];
    for (let attempt = 0; attempt < 5; attempt++) left.push(expectProblem(await deliverWith(traveler, shipment.id, wrong), 422, "WRONG_PIN").attemptsLeft);
    expect(left).toEqual([4, 3, 2, 1, 0]);
    expectProblem(await deliverWith(traveler, shipment.id, pin), 409, "SHIPMENT_LOCKED");
    expect((await shipmentRow(shipment.id))?.status).toBe("locked");
    expect(await wallet(requester)).toEqual({ available: 0, held: REWARD_MINOR + ITEM_COST_MINOR });

    const [locked] = await eventsAbout("shipment.locked", "shipmentId", shipment.id);
    await deliverEvents([{ id: locked!.id, type: "shipment.locked", payload: locked!.payload as never }]);
    expect((await notificationsOf(admin.id)).map((notification) => notification.kind)).toContain("shipment_locked");

    expectProblem(await call("POST", `/v1/admin/shipments/${shipment.id}/unlock`, { token: requester.accessToken }), 403, "FORBIDDEN");
    const unlocked = await call("POST", `/v1/admin/shipments/${shipment.id}/unlock`, { token: admin.accessToken });
    expect(unlocked.body).toMatchObject({ status: "accepted" });
    expect((await shipmentRow(shipment.id))?.status).toBe("accepted");
    expect((await deliverWith(traveler, shipment.id, pin)).body.status).toBe("delivered");
  });
});

describe("who may do what", () => {
  it("lets only the traveller post positions, pick up and deliver: the other parties get 403, strangers 404", async () => {
    const { requester, shipment, pin } = await acceptedShipment();
    const stranger = await registerTraveler("stranger");
    const positions = { positions: walkNorthFromParis(1, 0) };
    expectProblem(await shipmentAction(requester, shipment.id, "positions", positions), 403, "FORBIDDEN");
    expectProblem(await shipmentAction(stranger, shipment.id, "positions", positions), 404, "NOT_FOUND");
    expectProblem(await shipmentAction(requester, shipment.id, "deliver", { pin }), 403, "FORBIDDEN");
    expectProblem(await shipmentAction(stranger, shipment.id, "pickup"), 404, "NOT_FOUND");
  });

  it("shows a shipment to its parties and admins, and 404 to anyone else", async () => {
    const { traveler, requester, shipment } = await acceptedShipment();
    const read = (user: { accessToken: string }) => call("GET", `/v1/shipments/${shipment.id}`, { token: user.accessToken });
    expect((await read(traveler)).body).toMatchObject({ id: shipment.id, pinAttemptsLeft: 5, lastPosition: null });
    expect((await read(requester)).status).toBe(200);
    expect((await read(await registerAdmin())).body.pinAttemptsLeft).toBeUndefined();
    expectProblem(await read(await registerUser("nosy")), 404, "NOT_FOUND");
    expectProblem(await call("GET", "/v1/shipments/shp_unknown", { token: requester.accessToken }), 404, "NOT_FOUND");
  });

  it("lists the caller's shipments by role", async () => {
    const { traveler, requester, shipment } = await acceptedShipment();
    const mine = (user: { accessToken: string }, role: string) => call("GET", `/v1/me/shipments?role=${role}`, { token: user.accessToken });
    expect((await mine(requester, "requester")).body.items.map((item: { id: string }) => item.id)).toEqual([shipment.id]);
    expect((await mine(traveler, "traveler")).body.items.map((item: { id: string }) => item.id)).toEqual([shipment.id]);
    expect((await mine(traveler, "requester")).body).toEqual({ items: [], nextCursor: null });
  });
});

describe("GET /v1/shipments/:id/live", () => {
  async function connect(user: { accessToken: string }, shipmentId: string) {
    const path = `/v1/shipments/${shipmentId}/live`;
    const ticket = await call("POST", "/v1/realtime/tickets", { token: user.accessToken, body: { path } });
    return (exports as unknown as { default: Fetcher }).default.fetch(`http://localhost${path}?ticket=${encodeURIComponent(ticket.body.ticket)}`, { headers: { Upgrade: "websocket" } });
  }

  it("sends a watching requester the state, then the traveller's positions", async () => {
    const { traveler, requester, shipment } = await acceptedShipment();
    const response = await connect(requester, shipment.id);
    expect(response.status).toBe(101);
    const socket = response.webSocket!;
    const messages: { type: string; [key: string]: unknown }[] = [];
    socket.accept();
    socket.addEventListener("message", (event) => {
      messages.push(JSON.parse(String(event.data)));
    });
    await shipmentAction(traveler, shipment.id, "pickup");
    const [point] = walkNorthFromParis(1, 0);
    await shipmentAction(traveler, shipment.id, "positions", { positions: [point] });
    const seen = await eventually(async () => messages, (list) => list.some((message) => message.type === "position"));
    expect(seen[0]).toMatchObject({ type: "state", state: { shipmentId: shipment.id, status: "accepted" } });
    expect(seen.find((message) => message.type === "position")).toEqual({ type: "position", ...point });
    socket.close();
  });

  it("answers a stranger's ticket with 404, no ticket with 401 and a plain GET with 400", async () => {
    const { shipment } = await acceptedShipment();
    const stranger = await connect(await registerUser("live-stranger"), shipment.id);
    expect(stranger.status).toBe(404);
    const path = `/v1/shipments/${shipment.id}/live`;
    expect((await (exports as unknown as { default: Fetcher }).default.fetch(`http://localhost${path}`, { headers: { Upgrade: "websocket" } })).status).toBe(401);
    expectProblem(await call("GET", path), 400, "VALIDATION_FAILED");
  });
});

describe("cancelling and rating", () => {
  it("cancels before pickup: the reward back to the requester, the trip's room freed, the request closed; after pickup 409", async () => {
    const { traveler, requester, trip, request, shipment } = await acceptedShipment();
    const cancelled = await shipmentAction(requester, shipment.id, "cancel");
    expect({ status: cancelled.status, shipment: cancelled.body.status }).toEqual({ status: 200, shipment: "cancelled" });
    expect(await wallet(requester)).toEqual({ available: REWARD_MINOR + ITEM_COST_MINOR, held: 0 });
    expect((await tripRow(trip.id))?.reservedGrams).toBe(0);
    expect((await requestRow(request.id))?.status).toBe("cancelled");
    expectProblem(await shipmentAction(traveler, shipment.id, "pickup"), 409, "SHIPMENT_STATE_CONFLICT");
    const next = await acceptedShipment();
    await shipmentAction(next.traveler, next.shipment.id, "pickup");
    expectProblem(await shipmentAction(next.traveler, next.shipment.id, "cancel"), 409, "SHIPMENT_STATE_CONFLICT");
  });

  it("lets the requester rate a delivered shipment once; before delivery it is 409 and the traveller may not", async () => {
    const { traveler, requester, shipment, pin } = await acceptedShipment();
    expectProblem(await shipmentAction(requester, shipment.id, "rating", { rating: 5 }), 409, "SHIPMENT_STATE_CONFLICT");
    await deliverWith(traveler, shipment.id, pin);
    expectProblem(await shipmentAction(traveler, shipment.id, "rating", { rating: 5 }), 403, "FORBIDDEN");
    expect((await shipmentAction(requester, shipment.id, "rating", { rating: 4 })).body.rating).toBe(4);
    expectProblem(await shipmentAction(requester, shipment.id, "rating", { rating: 5 }), 409, "CONFLICT");
  });
});

describe("bad input", () => {
  it("answers malformed JSON, unknown fields, a bad PIN, an out-of-range latitude and an empty batch with 400, changing nothing", async () => {
    const { traveler, shipment } = await acceptedShipment();
    const positions = `/v1/shipments/${shipment.id}/positions`;
    expectProblem(await call("POST", positions, { token: traveler.accessToken, rawBody: "{not json" }), 400, "MALFORMED_JSON");
    const [point] = walkNorthFromParis(1, 0);
    const invalid = async (action: string, body: unknown) => expectProblem(await shipmentAction(traveler, shipment.id, action, body), 400, "VALIDATION_FAILED").errors?.[0]?.path;
    expect(await invalid("positions", { positions: [point], speed: 3 })).toBe("speed");
    expect(await invalid("positions", { positions: [{ ...point, lat: 91 }] })).toBe("positions.0.lat");
    expect(await invalid("positions", { positions: [] })).toBe("positions");
    expect(await invalid("deliver", { pin: "12345" })).toBe("pin");
    expect(await invalid("deliver", { pin: "12a456" })).toBe("pin");
    expect(await invalid("rating", { rating: 6 })).toBe("rating");
    expect((await call("GET", `/v1/shipments/${shipment.id}`, { token: traveler.accessToken })).body).toMatchObject({ lastPosition: null, pinAttemptsLeft: 5 });
  });

  it("bounds the couriers-nearby radius", async () => {
    const user = await registerUser("nearby");
    for (const query of ["lat=48.8&lng=2.3&radiusKm=0", "lat=48.8&lng=2.3&radiusKm=101", "lat=95&lng=2.3&radiusKm=5", "lat=48.8&lng=2.3"]) {
      expectProblem(await call("GET", `/v1/couriers/nearby?${query}`, { token: user.accessToken }), 400, "VALIDATION_FAILED");
    }
  });
});
