// Shared by the offers and shipments integration tests: offers, an accepted shipment, actions on it, and reads of what changed.
import { and, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { outboxEvents, shipments } from "../../db/schema";
import { call, withDatabase, type ApiResponse } from "../test-support/api";
import { createRequest, createTrip, fund, key, registerTraveler, usd, type TestUser } from "./test-fixtures";

export const REWARD_MINOR = 2_500;
/** The default request's item value (requestBody, USD 80): a standalone request holds it with the reward for the traveller. */
export const ITEM_COST_MINOR = 8_000;
/** What accepting holds from the requester: the reward, plus the item's price for a "buy this for me" request. */
export const heldFor = (request: { orderId: string | null; item: { value: { amount: number } } }) => REWARD_MINOR + (request.orderId === null ? request.item.value.amount : 0);

export function postOffer(traveler: TestUser, requestId: string, body: Record<string, unknown>): Promise<ApiResponse> {
  return call("POST", `/v1/shipment-requests/${requestId}/offers`, { token: traveler.accessToken, body });
}

export function accept(requester: TestUser, offerId: string, idempotencyKey: string = crypto.randomUUID()): Promise<ApiResponse> {
  return call("POST", `/v1/offers/${offerId}/accept`, { token: requester.accessToken, headers: key(idempotencyKey) });
}

/** POST /v1/shipments/:id/<action> as `user` (an Idempotency-Key is sent: cancel needs one, the others accept it). */
export function shipmentAction(user: TestUser, shipmentId: string, action: string, body?: unknown): Promise<ApiResponse> {
  return call("POST", `/v1/shipments/${shipmentId}/${action}`, { token: user.accessToken, body, headers: key() });
}

export const deliverWith = (traveler: TestUser, shipmentId: string, pin: string) => shipmentAction(traveler, shipmentId, "deliver", { pin });

/** A PIN that is not `pin`: the next one round the dial. */
export const wrongPin = (pin: string) => String((Number(pin) + 1) % 1_000_000).padStart(6, "0");

/** A traveller with a trip (Paris → London), a requester with a request, and the traveller's open offer on it at USD 25. */
export async function openOffer(requestOverrides: Record<string, unknown> = {}, requester?: TestUser) {
  const traveler = await registerTraveler("offer-traveler");
  const { trip } = await createTrip({}, traveler);
  const made = await createRequest(requestOverrides, requester);
  const offer = await postOffer(traveler, made.request.id, { tripId: trip.id, price: usd(REWARD_MINOR), pickupPlan: "Gare du Nord, 9:00" });
  expect(offer.status).toBe(201);
  return { traveler, trip, requester: made.requester, request: made.request, offer: offer.body };
}

/** An open offer accepted by a requester who had just enough for the reward: the shipment and its PIN. */
export async function acceptedShipment(requestOverrides: Record<string, unknown> = {}, requester?: TestUser) {
  const setup = await openOffer(requestOverrides, requester);
  await fund(setup.requester, heldFor(setup.request));
  const accepted = await accept(setup.requester, setup.offer.id);
  expect(accepted.status).toBe(201);
  return { ...setup, shipment: accepted.body.shipment, pin: accepted.body.pin as string };
}

export async function shipmentRow(shipmentId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(shipments).where(eq(shipments.id, shipmentId)))[0]);
}

/** Outbox events of `type` whose payload names this shipment (or offer, by offerId). */
export async function eventsAbout(type: string, field: "shipmentId" | "offerId", id: string) {
  return withDatabase((db) => db.orm.select().from(outboxEvents).where(and(eq(outboxEvents.type, type), sql`${outboxEvents.payload}->>${field} = ${id}`)));
}

/** Positions walking north from Paris, one a minute ending a minute ago: `count` points `stepKm` apart. */
export function walkNorthFromParis(count: number, stepKm: number) {
  const degreesPerKm = 1 / 111.2;
  const start = Date.now() - (count + 1) * 60_000;
  return Array.from({ length: count }, (_, index) => ({ lat: 48.8566 + index * stepKm * degreesPerKm, lng: 2.3522, at: new Date(start + index * 60_000).toISOString() }));
}
