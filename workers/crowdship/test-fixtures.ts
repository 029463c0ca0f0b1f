// Shared by the crowdship integration tests: travellers, places, trips, shipment requests, crowdship orders and reads of what changed.
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { notifications, shipmentRequests, trips } from "../../db/schema";
import { ADDRESS, fund, pay, placeOrder, sellerWithListing, type TestUser } from "../orders/test-fixtures";
import { call, registerUser, withDatabase, type ApiResponse } from "../test-support/api";

export { deliverEvents, eventually, fund, key, registerAdmin, usd, wallet, type TestUser } from "../orders/test-fixtures";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A time `ms` from now, as the API takes it. */
export const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

/** Real city centres: Paris–London is ~344 km; Versailles is ~17 km from Paris; Berlin is ~880 km from Paris. */
export const PLACES = {
  paris: { city: "Paris", country: "FR", lat: 48.8566, lng: 2.3522 },
  versailles: { city: "Versailles", country: "FR", lat: 48.8049, lng: 2.1204 },
  london: { city: "London", country: "GB", lat: 51.5074, lng: -0.1278 },
  croydon: { city: "Croydon", country: "GB", lat: 51.3762, lng: -0.0982 },
  berlin: { city: "Berlin", country: "DE", lat: 52.52, lng: 13.405 },
  madrid: { city: "Madrid", country: "ES", lat: 40.4168, lng: -3.7038 },
} as const;

/** A point `northKm` north and `eastKm` east of `place` (flat-earth offsets: fine for the tens of km tests need). */
export function offset(place: { city: string; country: string; lat: number; lng: number }, northKm: number, eastKm = 0) {
  const lat = place.lat + northKm / 111.195;
  return { ...place, lat, lng: place.lng + eastKm / (111.195 * Math.cos((lat * Math.PI) / 180)) };
}

/**
 * A route of its own (~450 km) at a random spot, so the trips and requests of one test match nothing another test made:
 * the database is shared by the whole run.
 */
export function isolatedRoute() {
  const lat = -50 + Math.random() * 100;
  const lng = -170 + Math.random() * 330;
  const from = { city: "Testville", country: "ZZ", lat: Number(lat.toFixed(5)), lng: Number(lng.toFixed(5)) };
  return { from, to: { ...offset(from, 300, 300), city: "Otherton" } };
}

/** A user who has taken the traveler role through the API (the same token carries it). */
export async function registerTraveler(label = "traveler"): Promise<TestUser> {
  const user = await registerUser(label);
  const granted = await call("POST", "/v1/me/roles", { token: user.accessToken, body: { role: "traveler" } });
  expect(granted.status).toBe(200);
  return user;
}

/** A valid trip body: Paris → London, leaving in a day, 3 hours on the way, 5 kg free. Override any field. */
export function tripBody(overrides: Record<string, unknown> = {}) {
  return { from: PLACES.paris, to: PLACES.london, departAt: inMs(DAY_MS), arriveAt: inMs(DAY_MS + 3 * HOUR_MS), capacityKg: 5, categories: [], ...overrides };
}

export function postTrip(user: TestUser, body: Record<string, unknown>): Promise<ApiResponse> {
  return call("POST", "/v1/trips", { token: user.accessToken, body });
}

/** A trip created through the API (asserted 201), by `traveler` or a new traveller. */
export async function createTrip(overrides: Record<string, unknown> = {}, traveler?: TestUser) {
  const owner = traveler ?? (await registerTraveler("trip-owner"));
  const response = await postTrip(owner, tripBody(overrides));
  expect(response.status).toBe(201);
  return { traveler: owner, trip: response.body };
}

/** A valid standalone ("buy this for me") request body: 1.2 kg worth USD 80, Paris → London within 3 days. Override any field. */
export function requestBody(overrides: Record<string, unknown> = {}) {
  return {
    item: { title: "Box of macarons", weightKg: 1.2, value: { amount: 8_000, currency: "USD" } },
    from: PLACES.paris,
    to: PLACES.london,
    deliverBy: inMs(3 * DAY_MS),
    ...overrides,
  };
}

export function postRequest(user: TestUser, body: Record<string, unknown>): Promise<ApiResponse> {
  return call("POST", "/v1/shipment-requests", { token: user.accessToken, body });
}

/** A shipment request created through the API (asserted 201), by `requester` or a new user. */
export async function createRequest(overrides: Record<string, unknown> = {}, requester?: TestUser) {
  const owner = requester ?? (await registerUser("requester"));
  const response = await postRequest(owner, requestBody(overrides));
  expect(response.status).toBe(201);
  return { requester: owner, request: response.body };
}

/** A paid order with delivery method crowdship, from a crowdship-eligible listing (USD 100.00, no shipping charge). */
export async function paidCrowdshipOrder() {
  const { seller, listing } = await sellerWithListing({ crowdshipEligible: true });
  const buyer = await registerUser("crowd-buyer");
  const order = await placeOrder(buyer, listing.id, 1, { method: "crowdship", address: ADDRESS });
  await fund(buyer, order.total.amount);
  const paid = await pay(buyer, order.id);
  expect(paid.status).toBe(200);
  return { seller, buyer, listing, order: paid.body };
}

export async function tripRow(tripId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(trips).where(eq(trips.id, tripId)))[0]);
}

export async function requestRow(requestId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(shipmentRequests).where(eq(shipmentRequests.id, requestId)))[0]);
}

/** Sets columns a test cannot reach through the API yet (reserved grams, a status), straight in the database. */
export async function updateTrip(tripId: string, set: Partial<typeof trips.$inferInsert>): Promise<void> {
  await withDatabase((db) => db.orm.update(trips).set(set).where(eq(trips.id, tripId)));
}

export async function notificationsOf(userId: string) {
  return withDatabase((db) => db.orm.select().from(notifications).where(eq(notifications.userId, userId)));
}
