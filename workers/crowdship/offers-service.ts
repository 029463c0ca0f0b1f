// Travellers' offers on shipment requests: make one with a trip that fits, list them (per request; a traveller's own across requests), withdraw.
import { and, desc, eq, inArray } from "drizzle-orm";
import { shipmentOffers, shipmentRequests, trips, type Place } from "../../db/crowdship";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, toPage } from "../platform/cursor";
import type { Tx } from "../platform/db";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import type { Currency, Money } from "../platform/money";
import { isEligible, type TravelerRecord } from "./matching";
import { findRequest, matchRadiusKm, toRequestToMatch, toTripCandidate, type RequestRow } from "./matches-service";
import { toKg } from "./trip-schemas";
import { findTrip, type TripRow } from "./trips-service";

export type OfferRow = typeof shipmentOffers.$inferSelect;

export interface OfferView {
  id: string;
  status: OfferRow["status"];
  requestId: string;
  tripId: string;
  travelerId: string;
  price: Money;
  quote: Money;
  pickupPlan: string | null;
  message: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A traveller's own offer with what it is for, so a dashboard needs no read per request. */
export interface MyOfferView extends OfferView {
  request: { id: string; item: { title: string; weightKg: number }; from: Place; to: Place; deliverBy: string; status: RequestRow["status"] };
}

export interface OfferInput {
  tripId: string;
  price: Money;
  pickupPlan?: string | undefined;
  message?: string | undefined;
}

/** Eligibility ignores the traveller's record (it only ranks), so none is read. */
const UNRANKED: TravelerRecord = { ratingAverage: null, ratingCount: 0, deliveredCount: 0, onTimeCount: 0 };

export function toOfferView(row: OfferRow, request: Pick<RequestRow, "quoteMinor">): OfferView {
  const currency = row.currency as Currency;
  return {
    id: row.id,
    status: row.status,
    requestId: row.requestId,
    tripId: row.tripId,
    travelerId: row.travelerId,
    price: { amount: row.priceMinor, currency },
    quote: { amount: request.quoteMinor, currency },
    pickupPlan: row.pickupPlan,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The offer and its request locked until the transaction ends, and with `withTrip` its trip too. Locks go request →
 * trip → offer, the order cancelling a trip (trip → its offers) also follows, so the two never deadlock.
 */
export async function lockOffer(tx: Tx, offerId: string, withTrip: boolean): Promise<{ offer: OfferRow; request: RequestRow; trip: TripRow | null }> {
  const [found] = await tx.select({ requestId: shipmentOffers.requestId, tripId: shipmentOffers.tripId }).from(shipmentOffers).where(eq(shipmentOffers.id, offerId)).limit(1);
  if (!found) throw new AppError("NOT_FOUND", "No such offer.");
  const [request] = await tx.select().from(shipmentRequests).where(eq(shipmentRequests.id, found.requestId)).for("update");
  const [trip] = withTrip ? await tx.select().from(trips).where(eq(trips.id, found.tripId)).for("update") : [];
  const [offer] = await tx.select().from(shipmentOffers).where(eq(shipmentOffers.id, offerId)).for("update");
  if (!request || !offer) throw new Error(`invariant failed: offer ${offerId} or its request vanished`);
  return { offer, request, trip: trip ?? null };
}

export function requireOpenOffer(offer: OfferRow): void {
  if (offer.status !== "open") throw new AppError("OFFER_NOT_OPEN", `This offer is ${offer.status}.`, { extra: { status: offer.status } });
}

export function requireOpenRequest(request: RequestRow): void {
  if (request.status !== "open") throw new AppError("SHIPMENT_STATE_CONFLICT", `This shipment request is ${request.status}.`, { extra: { status: request.status } });
}

/**
 * A traveller offers to carry an open request with one of their scheduled trips, at a price in the request's currency.
 * The trip must pass the matching filter (dates, free capacity, categories, both ends within the match radius).
 * One open offer per request and trip.
 */
export async function createOffer(ctx: ServiceContext, auth: AuthContext, requestId: string, input: OfferInput): Promise<OfferView> {
  if (!auth.roles.includes("traveler")) throw new AppError("FORBIDDEN", "Offers are made by travellers: take the traveler role first.");
  return inTransaction(ctx, async (scope) => {
    const request = await findRequest(scope.tx, requestId);
    if (!request) throw new AppError("NOT_FOUND", "No such shipment request.");
    if (request.requesterId === auth.userId) throw new AppError("FORBIDDEN", "You cannot offer to carry your own request.");
    requireOpenRequest(request);
    const trip = await findTrip(scope.tx, input.tripId);
    if (!trip || trip.travelerId !== auth.userId || trip.status !== "scheduled") throw new AppError("NOT_FOUND", "No such scheduled trip of yours.");
    if (input.price.currency !== request.currency) {
      throw new AppError("WRONG_CURRENCY", `This request is priced in ${request.currency}.`, { extra: { currency: request.currency } });
    }
    const now = ctx.now();
    if (!isEligible(toRequestToMatch(request), toTripCandidate(trip, UNRANKED), { radiusKm: matchRadiusKm(ctx.env), limit: 1, now })) {
      throw new AppError("TRIP_NOT_SUITABLE", "This trip cannot carry the request: check its dates, free capacity, categories and where it starts and ends.");
    }
    const [row] = await scope.tx
      .insert(shipmentOffers)
      .values({
        id: newId("shipmentOffer", now.getTime()),
        requestId,
        tripId: trip.id,
        travelerId: auth.userId,
        priceMinor: input.price.amount,
        currency: request.currency,
        pickupPlan: input.pickupPlan ?? null,
        message: input.message ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("CONFLICT", "You already have an open offer on this request with this trip; withdraw it to make another.");
    await scope.emit("shipment_offer.created", { offerId: row.id, requestId, requesterId: request.requesterId, travelerId: auth.userId, price: input.price });
    return toOfferView(row, request);
  });
}

/** A request's offers, newest first: all of them for its requester or an admin, their own for a traveller; others 404. */
export async function listOffers(
  ctx: ServiceContext,
  auth: AuthContext,
  requestId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: OfferView[]; nextCursor: string | null }> {
  const request = await findRequest(ctx.db.orm, requestId);
  const seesAll = request !== null && (request.requesterId === auth.userId || auth.roles.includes("admin"));
  if (!request || (!seesAll && !auth.roles.includes("traveler"))) throw new AppError("NOT_FOUND", "No such shipment request.");
  const rows = await ctx.db.orm
    .select()
    .from(shipmentOffers)
    .where(
      and(
        eq(shipmentOffers.requestId, requestId),
        seesAll ? undefined : eq(shipmentOffers.travelerId, auth.userId),
        newestFirstAfter(shipmentOffers.createdAt, shipmentOffers.id, page.cursor),
      ),
    )
    .orderBy(desc(shipmentOffers.createdAt), desc(shipmentOffers.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = toPage(rows, page.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  return { items: items.map((row) => toOfferView(row, request)), nextCursor };
}

/** The caller's own offers as a traveller across requests, newest first, optionally of one status, each with its request's summary. */
export async function listMyOffers(
  ctx: ServiceContext,
  auth: AuthContext,
  page: { status?: OfferRow["status"] | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: MyOfferView[]; nextCursor: string | null }> {
  const rows = await ctx.db.orm
    .select()
    .from(shipmentOffers)
    .where(and(eq(shipmentOffers.travelerId, auth.userId), page.status ? eq(shipmentOffers.status, page.status) : undefined, newestFirstAfter(shipmentOffers.createdAt, shipmentOffers.id, page.cursor)))
    .orderBy(desc(shipmentOffers.createdAt), desc(shipmentOffers.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = toPage(rows, page.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  const requestIds = [...new Set(items.map((row) => row.requestId))];
  const requests = requestIds.length === 0 ? [] : await ctx.db.orm.select().from(shipmentRequests).where(inArray(shipmentRequests.id, requestIds));
  const requestOf = new Map(requests.map((request) => [request.id, request]));
  return {
    items: items.map((row) => {
      const request = requestOf.get(row.requestId);
      if (!request) throw new Error(`invariant failed: offer ${row.id} has no request ${row.requestId}`);
      return {
        ...toOfferView(row, request),
        request: { id: request.id, item: { title: request.item.title, weightKg: toKg(request.weightGrams) }, from: request.fromPlace, to: request.toPlace, deliverBy: request.deliverBy.toISOString(), status: request.status },
      };
    }),
    nextCursor,
  };
}

/** The offer's traveller takes it back while it is open; anyone else gets 404. */
export async function withdrawOffer(ctx: ServiceContext, auth: AuthContext, offerId: string): Promise<OfferView> {
  return inTransaction(ctx, async (scope) => {
    const { offer, request } = await lockOffer(scope.tx, offerId, false);
    if (offer.travelerId !== auth.userId) throw new AppError("NOT_FOUND", "No such offer.");
    requireOpenOffer(offer);
    const [row] = await scope.tx.update(shipmentOffers).set({ status: "withdrawn", updatedAt: ctx.now() }).where(eq(shipmentOffers.id, offerId)).returning();
    return toOfferView(row!, request);
  });
}
